// The kubelet's journal: klog-formatted lines as `journalctl -u kubelet` shows them:
//   Jan 01 00:00:05 worker-1 kubelet[612]: I0101 00:00:05.123456     612 kubelet.go:2468] "SyncLoop ADD" ...

import { EPOCH_MS } from '../api/clock.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

export interface JournalLine {
  at: number;
  text: string;
}

export class Journal {
  readonly lines: JournalLine[] = [];
  static readonly MAX = 5000;
  constructor(private host: string, readonly pid: number) {}

  /** A klog line: severity I/W/E, source file:line, structured message. */
  log(at: number, severity: 'I' | 'W' | 'E', source: string, msg: string): void {
    const d = new Date(EPOCH_MS + at);
    const us = String((at % 1000) * 1000).padStart(6, '0');
    const klog = `${severity}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${us} ${String(this.pid).padStart(7)} ${source}] ${msg}`;
    this.raw(at, `kubelet[${this.pid}]: ${klog}`);
  }

  /** A line from systemd or another unit, already formatted after the host name. */
  raw(at: number, text: string): void {
    const d = new Date(EPOCH_MS + at);
    const stamp = `${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
    // Joined into one flat string: a template literal would keep the rope of every piece of the message alive.
    this.lines.push({ at, text: [stamp, this.host, text].join(' ') });
    if (this.lines.length > Journal.MAX) this.lines.splice(0, this.lines.length - Journal.MAX);
  }
}
