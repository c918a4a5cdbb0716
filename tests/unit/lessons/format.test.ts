// The lesson format's parser and the step timeline: errors point at the field, steps add up.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../web/classroom/checks.ts';
import { looksLikeLesson, parseDurationMs, parseLesson } from '../../../web/classroom/format.ts';
import { buildStep, continueStep } from '../../../web/classroom/steps.ts';

const lesson = (steps: string) => `apiVersion: kubeplay.dev/v1alpha1
kind: Lesson
metadata: {name: t}
spec:
  title: {en: T, ko: 티}
  steps:
${steps}`;

describe('lesson format', () => {
  it('parses steps with files, commands, time, highlights and a task', () => {
    const r = parseLesson(lesson(`    - title: One
      narration: {en: Look, zh-TW: 看}
      files: {a.yaml: "x: 1"}
      run: [kubectl cordon worker-1]
      advance: 1m30s
      show: {view: node, node: worker-1, highlight: [kubelet]}
      task: {ask: Do, hint: Hint, check: {podReady: web}, solution: {a.yaml: "x: 2"}}
    - title: Two
      narration: Next
      advance: 10s`));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.lesson.title).toEqual({ en: 'T', ko: '티' });
    const [one] = r.lesson.steps;
    expect(one).toMatchObject({ advanceMs: 90_000, run: ['kubectl cordon worker-1'], files: [{ path: 'a.yaml', content: 'x: 1' }], show: { view: 'node', node: 'worker-1', highlight: ['kubelet'] } });
    expect(one!.task?.solution).toEqual([{ path: 'a.yaml', content: 'x: 2' }]);
  });

  it('says which field is wrong', () => {
    const r = parseLesson(lesson(`    - title: One
      narration: {en: A, fr: B}
      advance: soon
      files: {/etc/passwd: x}
      task: {ask: A, hint: B, check: {podHappy: web}}`));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.join('\n')).toMatch(/spec\.steps\[0\]\.narration: unknown language "fr"/);
    expect(r.errors.join('\n')).toMatch(/spec\.steps\[0\]\.advance: a duration/);
    expect(r.errors.join('\n')).toMatch(/files\.\/etc\/passwd: a relative path/);
    expect(r.errors.join('\n')).toMatch(/unknown check "podHappy"/);
  });

  it('refuses what is not a lesson, and spots lessons cheaply', () => {
    expect(parseLesson('kind: Pod').ok).toBe(false);
    expect(parseLesson('{{').ok).toBe(false);
    expect(looksLikeLesson(lesson('    - {title: a, narration: b}'))).toBe(true);
    expect(looksLikeLesson('kind: Pod\n')).toBe(false);
  });

  it('reads durations as the CLI does', () => {
    expect(parseDurationMs('40s')).toBe(40_000);
    expect(parseDurationMs('2m30s')).toBe(150_000);
    expect(parseDurationMs(5)).toBe(5000);
    expect(parseDurationMs('5 minutes')).toBeUndefined();
  });
});

describe('lesson steps as a timeline', () => {
  const r = parseLesson(lesson(`    - {title: a, narration: a, files: {a.yaml: A}, advance: 30s}
    - {title: b, narration: b, run: [ssh worker-1 systemctl stop kubelet], advance: 1m}
    - {title: c, narration: c, files: {a.yaml: A2, b.yaml: B}, advance: 5s}`));
  if (!r.ok) throw new Error(r.errors.join());

  it('places each step at the time its predecessors reached', () => {
    const s = buildStep(r.lesson, 2);
    expect(s.time).toBe(95_000);
    expect(s.inputs).toEqual([
      { at: 0, kind: 'files', files: [{ path: 'a.yaml', content: 'A' }], removed: [] },
      { at: 30_000, kind: 'command', line: 'ssh worker-1 systemctl stop kubelet' },
      { at: 90_000, kind: 'files', files: [{ path: 'a.yaml', content: 'A2' }, { path: 'b.yaml', content: 'B' }], removed: [] },
    ]);
    expect(s.files).toEqual([{ path: 'a.yaml', content: 'A2' }, { path: 'b.yaml', content: 'B' }]);
  });

  it('continues from where the class is, keeping what the learner did', () => {
    const learner = { at: 40_000, kind: 'command' as const, line: 'kubectl label node worker-2 a=b' };
    const s = continueStep(r.lesson.steps[2]!, { files: [{ path: 'mine.yaml', content: 'M' }], inputs: [...buildStep(r.lesson, 1).inputs, learner], now: 120_000 });
    expect(s.inputs.at(-2)).toEqual(learner);
    expect(s.inputs.at(-1)).toMatchObject({ at: 120_000, kind: 'files' });
    expect(s.files.map((f) => f.path)).toEqual(['mine.yaml', 'a.yaml', 'b.yaml']);
    expect(s.time).toBe(125_000);
  });
});

describe('checks', () => {
  const pod = (name: string, ready: boolean, node = 'worker-1') => ({
    kind: 'Pod', apiVersion: 'v1', metadata: { name, namespace: 'default' }, spec: { nodeName: node, containers: [] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }], containerStatuses: [{ name: 'c', ready, restartCount: 0, image: 'x', imageID: '', state: { running: {} } }] },
  });
  const objects = [pod('web-abc', true), pod('web-def', false, 'worker-2'), pod('other', true)] as never[];

  it('match pods by name and the names made from it', () => {
    expect(evaluate({ podReady: 'other' }, objects)).toEqual({ pass: true });
    expect(evaluate({ podReady: 'web' }, objects)).toMatchObject({ pass: false, seen: expect.stringContaining('web-def') });
    expect(evaluate({ podOnNode: { name: 'web', node: 'worker-1' } }, objects).pass).toBe(false);
    expect(evaluate({ podCount: { name: 'web', count: 2 } }, objects)).toEqual({ pass: true });
    expect(evaluate({ podReady: 'nothing' }, objects)).toEqual({ pass: false, seen: 'no pod nothing' });
  });
});
