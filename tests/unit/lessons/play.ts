// Plays a lesson through the same Timeline the page's worker runs: each step built as the page
// builds it, the step's claims (`expect`) and its task checked against the snapshot.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, type Outcome } from '../../../web/classroom/checks.ts';
import { parseLesson, type Lesson } from '../../../web/classroom/format.ts';
import { buildStep, mergeFiles } from '../../../web/classroom/steps.ts';
import { Timeline } from '../../../web/engine/timeline.ts';

/** How long the tests give a learner's change to take effect (the page shows it live). */
const SETTLE_MS = 30_000;

export const LESSON_DIR = join(import.meta.dirname, '..', '..', '..', 'public', 'lessons');

export function builtinLessons(): { id: string; text: string }[] {
  return readdirSync(LESSON_DIR).filter((f) => f.endsWith('.yaml')).sort().map((f) => ({ id: f.replace(/\.yaml$/, ''), text: readFileSync(join(LESSON_DIR, f), 'utf8') }));
}

export function load(text: string): Lesson {
  const r = parseLesson(text);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.lesson;
}

export interface StepReport {
  timeline: Timeline;
  expect: Outcome[];
  /** The task's check when the step opens, and after its solution is applied. */
  before?: Outcome;
  after?: Outcome;
}

export function playStep(lesson: Lesson, k: number): StepReport {
  const state = buildStep(lesson, k);
  const timeline = new Timeline(lesson.seed);
  timeline.restore(state.inputs, state.time);
  const objects = () => timeline.sim.snapshot().objects;
  const step = lesson.steps[k]!;
  const report: StepReport = { timeline, expect: step.expect.map((c) => evaluate(c, objects())) };
  if (step.task) {
    report.before = evaluate(step.task.check, objects());
    // The page's edit path: the learner's change settles like any edit made while paused.
    if (step.task.solution.length) timeline.edit(mergeFiles(state.files, step.task.solution));
    for (const line of step.task.solutionRun) timeline.command(line, false);
    timeline.advance(SETTLE_MS);
    report.after = evaluate(step.task.check, objects());
  }
  return report;
}

export const run = (t: Timeline, line: string): string => {
  const r = t.command(line, false);
  return r.stdout + r.stderr;
};
