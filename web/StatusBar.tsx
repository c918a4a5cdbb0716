// Bottom bar: engine state, manifest problems, saving and restarts, the release simulated.
// (The simulated clock lives in the time bar above.)
import { useEffect, useState } from 'react';
import { useStore } from './store/index.ts';

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
  const snapshot = useStore((s) => s.snapshot);
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
  const engineText = { crashed: 'Engine error (showing last good state)', busy: 'Reconciling…', idle: 'Cluster settled' }[shown];

  return (
    <footer className="statusbar" aria-label="Status">
      <span className={`engine-state ${shown}`} title={fatal ?? `last apply took ${tookMs.toFixed(0)} ms`}>
        <span className="dot" aria-hidden="true" />
        {engineText}
      </span>
      <button
        type="button"
        className={errors.length ? 'errors has-errors' : 'errors'}
        data-testid="error-count"
        disabled={!first}
        aria-label={errors.length ? `${errors.length} manifest problem(s): show the first in the editor` : 'No manifest problems'}
        onClick={() => first && revealInEditor(first.file, first.line, first.col)}
      >
        {errors.length === 0 ? 'No errors' : `${errors.length} ${errors.length === 1 ? 'error' : 'errors'}`}
      </button>
      {first && (
        <span className="first-error" title={first.message} aria-live="polite">
          {first.file}:{first.line}:{first.col}: {first.message}
        </span>
      )}
      <span className="spacer" />
      {saveError && (
        <span className="save-error" role="alert" title={saveError}>
          Not saved in this browser (storage refused): copy your text before closing the page
        </span>
      )}
      {restarts > 0 && (
        <span className="muted" title="The engine stopped; a new one replayed your edits and commands">
          engine restarted{restarts > 1 ? ` ×${restarts}` : ''}
        </span>
      )}
      {snapshot && (
        <>
          <span className="muted" title={`simulated ${snapshot.timeIso}`}>rev {snapshot.revision}</span>
          <span data-testid="k8s-version">Kubernetes {snapshot.version}</span>
        </>
      )}
    </footer>
  );
}
