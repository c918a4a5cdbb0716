// The narration bar: runs a lesson step by step. Each step loads its timeline into the engine
// (steps.ts), shows its view and spotlights what the narration talks about; a task holds "Next"
// until its check passes on the live snapshot. ←/→ (and a presenter's PageUp/PageDown) step.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KObject } from '../../core/api/types.ts';
import { engine } from '../engine/client.ts';
import { inspect } from '../graph/live.ts';
import { currentLang } from '../i18n/index.ts';
import { useStore } from '../store/index.ts';
import type { LessonSource } from '../store/classroom.ts';
import { evaluate, podsNamed } from './checks.ts';
import { pick, type Lesson, type Show } from './format.ts';
import { loadLesson } from './source.ts';
import { useHighlights } from './framing.ts';
import { frameIdsFor, selectorsFor, spotlight } from './spotlight.ts';
import { buildStep, continueStep, mergeFiles } from './steps.ts';
import { typing } from './shortcuts.ts';

type Loaded = { lesson: Lesson; keep: { path: string; content: string }[] } | { errors: string[] };

/** Arrow keys belong to whatever uses them: sliders, splitters, tabs, trees, the graph. */
const ARROW_OWNERS = '[role="slider"], [role="separator"], [role="tablist"], [role="tree"], .react-flow, dialog';

/** `Pod/web` → the key of the first pod named so (what the inspector takes). */
function keyOf(ref: string, objects: KObject[]): string | null {
  const m = /^([A-Z]\w+)\/(.+)$/.exec(ref);
  if (!m) return null;
  if (m[1] === 'Pod') {
    const p = podsNamed(objects, m[2]!)[0];
    return p ? `Pod/${p.metadata.namespace ?? 'default'}/${p.metadata.name}` : null;
  }
  const parts = m[2]!.split('/');
  const [ns, name] = parts.length > 1 ? parts : [m[1] === 'Node' ? '' : 'default', parts[0]];
  return objects.some((o) => o.kind === m[1] && o.metadata.name === name) ? `${m[1]}/${ns}/${name}` : null;
}

