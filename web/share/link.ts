// Between the page and a payload: what this page shows now, as a payload; a payload shown here.
import type { WorkspaceFile } from '../../core/protocol.ts';
import { engine } from '../engine/client.ts';
import { useStore } from '../store/index.ts';
import { starterFiles } from '../store/workspace.ts';
import { encodePayload } from './codec.ts';
import { inputsWorthSharing, type SharePayload } from './payload.ts';

/** Longer links get cut by mail and chat tools; past this we offer a file instead. */
export const MAX_LINK = 16_000;

export function currentPayload(): SharePayload {
  const s = useStore.getState();
  const t = engine()?.timeline();
  const inputs = t ? inputsWorthSharing(t.inputs, s.files) : undefined;
  return {
    files: s.files,
    seed: t?.seed ?? 1,
    time: s.clock?.time ?? 0,
    view: { graph: s.graphView, node: s.viewNode, selected: s.selected, system: s.showSystem },
    ...(s.activePath ? { active: s.activePath } : {}),
    ...(inputs ? { inputs } : {}),
  };
}

/** This page's address with the payload in the fragment (never sent to any server). */
export const linkFor = (p: SharePayload): string => `${location.origin}${location.pathname}${location.search}#${encodePayload(p)}`;

const sameFiles = (a: WorkspaceFile[], b: WorkspaceFile[]) =>
  a.length === b.length && a.every((f) => b.some((g) => g.path === f.path && g.content === f.content));

/** Replacing would drop text that exists nowhere else: the user's own edits. */
export function wouldLoseWork(incoming: WorkspaceFile[]): boolean {
  const { files } = useStore.getState();
  return !sameFiles(files, incoming) && !sameFiles(files, starterFiles());
}

/** Shows a payload: its files (one undoable step), its view, and its timeline at its time. */
export function showPayload(p: SharePayload, label: string): void {
  useStore.getState().replaceWorkspace(p.files, label, p.active);
  useStore.setState({ graphView: p.view.graph, viewNode: p.view.node, selected: p.view.selected, showSystem: p.view.system });
  engine()?.load({ files: p.files, seed: p.seed, time: p.time, ...(p.inputs ? { inputs: p.inputs } : {}) });
}
