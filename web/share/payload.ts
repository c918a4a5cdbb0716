// What a share link, an embed option and the postMessage API carry: the files, the seed, the
// simulated time, the view, and (when the session did more than load the files) the timeline's
// recorded inputs — with those, the engine replays to exactly what the author saw.
import type { TimelineInput, WorkspaceFile } from '../../core/protocol.ts';
import type { GraphView } from '../store/ui.ts';
import { cleanPath } from '../files/tree.ts';
import { checkFiles, LIMITS, type Checked } from './validate.ts';
import { refuse } from './refusals.ts';

export interface ShareView {
  graph: GraphView;
  node: string;
  /** The selected object key (or rule/chain key), or null. */
  selected: string | null;
  system: boolean;
}

export interface SharePayload {
  files: WorkspaceFile[];
  seed: number;
  /** Simulated ms shown; absent: load afresh and let the cluster settle (as the editor does). */
  time?: number;
  view: ShareView;
  /** The active tab, if any. */
  active?: string;
  inputs?: TimelineInput[];
}

/** Simulated time a payload may ask for: replaying further could keep the engine busy for long. */
export const MAX_TIME_MS = 24 * 3600_000;
const MAX_INPUTS = 2000;
const MAX_LINE = 4096;
const GRAPH_VIEWS: readonly GraphView[] = ['cluster', 'node', 'datapath'];
const NODE_NAME = /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/;
const CONTROL = /[\0-\x08\x0A-\x1F\x7F]/;

export const DEFAULT_VIEW: ShareView = { graph: 'cluster', node: 'worker-1', selected: null, system: false };

const isTime = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_TIME_MS;

export function checkView(v: unknown): ShareView {
  // A bad view is not worth refusing a link for: fall back field by field.
  const o = (typeof v === 'object' && v ? v : {}) as Record<string, unknown>;
  return {
    graph: GRAPH_VIEWS.includes(o.graph as GraphView) ? (o.graph as GraphView) : 'cluster',
    node: typeof o.node === 'string' && NODE_NAME.test(o.node) ? o.node : DEFAULT_VIEW.node,
    selected: typeof o.selected === 'string' && o.selected.length <= 600 && !CONTROL.test(o.selected) ? o.selected : null,
    system: o.system === true,
  };
}

function checkPaths(v: unknown): string[] | null {
  if (!Array.isArray(v) || v.length > LIMITS.files) return null;
  const paths = v.map((p) => (typeof p === 'string' ? cleanPath(p) : { error: '' }));
  return paths.every((p) => 'path' in p) ? paths.map((p) => (p as { path: string }).path) : null;
}

function checkInputs(v: unknown): Checked<TimelineInput[]> {
  if (!Array.isArray(v) || v.length > MAX_INPUTS) return refuse('timelineMalformed');
  const out: TimelineInput[] = [];
  let last = 0;
  for (const raw of v as Record<string, unknown>[]) {
    if (!isTime(raw?.at) || raw.at < last) return refuse('timelineOrder');
    last = raw.at;
    if (raw.kind === 'command') {
      const host = raw.host;
      if (typeof raw.line !== 'string' || raw.line.length > MAX_LINE || CONTROL.test(raw.line)) return refuse('commandMalformed');
      if (host !== undefined && (typeof host !== 'string' || !NODE_NAME.test(host))) return refuse('commandNode');
      out.push({ at: raw.at, kind: 'command', line: raw.line, ...(host ? { host } : {}) });
    } else if (raw?.kind === 'files') {
      const files: Checked<WorkspaceFile[]> = Array.isArray(raw.files) && raw.files.length === 0 ? { ok: true, value: [] } : checkFiles(raw.files);
      if (!files.ok) return files;
      const removed = checkPaths(raw.removed);
      if (!removed) return refuse('editPath');
      out.push({ at: raw.at, kind: 'files', files: files.value, removed });
    } else return refuse('inputKind');
  }
  return { ok: true, value: out };
}

/** Validates a payload that came from outside, building a new object from checked fields only. */
export function checkPayload(v: unknown): Checked<SharePayload> {
  const o = (typeof v === 'object' && v ? v : {}) as Record<string, unknown>;
  const files = checkFiles(o.files);
  if (!files.ok) return files;
  const seed = o.seed ?? 1;
  if (!Number.isInteger(seed) || (seed as number) < 0 || (seed as number) > 0x7fffffff) return refuse('seed');
  if (o.time !== undefined && !isTime(o.time)) return refuse('time');
  const payload: SharePayload = { files: files.value, seed: seed as number, view: checkView(o.view) };
  if (o.time !== undefined) payload.time = o.time as number;
  if (typeof o.active === 'string' && files.value.some((f) => f.path === o.active)) payload.active = o.active;
  if (o.inputs !== undefined) {
    const inputs = checkInputs(o.inputs);
    if (!inputs.ok) return inputs;
    payload.inputs = inputs.value;
  }
  return { ok: true, value: payload };
}

/**
 * The timeline's inputs are worth carrying only when they say more than "these files at t=0":
 * later edits, or terminal commands that changed the cluster.
 */
export function inputsWorthSharing(inputs: TimelineInput[], files: WorkspaceFile[]): TimelineInput[] | undefined {
  const [first, ...rest] = inputs;
  if (!first) return undefined;
  const same = first.kind === 'files' && first.at === 0 && first.removed.length === 0 && first.files.length === files.length &&
    first.files.every((f) => files.some((g) => g.path === f.path && g.content === f.content));
  return same && rest.length === 0 ? undefined : inputs;
}