export function LessonRunner({ source }: { source: LessonSource }) {
  const { t } = useTranslation(); // re-renders on a language change
  const lang = currentLang();
  const snapshot = useStore((s) => s.snapshot);
  const openLesson = useStore((s) => s.openLesson);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [index, setIndex] = useState(0);
  const clock = useStore((s) => s.clock);
  /**
   * The step's own timeline, as the clock will report it once loaded: checks wait for it, so a
   * snapshot of an earlier load still in flight (quick key presses) never passes a task.
   */
  const [target, setTarget] = useState<string | null>(null);
  const [armed, setArmed] = useState(false);
  const [passed, setPassed] = useState(false);
  const [hint, setHint] = useState(false);
  const bar = useRef<HTMLElement>(null);

  useEffect(() => {
    let live = true;
    setLoaded(null);
    loadLesson(source, useStore.getState().files)
      .then(({ result, file }) => live && setLoaded(result.ok ? { lesson: result.lesson, keep: file ? [file] : [] } : { errors: result.errors }))
      .catch((e: unknown) => live && setLoaded({ errors: [String(e instanceof Error ? e.message : e)] }));
    return () => {
      live = false;
    };
  }, [source]);

  const lesson = loaded && 'lesson' in loaded ? loaded.lesson : null;
  const step = lesson?.steps[index];

  const goTo = (k: number, forward: boolean) => {
    if (!lesson || !loaded || !('lesson' in loaded) || k < 0 || k >= lesson.steps.length) return;
    const s = useStore.getState();
    const eng = engine();
    const state = forward && eng
      ? continueStep(lesson.steps[k]!, { files: s.files, inputs: eng.timeline().inputs, now: s.clock?.time ?? 0 })
      : buildStep(lesson, k, loaded.keep);
    const next = lesson.steps[k]!;
    const active = next.task?.solution[0]?.path ?? next.files[0]?.path ?? s.activePath;
    s.replaceWorkspace(state.files, t('classroom.undoLabel', { title: pick(lesson.title, currentLang()), n: k + 1 }), state.files.some((f) => f.path === active) ? active : undefined);
    eng?.load({ files: state.files, seed: lesson.seed, time: state.time, inputs: state.inputs });
    setTarget(`${state.time}|${state.inputs.map((i) => i.at).join()}`);
    setArmed(false);
    setPassed(false);
    setHint(false);
    setIndex(k);
    show(next.show);
  };
  const show = (v: Show | null) => {
    if (!v) return;
    const s = useStore.getState();
    s.setGraphView(v.view, v.node);
    if (v.system !== undefined && v.system !== s.showSystem) s.toggleSystem();
    if (!v.select) s.select(null);
  };

  // A new lesson starts at its first step.
  useEffect(() => {
    if (lesson) goTo(0, false);
    // goTo reads the latest store state itself; only a new lesson restarts.
  }, [lesson]);

  const objects = useMemo(() => snapshot?.objects ?? [], [snapshot]);
  useEffect(() => {
    if (!armed && clock && `${clock.time}|${clock.inputs.join()}` === target) setArmed(true);
  }, [clock, target, armed]);
  const fresh = armed && !!snapshot;
  const outcome = step?.task && fresh ? evaluate(step.task.check, objects) : null;
  useEffect(() => {
    if (outcome?.pass) setPassed(true); // latched: breaking it again later does not take "Next" away
  }, [outcome?.pass]);

  // Select what the step names once it exists (a pod appears a moment after the step loads).
  const selectRef = step?.show?.select;
  const selectKey = fresh && selectRef ? keyOf(selectRef, objects) : null;
  useEffect(() => {
    if (selectKey) inspect(selectKey);
  }, [selectKey]);

  // Spotlight, on the editor | graph area (the graph arrives lazily and its views replace their
  // DOM; the observer follows).
  const targets = useMemo(() => (step?.show?.highlight ?? []).flatMap((h) => selectorsFor(h, objects)), [step, objects]);
  useEffect(() => spotlight(document.querySelector('main.split') ?? document.body, targets), [targets]);
  // The same targets frame the graph in presentation mode (framing.ts); a new set only when they change.
  const frameIds = useMemo(() => (step?.show?.highlight ?? []).flatMap((h) => frameIdsFor(h, objects)), [step, objects]);
  const frameKey = frameIds.map((m) => m.id).join();
  useEffect(() => {
    useHighlights.getState().set(frameIds);
    return () => useHighlights.getState().set([]);
  }, [frameKey]);

  const canNext = !!step && (!step.task || passed);
  const last = !!lesson && index === lesson.steps.length - 1;
  const next = () => (last ? openLesson(null) : canNext && goTo(index + 1, true));

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || typing(e.target)) return;
      if (e.target instanceof Element && e.target.closest(ARROW_OWNERS)) return;
      if (document.querySelector('dialog[open]')) return;
      if (e.key === 'ArrowRight' || e.key === 'PageDown') next();
      else if (e.key === 'ArrowLeft' || e.key === 'PageUp') goTo(index - 1, false);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const solve = () => {
    if (!step?.task) return;
    const s = useStore.getState();
    if (step.task.solution.length) s.replaceWorkspace(mergeFiles(s.files, step.task.solution), t('classroom.solutionLabel'), step.task.solution[0]!.path);
    // Terminal lines go through the engine's own session, as if typed; then time runs so their
    // effect shows (an edit settles by itself, a command does not).
    const eng = engine();
    if (!eng || !step.task.solutionRun.length) return;
    void step.task.solutionRun.reduce((p, line) => p.then(() => eng.terminal(line)), Promise.resolve({} as unknown)).then(() => eng.terminal('sleep 30s'));
  };

  if (!loaded) return <section className="narration" aria-label={t('classroom.narration')} aria-busy="true"><p className="nar-text">{t('classroom.loading')}</p></section>;
  if ('errors' in loaded) {
    return (
      <section className="narration" aria-label={t('classroom.narration')}>
        <div className="nar-head">
          <h2 className="nar-title">{t('classroom.broken')}</h2>
          <span className="spacer" />
          <button type="button" className="nar-btn" onClick={() => openLesson(null)}>{t('classroom.close')}</button>
        </div>
        <ul className="nar-errors mono" role="alert">{loaded.errors.map((e) => <li key={e}>{e}</li>)}</ul>
      </section>
    );
  }
  if (!lesson || !step) return null;
  return (
    <section className="narration" aria-label={t('classroom.narration')} ref={bar} lang={lang}>
      <div className="nar-head">
        <span className="nar-lesson">{pick(lesson.title, lang)}</span>
        <nav className="nar-dots" aria-label={t('classroom.steps')}>
          {lesson.steps.map((s, i) => (
            <button
              key={i}
              type="button"
              className={`nar-dot${i === index ? ' current' : ''}`}
              aria-current={i === index ? 'step' : undefined}
              aria-label={t('classroom.stepN', { n: i + 1, title: pick(s.title, lang) })}
              title={pick(s.title, lang)}
              onClick={() => goTo(i, false)}
            >
              {i + 1}
            </button>
          ))}
        </nav>
        <span className="spacer" />
        <button type="button" className="nar-btn" onClick={() => goTo(index - 1, false)} disabled={index === 0}>
          ← {t('classroom.back')}
        </button>
        <button type="button" className="nar-btn primary" onClick={next} disabled={!canNext} aria-keyshortcuts="ArrowRight" title={canNext ? undefined : t('classroom.taskFirst')}>
          {last ? t('classroom.finish') : `${t('classroom.next')} →`}
        </button>
        <button type="button" className="nar-btn" onClick={() => openLesson(null)} aria-label={t('classroom.close')} title={t('classroom.close')}>×</button>
      </div>
      <h2 className="nar-title">
        <span className="nar-count">{t('classroom.stepOf', { n: index + 1, total: lesson.steps.length })}</span> {pick(step.title, lang)}
      </h2>
      <p className="nar-text" aria-live="polite">{pick(step.narration, lang)}</p>
      {step.task && (
        <div className={`nar-task${passed ? ' done' : ''}`} role="group" aria-label={t('classroom.task')}>
          <span className="nar-task-mark" aria-hidden="true">{passed ? '✓' : '?'}</span>
          <div className="nar-task-body">
            <strong>{pick(step.task.ask, lang)}</strong>
            <div className="nar-task-state" role="status">
              {passed ? t('classroom.passed') : outcome && !outcome.pass ? t('classroom.notYet', { seen: outcome.seen }) : t('classroom.checking')}
            </div>
            {hint && <p className="nar-hint">{pick(step.task.hint, lang)}</p>}
          </div>
          {!passed && (
            <div className="nar-task-actions">
              <button type="button" className="nar-btn" aria-expanded={hint} onClick={() => setHint(!hint)}>{t('classroom.hint')}</button>
              <button type="button" className="nar-btn" onClick={solve}>{t('classroom.solve')}</button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
