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
  const setDock = useStore((s) => s.setDock);
  // Manifest errors apart from warnings (YAML's own, e.g. a duplicate key), and the cluster's
  // Warning events beside the latter: "0 errors · 2 warnings", never "No errors" over a BackOff.
  const warningEvents = useStore((s) => s.snapshot?.events.reduce((n, e) => n + (e.type === 'Warning' ? 1 : 0), 0) ?? 0);
  const manifestWarnings = errors.filter((e) => e.severity === 'warning');
  const realErrors = errors.length - manifestWarnings.length;
  const warnings = manifestWarnings.length + warningEvents;
  const first = errors.find((e) => e.severity === 'error');
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
        className={realErrors ? 'errors has-errors' : 'errors'}
        data-testid="error-count"
        disabled={!first}
        title={realErrors ? t('status.problems', { count: realErrors }) : t('status.noProblems')}
        onClick={() => first && revealInEditor(first.file, first.line, first.col)}
      >
        {realErrors === 0 && warnings === 0 ? t('status.noErrors') : t('status.errors', { count: realErrors })}
      </button>
      {warnings > 0 && (
        <button
          type="button"
          className="errors has-warnings"
          data-testid="warning-count"
          title={t('status.warningsTitle', { events: warningEvents, manifest: manifestWarnings.length })}
          onClick={() => {
            const w = manifestWarnings[0];
            if (w) revealInEditor(w.file, w.line, w.col);
            else setDock('events');
          }}
        >
          {t('status.warnings', { count: warnings })}
        </button>
      )}
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
