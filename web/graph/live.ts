// What the graph views ask the engine for and derive between snapshots, kept apart from the app
// store because none of it is state of the app: the open node's view (re-asked at every new
// snapshot, one request in flight), and "what my edit did" — the changes between the snapshot
// before an edit and the ones in the few seconds after it, objects and kube-proxy rules alike.
import { create } from 'zustand';
import type { Snapshot } from '../../core/protocol.ts';
import { engine } from '../engine/client.ts';
import { useStore } from '../store/index.ts';
import { diffChains, diffSnapshots, mergeChanges, type Change, type ChangeKind } from './changes.ts';
import type { NodeView } from './viewTypes.ts';

/** Changes this long after an edit still count as the edit's (a playing clock shows them later). */
const WINDOW_MS = 6000;
/** How long the graph keeps what changed highlighted. */
export const HOT_MS = 5000;

export interface LiveState {
  nodeView: NodeView | null;
  nodeViewError: string | null;
  /** The last edit's changes (objects and chains), and when that edit happened (simulated ms). */
  changes: Change[];
  editAt: number | null;
  /** Keys highlighted right now: objectKey/chainKey → kind, and new rule lines (ruleKey). */
  hot: Map<string, ChangeKind>;
  hotRules: Set<string>;
  /** Bumped by every pick in a graph, so the inspector shows it even when it is picked again. */
  inspectSeq: number;
}

export const useLive = create<LiveState>()(() => ({
  nodeView: null,
  nodeViewError: null,
  changes: [],
  editAt: null,
  hot: new Map(),
  hotRules: new Set(),
  inspectSeq: 0,
}));

/** Select something picked in a graph and bring the inspector to it. */
export function inspect(key: string | null): void {
  useStore.getState().select(key);
  if (key) useLive.setState((s) => ({ inspectSeq: s.inspectSeq + 1 }));
}

let windowUntil = 0;
let cool: ReturnType<typeof setTimeout> | undefined;

function absorb(changes: Change[], rules: Set<string> = new Set()): void {
  if (!changes.length && !rules.size) return;
  const s = useLive.getState();
  const hot = new Map(s.hot);
  for (const c of changes) hot.set(c.key, c.kind);
  useLive.setState({ changes: mergeChanges(s.changes, changes), hot, hotRules: new Set([...s.hotRules, ...rules]) });
  clearTimeout(cool);
  cool = setTimeout(() => useLive.setState({ hot: new Map(), hotRules: new Set() }), HOT_MS);
}

/** A new timeline (the scenario reset): nothing on screen is an edit's doing any more. */
export function forgetChanges(): void {
  windowUntil = 0;
  clearTimeout(cool);
  useLive.setState({ changes: [], editAt: null, hot: new Map(), hotRules: new Set() });
}

let asking = false;
let again = false;
function askNodeView(): void {
  const api = engine();
  if (!api) return;
  if (asking) {
    again = true;
    return;
  }
  asking = true;
  const name = useStore.getState().viewNode;
  void api.view({ kind: 'node', name }).then((r) => {
    asking = false;
    const prev = useLive.getState().nodeView;
    if (r.kind === 'node') {
      if (prev && prev.name === r.node.name && performance.now() < windowUntil) {
        const d = diffChains(prev, r.node);
        absorb(d.changes, d.rules);
      }
      useLive.setState({ nodeView: r.node, nodeViewError: null });
    } else if (r.kind === 'error') useLive.setState({ nodeView: null, nodeViewError: r.message });
    if (again) {
      again = false;
      askNodeView();
    }
  });
}

/**
 * In the cluster view the node's rules matter only to "what my edit did", and a big node's view is
 * a megabyte worked out by the worker: asked once typing pauses, not at every snapshot.
 */
const QUIET_MS = 400;
let quiet: ReturnType<typeof setTimeout> | undefined;
function askNodeViewSoon(): void {
  clearTimeout(quiet);
  if (useStore.getState().graphView !== 'cluster') askNodeView();
  else quiet = setTimeout(askNodeView, QUIET_MS);
}

/** Follows the store: call once (the workbench does); returns the unsubscribe. */
export function startLive(): () => void {
  let prevFiles = useStore.getState().files;
  let prevSnap: Snapshot | null = useStore.getState().snapshot;
  askNodeView();
  const stop = useStore.subscribe((s, old) => {
    if (s.viewNode !== old.viewNode) {
      useLive.setState({ nodeView: null });
      askNodeView();
    } else if (s.graphView !== old.graphView && s.graphView !== 'cluster') askNodeView();
    if (s.files !== prevFiles) {
      prevFiles = s.files;
      // Typing is many edits: those close together make one list; a later edit starts afresh.
      if (performance.now() > windowUntil) useLive.setState({ changes: [], editAt: s.snapshot?.time ?? null });
      windowUntil = performance.now() + WINDOW_MS;
    }
    if (s.snapshot === prevSnap || !s.snapshot) return;
    const snap = s.snapshot;
    const before = prevSnap;
    prevSnap = snap;
    if (before && snap.time < before.time) windowUntil = 0; // rewound: nothing here is an edit's doing
    if (before && performance.now() < windowUntil) absorb(diffSnapshots(before, snap));
    askNodeViewSoon();
  });
  return () => {
    stop();
    clearTimeout(quiet);
  };
}
