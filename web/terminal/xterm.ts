// xterm.js running the shared shell in the worker (loaded lazily from TerminalPanel, in its own
// chunk). Lines go to the engine's terminal session; a `trace` publishes its path to the store.
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { engine } from '../engine/client.ts';
import { useStore } from '../store/index.ts';
import { LineEditor } from './lineEditor.ts';

const HISTORY_KEY = 'kubeplay.history.v1';
const RED = '\x1b[38;2;252;165;165m';
const DIM = '\x1b[38;2;148;163;184m';
const RESET = '\x1b[0m';
const BANNER = `${DIM}A shell next to the simulated cluster. Try: kubectl get pods -o wide · ssh worker-1 · iptables-save -t nat
trace --from pod/NAME --to SERVICE:PORT · sleep 30s · Tab completes, ↑/↓ recall, Esc leaves the terminal.${RESET}\n`;

declare global {
  // End-to-end test hook: the terminal's text as shown.
  var kubeplayTerminal: { text: () => string; rows: () => number } | undefined;
}

function loadHistory(): string[] {
  try {
    const h: unknown = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]');
    return Array.isArray(h) ? h.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

export function mountTerminal(host: HTMLElement, onEscape: () => void): { dispose: () => void; focus: () => void } {
  const term = new Terminal({
    fontFamily: "ui-monospace, 'JetBrains Mono', 'Cascadia Code', Menlo, Consolas, 'DejaVu Sans Mono', monospace",
    fontSize: 15,
    lineHeight: 1.15,
    cursorBlink: true,
    scrollback: 5000,
    theme: { background: '#0b1220', foreground: '#e5e7eb', cursor: '#fbbf24', selectionBackground: '#334155' },
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(host);
  fit.fit();
  // Refit when the panel is resized (the dock's separator, the window): once per frame while dragging.
  let refit = 0;
  const resize = new ResizeObserver(() => {
    refit ||= requestAnimationFrame(() => {
      refit = 0;
      fit.fit();
    });
  });
  resize.observe(host);

  const line = new LineEditor(loadHistory());
  let busy = false;
  /** A `kubectl get -w` holds the terminal, as in a real shell, until Ctrl-C. */
  let watching = false;
  const queue: string[] = [];
  const prompt = () => useStore.getState().prompt;
  const redraw = () => term.write(line.render(prompt()));

  const run = async (text: string) => {
    busy = true;
    term.write('\r\n');
    if (text.trim() === 'clear') term.clear();
    else if (text.trim()) {
      const r = await engine()?.terminal(text);
      if (r) {
        if (r.stdout) term.write(crlf(r.stdout));
        if (r.stderr) term.write(RED + crlf(r.stderr) + RESET);
        useStore.getState().setPrompt(r.prompt);
        if (r.trace) useStore.getState().publishTrace(r.trace);
        watching = r.watching === true;
      }
    }
    try {
      localStorage.setItem(HISTORY_KEY, JSON.stringify(line.history));
    } catch {
      /* history not kept */
    }
    if (!watching) release();
  };

  /** The prompt again, and the next queued input. */
  const release = () => {
    term.write(prompt());
    busy = false;
    const next = queue.shift();
    if (next !== undefined) feed(next);
  };

  // Rows of a running watch arrive as time passes (Play, step, an edit); a rewind ends it.
  const unwatch = engine()?.onWatch((out) => {
    if (!watching) return;
    if (out.stdout) term.write(crlf(out.stdout));
    if (!out.ended) return;
    watching = false;
    term.write(`${DIM}kubeplay: the watch stopped: the cluster it watched was rewound or restarted.${RESET}\r\n`);
    release();
  });

  /** Ctrl-C ends the watch; as a terminal's interrupt does, it also drops what was typed ahead. */
  const interrupt = () => {
    watching = false;
    queue.length = 0;
    engine()?.interrupt();
    term.write('^C\r\n');
    release();
  };

  const tab = async () => {
    line.end();
    const r = await engine()?.complete(line.buffer);
    if (!r) return;
    const { listing } = line.complete(r.start, r.items);
    if (listing.length) term.write(`\r\n${listing.join('  ')}\r\n`);
    redraw();
  };

  const KEYS: Record<string, () => void> = {
    '\x7f': () => line.backspace(),
    '\x1b[3~': () => line.del(),
    '\x1b[D': () => line.move(-1),
    '\x1b[C': () => line.move(1),
    '\x1b[A': () => line.browse(-1),
    '\x1b[B': () => line.browse(1),
    '\x1b[H': () => line.home(),
    '\x1bOH': () => line.home(),
    '\x01': () => line.home(),
    '\x1b[F': () => line.end(),
    '\x1bOF': () => line.end(),
    '\x05': () => line.end(),
    '\x15': () => line.killBefore(),
  };

  function feed(data: string): void {
    if (watching) {
      if (data === '\x03') interrupt();
      return;
    }
    if (busy) {
      queue.push(data);
      return;
    }
    if (KEYS[data]) {
      KEYS[data]();
      return redraw();
    }
    if (data === '\t') return void tab();
    if (data === '\x03') {
      term.write('^C');
      line.take();
      term.write(`\r\n${prompt()}`);
      return;
    }
    if (data === '\x0c') {
      term.clear();
      return redraw();
    }
    // Typed or pasted text; each newline runs the line so far (a pasted script runs line by line).
    const parts = data.replace(/\x1b\[[0-9;]*[A-Za-z~]/g, '').split(/\r\n|\r|\n/);
    line.insert(parts[0]!.replace(/[\x00-\x1f]/g, ''));
    if (parts.length === 1) return redraw();
    redraw();
    const rest = parts.slice(1).join('\n');
    if (rest) queue.push(rest);
    void run(line.take());
  }

  term.attachCustomKeyEventHandler((e) => {
    // Esc hands the keyboard back to the page (Tab is completion inside the terminal).
    if (e.key === 'Escape' && e.type === 'keydown') {
      onEscape();
      return false;
    }
    return true;
  });
  const data = term.onData(feed);
  term.write(crlf(BANNER) + prompt());

  globalThis.kubeplayTerminal = {
    text: () => {
      const b = term.buffer.active;
      const out: string[] = [];
      for (let i = 0; i < b.length; i++) out.push(b.getLine(i)?.translateToString(true) ?? '');
      return out.join('\n').trimEnd();
    },
    rows: () => term.rows,
  };

  return {
    focus: () => term.focus(),
    dispose: () => {
      data.dispose();
      unwatch?.();
      resize.disconnect();
      cancelAnimationFrame(refit);
      term.dispose();
      globalThis.kubeplayTerminal = undefined;
    },
  };
}
