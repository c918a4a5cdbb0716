// Glue between the embed, the store and the engine: show a payload, move the clock, report state.
import { engine } from '../engine/client.ts';
import type { SharePayload } from '../share/payload.ts';
import { useStore } from '../store/index.ts';
import type { EmbedState } from './hostApi.ts';

/** The payload's files and view in the store (no undo step: nothing of the reader's is replaced). */
export function setScenario(p: SharePayload, view: { graph?: SharePayload['view']['graph'] | null; node?: string | null } = {}): void {
  const active = p.active ?? p.files[0]?.path ?? '';
  useStore.setState({
    files: p.files, folders: [], open: active ? [active] : [], activePath: active,
    graphView: view.graph ?? p.view.graph, viewNode: view.node ?? p.view.node, selected: p.view.selected, showSystem: p.view.system,
  });
}

/** Whether the engine must replay (a time, a seed or a recorded timeline) rather than just load. */
export const needsReplay = (p: SharePayload) => p.time !== undefined || !!p.inputs || p.seed !== 1;

/** A fresh engine timeline for the payload (its files must already be in the store). */
export function replay(p: SharePayload): void {
  engine()?.load({ files: p.files, seed: p.seed, ...(p.time !== undefined ? { time: p.time } : {}), ...(p.inputs ? { inputs: p.inputs } : {}) });
}

export function loadPayload(p: SharePayload): void {
  setScenario(p);
  replay(p);
}

/** Rewinding within what was reached is a seek; going further replays the timeline to that time. */
export function setTime(ms: number): void {
  const { clock, files } = useStore.getState();
  const e = engine();
  if (!e) return;
  if (clock && ms <= clock.head) return e.seek(ms);
  const { seed, inputs } = e.timeline();
  e.load({ files, seed, time: ms, ...(inputs.length ? { inputs } : {}) });
}

export function embedState(): EmbedState {
  const s = useStore.getState();
  return {
    time: s.clock?.time ?? 0,
    head: s.clock?.head ?? 0,
    playing: s.clock?.playing ?? false,
    seed: engine()?.timeline().seed ?? 1,
    files: s.files.map((f) => ({ path: f.path, content: f.content })),
    objects: (s.snapshot?.objects ?? []).map((o) => {
      const pod = o as { status?: { phase?: string }; spec?: { nodeName?: string } };
      return {
        kind: o.kind, name: o.metadata.name,
        ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
        ...(o.kind === 'Pod' && pod.status?.phase ? { phase: pod.status.phase } : {}),
        ...(o.kind === 'Pod' && pod.spec?.nodeName ? { node: pod.spec.nodeName } : {}),
      };
    }),
    errors: s.errors.map((e) => ({ file: e.file, line: e.line, col: e.col, message: e.message })),
  };
}
