// Bottom bar: engine state, manifest problems, saving and restarts, the release simulated.
// (The simulated clock lives in the time bar above.)
import { useTranslation } from 'react-i18next';
import { useEffect, useState } from 'react';
import { useStore } from './store/index.ts';
import { useWaiting } from './time/useWaiting.ts';

/** True once `on` has held for `ms`: a quick apply should not blink "Reconciling…". */
function useSustained(on: boolean, ms: number): boolean {
  const [sustained, setSustained] = useState(false);
  useEffect(() => {
    if (!on) {
      setSustained(false);
      return;
    }
    const t = setTimeout(() => setSustained(true), ms);
    return () => clearTimeout(t);
  }, [on, ms]);
  return sustained;
}

export function StatusBar() {
  const { t } = useTranslation();
  // Only what it shows: a new snapshot re-renders the bar when these change, not at every patch.
  const revision = useStore((s) => s.snapshot?.revision);
  const timeIso = useStore((s) => s.snapshot?.timeIso ?? '');
  const version = useStore((s) => s.snapshot?.version ?? '');
  const errors = useStore((s) => s.errors);
  const status = useStore((s) => s.status);
  const fatal = useStore((s) => s.fatal);
  const tookMs = useStore((s) => s.tookMs);
  const revealInEditor = useStore((s) => s.revealInEditor);
  const restarts = useStore((s) => s.restarts);
  const saveError = useStore((s) => s.saveError);
  const first = errors[0];
  const busy = useSustained(status === 'busy' || status === 'starting', 250);
  const shown = status === 'crashed' ? 'crashed' : busy ? 'busy' : 'idle';
  // Idle is not "settled" while the kubelet holds a container back: say what it waits for.
  const waiting = useWaiting();
  const engineText = shown === 'idle' && waiting ? waiting : t(`status.${shown}`);

  return (
    <footer className="statusbar" aria-label={t('status.label')}>
      <span className={`engine-state ${shown}`} title={fatal ?? t('status.took', { ms: tookMs.toFixed(0) })}>
        <span className="dot" aria-hidden="true" />
        {engineText}
      </span>
      <button
        type="button"
        className={errors.length ? 'errors has-errors' : 'errors'}
        data-testid="error-count"
        disabled={!first}
        title={errors.length ? t('status.problems', { count: errors.length }) : t('status.noProblems')}
        onClick={() => first && revealInEditor(first.file, first.line, first.col)}
      >
        {errors.length === 0 ? t('status.noErrors') : t('status.errors', { count: errors.length })}
      </button>
      {first && (
        <span className="first-error" title={first.message} aria-live="polite">
          {first.file}:{first.line}:{first.col}: {first.message}
        </span>
      )}
      <span className="spacer" />
      {saveError && (
        <span className="save-error" role="alert" title={saveError}>
          {t('status.notSaved')}
        </span>
      )}
      {restarts > 0 && (
        <span className="muted" title={t('status.restartedTitle')}>
          {restarts > 1 ? t('status.restartedTimes', { count: restarts }) : t('status.restarted')}
        </span>
      )}
      {revision !== undefined && (
        <>
          <span className="muted" data-testid="revision" title={`${t('status.revisionTitle', { rev: revision })} · ${t('status.simulatedAt', { time: timeIso })}`} aria-label={t('status.revisionTitle', { rev: revision })}>
            {t('status.revision', { rev: revision })}
          </span>
          <span data-testid="k8s-version">{t('status.version', { version })}</span>
        </>
      )}
    </footer>
  );
}
