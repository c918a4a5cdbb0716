// Building blocks shared by the describers, after upstream kubectl/pkg/describe/describe.go:
// a prefix writer (two spaces per level), the multi-line label/annotation/toleration/taint
// fields, the Events table, and the tabwriter settings (minwidth 0, padding 2, ' ').
import type { KEvent } from '../../api/types.ts';
import { since } from '../duration.ts';
import { byteCompare } from '../labelFormat.ts';
import { tabwrite } from '../tabwriter.ts';

/** Collects describe text; flush() closes a tabwriter paragraph as Flush() does upstream. */
export class DescribeWriter {
  private done: string[] = [];
  private pending = '';

  write(level: number, text: string): void {
    this.pending += '  '.repeat(level) + text;
  }

  flush(): void {
    this.done.push(tabwrite(this.pending, { minwidth: 0, padding: 2 }));
    this.pending = '';
  }

  toString(): string {
    this.flush();
    return this.done.join('');
  }
}

const RFC1123Z_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const RFC1123Z_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z ("Mon, 02 Jan 2006 15:04:05 -0700"), in UTC (the simulated machine's zone). */
export function rfc1123z(timestamp: string | null | undefined): string {
  const d = new Date(timestamp ? Date.parse(timestamp) : -62135596800000); // Go's zero time
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${RFC1123Z_DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${RFC1123Z_MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} `
    + `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** "Labels:  a=b" then one "\tk=v" line per further key; "<none>" when empty. */
export function writeLabels(w: DescribeWriter, title: string, labels: Record<string, string> | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort(byteCompare);
  if (keys.length === 0) return w.write(0, '<none>\n');
  keys.forEach((k, i) => w.write(0, `${i === 0 ? '' : '\t'}${k}=${labels![k]}\n`));
}

const MAX_ANNOTATION_LEN = 140;
const SKIPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

/** Annotations as "key: value"; long or multi-line values go on their own, shortened, lines. */
export function writeAnnotations(w: DescribeWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {}).filter((k) => !SKIPPED_ANNOTATIONS.has(k)).sort(byteCompare);
  if (keys.length === 0) return w.write(0, '<none>\n');
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, '\t');
    const value = annotations![k]!.replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const s of value.split('\n')) {
        const max = MAX_ANNOTATION_LEN - 2;
        w.write(0, `\t  ${s.length > max ? s.slice(0, max) + '...' : s}\n`);
      }
    } else {
      w.write(0, `${k}: ${value}\n`);
    }
  });
}

/** One entry per line after the title, "<none>" when there are none. */
export function writeMultiline(w: DescribeWriter, title: string, lines: string[]): void {
  w.write(0, `${title}:\t`);
  if (lines.length === 0) return w.write(0, '<none>\n');
  lines.forEach((l, i) => w.write(0, `${i === 0 ? '' : '\t'}${l}\n`));
}

// Fields of events.k8s.io that a core/v1 Event may carry.
interface SeriesFields {
  eventTime?: string | null;
  series?: { count: number; lastObservedTime: string };
  reportingComponent?: string;
}

const eventSortTime = (e: KEvent & SeriesFields): number =>
  Date.parse(e.series?.lastObservedTime || e.lastTimestamp || e.eventTime || '') || 0;

/** The Events table: its own tabwriter paragraph, oldest first, "Age" as "5s (x3 over 2m)". */
export function writeEvents(w: DescribeWriter, events: KEvent[], now: number): void {
  if (events.length === 0) return w.write(0, 'Events:\t<none>\n');
  w.flush();
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  const sorted = [...events as (KEvent & SeriesFields)[]].sort((a, b) => eventSortTime(a) - eventSortTime(b));
  for (const e of sorted) {
    const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
    const age = e.series
      ? `${since(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`
      : e.count > 1 ? `${since(e.lastTimestamp, now)} (x${e.count} over ${first})` : first;
    const source = e.source?.component || e.reportingComponent || '';
    w.write(1, `${e.type}\t${e.reason}\t${age}\t${source}\t${e.message.trim()}\n`);
  }
}
