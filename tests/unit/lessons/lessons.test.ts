// Every built-in lesson: well-formed, written in all three languages, listed in index.json, and
// true to the engine — what each step's narration claims holds (`expect`), and each task's check
// fails when the step opens and passes once its solution is applied.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANG_IDS, type Text } from '../../../web/classroom/format.ts';
import { builtinLessons, LESSON_DIR, load, playStep } from './play.ts';

const lessons = builtinLessons().map((l) => ({ ...l, lesson: load(l.text) }));
const index = JSON.parse(readFileSync(join(LESSON_DIR, 'index.json'), 'utf8')) as { id: string; title: Text; summary: Text; steps: number }[];

describe('built-in lessons', () => {
  it('index.json lists every lesson with its title, summary and step count', () => {
    expect(index.map((e) => e.id)).toEqual(lessons.map((l) => l.id));
    for (const { id, lesson } of lessons) {
      const e = index.find((x) => x.id === id)!;
      expect(e.title).toEqual(lesson.title);
      expect(e.summary).toEqual(lesson.summary);
      expect(e.steps).toBe(lesson.steps.length);
    }
  });

  it.each(lessons.map((l) => [l.id, l.lesson] as const))('%s is written in every language', (_id, lesson) => {
    const texts: Text[] = [lesson.title, lesson.summary!, ...lesson.steps.flatMap((s) => [s.title, s.narration, ...(s.task ? [s.task.ask, s.task.hint] : [])])];
    for (const t of texts) for (const lang of LANG_IDS) expect(t[lang], `${t.en} (${lang})`).toMatch(/\S/);
  });

  describe.each(lessons.map((l) => [l.id, l.lesson] as const))('%s', (_id, lesson) => {
    it.each(lesson.steps.map((s, k) => [k, s.title.en] as const))('step %i (%s) does what it says', (k) => {
      const r = playStep(lesson, k);
      r.expect.forEach((o, i) => expect(o, `expect[${i}]`).toEqual({ pass: true }));
      if (lesson.steps[k]!.task) {
        expect(r.before?.pass, 'the task is not already done').toBe(false);
        expect(r.after, 'the solution passes the check').toEqual({ pass: true });
      }
    });
  });
});
