// A lesson step as a timeline: the same inputs the engine records for edits and terminal lines,
// so stepping, rewinding and the CLI agree. Step i's files and commands land at the time its
// predecessors advanced to; the step is shown once its own `advance` has passed.
import type { TimelineInput, WorkspaceFile } from '../../core/protocol.ts';
import type { Lesson, Step } from './format.ts';

export interface StepState {
  /** The workspace the editor shows at this step. */
  files: WorkspaceFile[];
  inputs: TimelineInput[];
  /** Simulated ms at which the step is shown. */
  time: number;
}

function stepInputs(step: Step, at: number): TimelineInput[] {
  // Commands first: a step that taints a node and then adds pods means the pods to meet the taint.
  const out: TimelineInput[] = step.run.map((line) => ({ at, kind: 'command', line }));
  if (step.files.length || step.remove.length) out.push({ at, kind: 'files', files: step.files, removed: step.remove });
  return out;
}

export function mergeFiles(base: WorkspaceFile[], patch: WorkspaceFile[], removed: string[] = []): WorkspaceFile[] {
  const map = new Map(base.map((f) => [f.path, f.content]));
  for (const p of removed) map.delete(p);
  for (const f of patch) map.set(f.path, f.content);
  return [...map].map(([path, content]) => ({ path, content }));
}

/** Step `k` built from the lesson alone (starting, jumping, stepping back). `keep` (the lesson file itself) stays in the workspace. */
export function buildStep(lesson: Lesson, k: number, keep: WorkspaceFile[] = []): StepState {
  let files = keep;
  let t = 0;
  const inputs: TimelineInput[] = keep.length ? [{ at: 0, kind: 'files', files: keep, removed: [] }] : [];
  lesson.steps.slice(0, k + 1).forEach((step, i) => {
    files = mergeFiles(files, step.files, step.remove);
    inputs.push(...stepInputs(step, t));
    if (i < k) t += step.advanceMs;
  });
  return { files, inputs: merged(inputs), time: t + (lesson.steps[k]?.advanceMs ?? 0) };
}

/**
 * Stepping forward from where the class is: the recorded timeline up to now (the learner's own
 * edits and commands included) plus the next step's inputs, now.
 */
export function continueStep(step: Step, current: { files: WorkspaceFile[]; inputs: TimelineInput[]; now: number }): StepState {
  const past = current.inputs.filter((i) => i.at <= current.now);
  return {
    files: mergeFiles(current.files, step.files, step.remove),
    inputs: [...past, ...stepInputs(step, current.now)],
    time: current.now + step.advanceMs,
  };
}

/** Files inputs at the same moment become one (as one edit would be). */
function merged(inputs: TimelineInput[]): TimelineInput[] {
  const out: TimelineInput[] = [];
  for (const i of inputs) {
    const last = out.at(-1);
    if (i.kind === 'files' && last?.kind === 'files' && last.at === i.at) {
      out[out.length - 1] = { ...last, files: mergeFiles(last.files, i.files, i.removed), removed: [...last.removed.filter((p) => !i.files.some((f) => f.path === p)), ...i.removed] };
    } else out.push(i);
  }
  return out;
}
