// The workspace as one multi-document YAML file that `kubectl apply -f` also accepts: each file
// starts at a `--- # kubeplay-file: "PATH"` document marker, so importing it rebuilds the tree.
// A file without a final newline is marked `noeol`, so the round trip is exact.
import type { WorkspaceFile } from '../../core/protocol.ts';
import { checkFiles, type Checked } from './validate.ts';
import { refuse } from './refusals.ts';

const MARKER = /^--- # kubeplay-file: ("(?:[^"\\]|\\.)*")( noeol)?\r?$/;
const HEADER = '# kubeplay workspace: one file per "kubeplay-file" marker. Import it in kubeplay, or kubectl apply -f it.\n';

export function toBundle(files: WorkspaceFile[]): Checked<string> {
  const clash = files.find((f) => f.content.split('\n').some((l) => MARKER.test(l)));
  if (clash) return refuse('markerInFile', { path: clash.path });
  const parts = files.map((f) => {
    const eol = f.content === '' || f.content.endsWith('\n');
    return `--- # kubeplay-file: ${JSON.stringify(f.path)}${eol ? '' : ' noeol'}\n${f.content}${eol ? '' : '\n'}`;
  });
  return { ok: true, value: HEADER + parts.join('') };
}

/** A bundle back to files; YAML with no marker at all is one file named `fallbackName`. */
export function fromBundle(text: string, fallbackName: string): Checked<WorkspaceFile[]> {
  const lines = text.split('\n');
  const files: { path: unknown; content: string }[] = [];
  let current: { path: unknown; lines: string[]; noeol: boolean } | null = null;
  const close = () => {
    if (!current) return;
    // Every file's text was written ending in a newline (added when marked noeol).
    const content = current.lines.length ? current.lines.join('\n') + '\n' : '';
    files.push({ path: current.path, content: current.noeol ? content.slice(0, -1) : content });
  };
  for (const [i, line] of lines.entries()) {
    const m = MARKER.exec(line);
    if (m) {
      close();
      let path: unknown;
      try {
        path = JSON.parse(m[1]!);
      } catch {
        return refuse('badMarker', { line: i + 1 });
      }
      current = { path, lines: [], noeol: !!m[2] };
    } else if (current) current.lines.push(line);
  }
  if (!current) return checkFiles([{ path: fallbackName, content: text }]);
  // split() leaves an empty string after the final newline: not a line of the last file.
  if (current.lines.at(-1) === '') current.lines.pop();
  close();
  return checkFiles(files);
}
