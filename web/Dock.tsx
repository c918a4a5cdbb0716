// The bottom dock: the terminal and the event stream, one at a time, or collapsed to its tabs.
// Its top edge is a separator: drag it, or focus it and use ↑/↓ (Home/End), to give the
// terminal more or less room; the height is remembered, and xterm refits to it (xterm.ts).
import { useTranslation } from 'react-i18next';
import { lazy, Suspense, useRef } from 'react';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { Separator, useRemembered } from './Split.tsx';
import { useStore } from './store/index.ts';
import type { DockTab } from './store/terminal.ts';
import { TerminalPanel } from './terminal/TerminalPanel.tsx';

const EventsPanel = lazy(() => import('./time/EventsPanel.tsx').then((m) => ({ default: m.EventsPanel })));

const TABS: DockTab[] = ['terminal', 'events'];
const HEIGHT_KEY = 'kubeplay.dock-height.v1';
const MIN = 120;
/** The graph keeps at least a third of the window. */
const max = () => Math.max(MIN, Math.round(globalThis.innerHeight * 0.65));
/** A short screen (a 720 px laptop) gives the dock less of its height, the graph more. */
const fallback = () => Math.round(Math.min(320, Math.max(MIN, globalThis.innerHeight * (globalThis.innerHeight < 800 ? 0.17 : 0.28))));

export function Dock() {
  const { t } = useTranslation();
  const dock = useStore((s) => s.dock);
  const setDock = useStore((s) => s.setDock);
  const warnings = useStore((s) => s.snapshot?.events.filter((e) => e.type === 'Warning').length ?? 0);
  const tabs = useRef<HTMLDivElement>(null);
  const box = useRef<HTMLElement>(null);
  const [height, setHeight] = useRemembered(HEIGHT_KEY, fallback, MIN, max);
  const fromPointer = (_: number, y: number) => Math.round((box.current?.getBoundingClientRect().bottom ?? y) - y);

  return (
    <section className={`dock${dock ? ' open' : ''}`} aria-label={t('dock.label')} ref={box} style={dock ? { height } : undefined}>
      {dock && (
        <Separator className="dock-resize" orientation="horizontal" label={t('split.dock')} value={height} min={MIN} max={max()} step={24} onChange={setHeight} fromPointer={fromPointer} />
      )}
      <div className="dock-tabs">
        <div className="dock-tablist" role="tablist" aria-label={t('dock.label')} ref={tabs}>
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={dock === id}
            className="dock-tab"
            onClick={() => setDock(dock === id ? null : id)}
          >
            {t(`dock.${id}`)}
            {id === 'events' && warnings > 0 && <span className="pill bad">{t('dock.warnings', { count: warnings })}</span>}
          </button>
        ))}
        </div>
        <span className="spacer" />
        <button type="button" className="icon-btn" aria-label={dock ? t('dock.collapse') : t('dock.open')} onClick={() => setDock(dock ? null : 'terminal')}>
          {dock ? '▾' : '▴'}
        </button>
      </div>
      <ErrorBoundary name="terminal">
        <TerminalPanel visible={dock === 'terminal'} onEscape={() => tabs.current?.querySelector<HTMLElement>('[aria-selected=true]')?.focus()} />
      </ErrorBoundary>
      {dock === 'events' && (
        <ErrorBoundary name="events">
          <Suspense fallback={<p className="panel-note">{t('dock.loading')}</p>}>
            <EventsPanel />
          </Suspense>
        </ErrorBoundary>
      )}
    </section>
  );
}
