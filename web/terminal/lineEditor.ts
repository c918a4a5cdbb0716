// The terminal's line editing, as in bash's readline (the few keys people use): insert, move,
// delete, history with ↑/↓, and Tab completion. Pure state; xterm.ts turns it into escapes.

export interface Completed {
  /** Names to list under the line when Tab could not choose (several matches). */
  listing: string[];
}

export class LineEditor {
  buffer = '';
  cursor = 0;
  /** Oldest first. */
  history: string[];
  /** Position while browsing history; history.length = the line being typed. */
  private index: number;
  private draft = '';

  constructor(history: string[] = [], private max = 500) {
    this.history = history.slice(-max);
    this.index = this.history.length;
  }

  insert(text: string): void {
    this.buffer = this.buffer.slice(0, this.cursor) + text + this.buffer.slice(this.cursor);
    this.cursor += text.length;
  }

  backspace(): void {
    if (!this.cursor) return;
    this.buffer = this.buffer.slice(0, this.cursor - 1) + this.buffer.slice(this.cursor);
    this.cursor--;
  }

  del(): void {
    this.buffer = this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1);
  }

  move(by: number): void {
    this.cursor = Math.max(0, Math.min(this.buffer.length, this.cursor + by));
  }

  home(): void {
    this.cursor = 0;
  }

  end(): void {
    this.cursor = this.buffer.length;
  }

  /** Ctrl+U: drop what is before the cursor. */
  killBefore(): void {
    this.buffer = this.buffer.slice(this.cursor);
    this.cursor = 0;
  }

  /** ↑ (-1) and ↓ (+1) through history; the line being typed is kept as the newest entry. */
  browse(by: -1 | 1): void {
    const next = Math.max(0, Math.min(this.history.length, this.index + by));
    if (next === this.index) return;
    if (this.index === this.history.length) this.draft = this.buffer;
    this.index = next;
    this.buffer = next === this.history.length ? this.draft : this.history[next]!;
    this.cursor = this.buffer.length;
  }

  /** Enter: returns the line and starts a new one (non-blank lines go to history, no repeats). */
  take(): string {
    const line = this.buffer;
    if (line.trim() && this.history.at(-1) !== line) this.history = [...this.history, line].slice(-this.max);
    this.buffer = '';
    this.cursor = 0;
    this.draft = '';
    this.index = this.history.length;
    return line;
  }

  /** Applies completions of the word at `start` (the cursor is at the end of the line). */
  complete(start: number, items: string[]): Completed {
    if (!items.length) return { listing: [] };
    const word = this.buffer.slice(start);
    const common = items.reduce((p, s) => {
      let i = 0;
      while (i < p.length && p[i] === s[i]) i++;
      return p.slice(0, i);
    });
    // One match: finish the word (and a space, unless more follows such as pod/ or name:).
    const text = items.length === 1 ? items[0] + (/[/:=]$/.test(items[0]!) ? '' : ' ') : common;
    if (text.length > word.length || items.length === 1) {
      this.buffer = this.buffer.slice(0, start) + text;
      this.cursor = this.buffer.length;
      return { listing: [] };
    }
    return { listing: items };
  }

  /** The escape sequence that redraws the line after `prompt` with the cursor in place. */
  render(prompt: string): string {
    const back = this.buffer.length - this.cursor;
    return `\r${prompt}${this.buffer}\x1b[K${back ? `\x1b[${back}D` : ''}`;
  }
}
