// Plays the last packet trace (from the trace panel or a `trace` typed in the terminal: the
// store's lastTrace) over the data-path view: the view opens on the node that rewrites the
// packet, then the path lights up hop by hop — each matched rule, each jump, the DNAT, the pod.
// Once the packet has arrived the whole path stays lit (on whichever node's data path is opened)
// until the user clears it or traces again.
import { create } from 'zustand';
import { useStore } from '../store/index.ts';
import type { TraceResult } from './viewTypes.ts';

const FRAME_MS = 500;

export interface Playback {
  trace: TraceResult;
  /** hops[0, step) have happened; step === hops.length when the packet has arrived. */
  step: number;
  playing: boolean;
}

const usePlayback = create<{ playback: Playback | null }>()(() => ({ playback: null }));
export const useTracePlayback = (): Playback | null => usePlayback((s) => s.playback);

/** Hop indices worth a frame: where a rule decides something, and the end. */
export function frames(trace: TraceResult): number[] {
  const out: number[] = [];
  trace.hops.forEach((h, i) => {
    if (['rule', 'branch', 'nat', 'ipvs', 'outcome', 'netns', 'link'].includes(h.kind)) out.push(i + 1);
  });
  if (out.at(-1) !== trace.hops.length) out.push(trace.hops.length);
  return out;
}

/** The node whose rules decide the packet's fate: where its destination is first rewritten. */
export function decidingNode(trace: TraceResult): string | undefined {
  const dnat = trace.hops.find((h) => h.kind === 'nat' && h.nat?.type === 'DNAT');
  return dnat?.node ?? trace.hops.find((h) => h.node)?.node;
}

let timer: ReturnType<typeof setInterval> | undefined;

export function play(trace: TraceResult): void {
  clearInterval(timer);
  const node = decidingNode(trace) ?? useStore.getState().viewNode;
  useStore.getState().setGraphView('datapath', node);
  const f = frames(trace);
  let i = 0;
  usePlayback.setState({ playback: { trace, step: f[0] ?? 0, playing: true } });
  timer = setInterval(() => {
    i++;
    const p = usePlayback.getState().playback;
    if (!p || p.trace !== trace) return clearInterval(timer);
    if (i >= f.length) {
      clearInterval(timer);
      usePlayback.setState({ playback: { ...p, playing: false } });
    } else usePlayback.setState({ playback: { ...p, step: f[i]! } });
  }, FRAME_MS);
}

/** The path is no longer lit (the trace panel keeps the result). */
export function clearTrace(): void {
  clearInterval(timer);
  usePlayback.setState({ playback: null });
}

/** Opens another node's data path, where the packet's hops on that node are lit. */
export const showTraceOn = (node: string): void => useStore.getState().setGraphView('datapath', node);

/** Plays every trace published to the store (the terminal's and the trace panel's). */
export function startTracePlayback(): () => void {
  return useStore.subscribe((s, old) => {
    if (s.lastTrace && s.lastTrace !== old.lastTrace) play(s.lastTrace.trace);
  });
}
