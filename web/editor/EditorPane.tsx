// The editor column. Monaco arrives in its own chunk; until then the text is shown read-only
// so the page is useful (and the graph live) from the first paint.
import { useEffect, useRef, useState } from 'react';
import { useStore } from '../store/index.ts';

export function EditorPane() {
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const activePath = useStore((s) => s.activePath);
  const text = useStore((s) => s.files.find((f) => f.path === s.activePath)?.content ?? '');

  useEffect(() => {
    let dispose: (() => void) | undefined;
    let cancelled = false;
    import('./monaco.ts')
      .then((m) => {
        if (cancelled || !host.current) return;
        dispose = m.mountEditor(host.current);
        setState('ready');
      })
      .catch(() => setState('failed'));
    return () => {
      cancelled = true;
      dispose?.();
    };
  }, []);

  return (
    <section className="editor-pane" aria-label="Workspace editor">
      <div className="pane-tabs" role="tablist" aria-label="Open files">
        <span className="pane-tab" role="tab" aria-selected="true">
          {activePath}
        </span>
      </div>
      <div className="editor-host" data-state={state}>
        <div className="monaco-host" ref={host} />
        {state !== 'ready' && (
          <pre className="editor-fallback" aria-busy={state === 'loading'}>
            {state === 'failed' ? 'The editor failed to load. Reload the page to try again.\n\n' : ''}
            {text}
          </pre>
        )}
      </div>
    </section>
  );
}
