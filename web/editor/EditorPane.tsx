// The editor column: the file tree, tabs, and Monaco. Monaco arrives in its own chunk; until then
// the text is shown read-only so the page is useful (and the graph live) from the first paint.
import { useTranslation } from 'react-i18next';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { UndoBar } from '../files/UndoBar.tsx';
import { Icon } from '../icons.tsx';
import { useStore } from '../store/index.ts';
import type { MountedEditor } from './monaco.ts';

const TREE_KEY = 'kubeplay.tree.v1';
// Its own small chunk, fetched at once but outside the first-load budget.
const FileTree = lazy(() => import('../files/FileTree.tsx').then((m) => ({ default: m.FileTree })));

export function EditorPane() {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const tabList = useRef<HTMLDivElement>(null);
  const mounted = useRef<MountedEditor | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [showTree, setShowTree] = useState(() => {
    const saved = globalThis.localStorage?.getItem(TREE_KEY);
    // Until chosen: shown when there is room, or more than one file to find.
    return saved ? saved === 'shown' : window.innerWidth >= 1500 || useStore.getState().files.length > 1;
  });
  const open = useStore((s) => s.open);
  const activePath = useStore((s) => s.activePath);
  const errorFiles = useStore((s) => s.errors);
  const text = useStore((s) => s.files.find((f) => f.path === s.activePath)?.content ?? '');
  const { openFile, closeTab } = useStore.getState();

  useEffect(() => {
    let cancelled = false;
    import('./monaco.ts')
      .then((m) => {
        if (cancelled || !host.current) return;
        mounted.current = m.mountEditor(host.current);
        setState('ready');
      })
      .catch(() => setState('failed'));
    return () => {
      cancelled = true;
      mounted.current?.dispose();
    };
  }, []);

  useEffect(() => {
    tabList.current?.querySelector('.pane-tab.active')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [activePath, open]);

  const toggleTree = () => {
    setShowTree(!showTree);
    try {
      localStorage.setItem(TREE_KEY, showTree ? 'hidden' : 'shown');
    } catch {
      /* not remembered */
    }
  };

  return (
    <section className={`editor-pane${showTree ? ' with-tree' : ''}`} aria-label={t('editor.label')}>
      {showTree && (
        <Suspense fallback={<nav className="file-tree" aria-label={t('tree.label')} aria-busy="true" />}>
          <FileTree />
        </Suspense>
      )}
      <div className="editor-main">
        <div className="pane-tabs">
          <button type="button" className="icon-btn tree-toggle" aria-pressed={showTree} aria-label={showTree ? t('editor.hideTree') : t('editor.showTree')} title={t('editor.files')} onClick={toggleTree}><Icon name="menu" size={18} /></button>
          <div className="tab-list" role="tablist" aria-label={t('editor.openFiles')} ref={tabList}>
            {open.map((p) => (
              <div key={p} role="presentation" className={`pane-tab${p === activePath ? ' active' : ''}${errorFiles.some((e) => e.file === p) ? ' has-errors' : ''}`} title={p}>
                <button type="button" role="tab" aria-selected={p === activePath} className="tab-name" onClick={() => openFile(p)} aria-keyshortcuts="Delete" title={t('editor.closeKey', { path: p })} onKeyDown={(e) => e.key === 'Delete' && closeTab(p)}>
                  {p.split('/').pop()}
                </button>
                <span className="tab-close" aria-hidden="true" title={t('editor.close', { path: p })} onClick={() => closeTab(p)}>×</span>
              </div>
            ))}
          </div>
          <button type="button" className="btn-light small" disabled={state !== 'ready' || !activePath} onClick={() => mounted.current?.format()} title={t('editor.formatTitle')}>
            {t('editor.format')}
          </button>
        </div>
        <UndoBar />
        <div className="editor-host" data-state={state}>
          <div className="monaco-host" ref={host} />
          {state !== 'ready' && (
            <pre className="editor-fallback" aria-busy={state === 'loading'}>
              {state === 'failed' ? `${t('editor.failed')}\n\n` : ''}
              {text}
            </pre>
          )}
          {state === 'ready' && !activePath && <div className="editor-empty">{t('editor.empty')}</div>}
        </div>
      </div>
    </section>
  );
}
