// The embedded playground: a slim bar, the files (plain text when read-only, Monaco when
// editable), the graph, and optionally the time bar and the terminal — as the URL asked.
import { lazy, Suspense, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBoundary } from '../ErrorBoundary.tsx';
import { GraphPane } from '../graph/GraphPane.tsx';
import { StatusBar } from '../StatusBar.tsx';
import { TimeBar } from '../time/TimeBar.tsx';
import { CodeView } from './CodeView.tsx';
import type { EmbedOptions } from './options.ts';

// Only editable embeds fetch Monaco; only embeds with a terminal fetch xterm.
const EditorPane = lazy(() => import('../editor/EditorPane.tsx').then((m) => ({ default: m.EditorPane })));
const Dock = lazy(() => import('../Dock.tsx').then((m) => ({ default: m.Dock })));

/** Opens this moment in the full playground, in a new tab (encoded when clicked, not before). */
async function openFull(e: MouseEvent<HTMLAnchorElement>) {
  const a = e.currentTarget;
  if (a.dataset.ready) return;
  e.preventDefault();
  const [{ currentPayload }, { encodePayload }] = await Promise.all([import('../share/link.ts'), import('../share/codec.ts')]);
  a.href = `./#${encodePayload(currentPayload())}`;
  a.dataset.ready = '1';
  a.click();
  delete a.dataset.ready;
}

export function EmbedApp({ opts, problems }: { opts: EmbedOptions; problems: string[] }) {
  const { t } = useTranslation();
  const has = (p: EmbedOptions['panels'][number]) => opts.panels.includes(p);
  const editor = has('editor') && (
    <ErrorBoundary name="editor">
      {opts.editable ? (
        <Suspense fallback={<CodeView />}>
          <EditorPane />
        </Suspense>
      ) : (
        <CodeView />
      )}
    </ErrorBoundary>
  );

  return (
    <div className={`embed${has('editor') && has('graph') ? ' two' : ''}`}>
      <header className="embed-bar">
        <span className="embed-brand" aria-label="kubeplay">kubeplay</span>
        <span className="embed-mode">{opts.editable ? t('embed.editable') : t('embed.readOnly')}</span>
        {problems.length > 0 && (
          <span className="embed-problem" role="alert" title={problems.join('\n')}>{problems[0]}</span>
        )}
        <span className="spacer" />
        <a className="embed-open" href="./" target="_blank" rel="noopener noreferrer" onClick={(e) => void openFull(e)}>
          {t('embed.openFull')}
        </a>
      </header>
      <main className="embed-main">
        {editor}
        {has('graph') && <ErrorBoundary name="graph"><GraphPane /></ErrorBoundary>}
      </main>
      {has('time') && <TimeBar />}
      {has('terminal') && (
        <Suspense fallback={null}>
          <Dock />
        </Suspense>
      )}
      {opts.editable && <StatusBar />}
    </div>
  );
}
