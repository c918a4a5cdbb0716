// The pod's 8-step journey (recorded by core/journey) played across the cluster view: each step
// lights the component that acted — API server, etcd, controller manager, scheduler, the node's
// kubelet, its runtime (+CNI), then the pod itself — with a caption saying what it did.
import { create } from 'zustand';
import type { JourneyView } from './viewTypes.ts';

export type JourneyTarget = 'kubectl' | 'apiserver' | 'etcd' | 'controller-manager' | 'scheduler' | 'kubelet' | 'runtime' | 'pod';

export interface JourneyFrame {
  /** objectKey of the pod. */
  pod: string;
  target: JourneyTarget;
  /** The node, for kubelet/runtime steps. */
  node?: string;
  step: number;
  total: number;
  caption: string;
}

const STEP_MS = 1400;

/** Which graph element stands for a recorded step. */
export function targetOf(component: string, step: number): JourneyTarget {
  if (step === 8) return 'pod';
  if (component === 'kubectl') return 'kubectl';
  if (component === 'kube-apiserver') return 'apiserver';
  if (component === 'etcd') return 'etcd';
  if (component.includes('scheduler')) return 'scheduler';
  if (component.includes('controller')) return 'controller-manager';
  if (component.startsWith('containerd') || step === 7) return 'runtime';
  return 'kubelet';
}

export function framesOf(pod: string, j: JourneyView, podNode: string | undefined): JourneyFrame[] {
  return j.steps.map((s) => {
    const node = s.component.split('@')[1] ?? podNode;
    return {
      pod, target: targetOf(s.component, s.step), step: s.step, total: 8,
      ...(node ? { node } : {}),
      caption: `${s.step}/8 ${j.names[s.step] ?? ''} · ${s.component}: ${s.action} (t=${(s.time / 1000).toFixed(1)} s)`,
    };
  });
}

interface JourneyState {
  frames: JourneyFrame[];
  index: number;
  /** Counts the journeys played (the cluster view fits itself to show each one whole). */
  seq: number;
}

export const useJourney = create<JourneyState>()(() => ({ frames: [], index: -1, seq: 0 }));

let timer: ReturnType<typeof setInterval> | undefined;

export function playJourney(frames: JourneyFrame[]): void {
  clearInterval(timer);
  useJourney.setState((s) => ({ frames, index: 0, seq: s.seq + 1 }));
  timer = setInterval(() => {
    const { index, frames: f } = useJourney.getState();
    // The last frame stays a moment, then the animation ends.
    if (index >= f.length) {
      clearInterval(timer);
      useJourney.setState({ frames: [], index: -1 });
    } else useJourney.setState({ index: index + 1 });
  }, STEP_MS);
}

/** The frame being shown, or null. Components re-render only when it changes. */
export const useJourneyStep = (): JourneyFrame | null => useJourney((s) => s.frames[Math.min(s.index, s.frames.length - 1)] ?? null);
