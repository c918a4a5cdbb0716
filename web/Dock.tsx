// The bottom dock: the terminal and the event stream, one at a time, or collapsed to its tabs.
import { lazy, Suspense, useRef } from 'react';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { useStore } from './store/index.ts';
import type { DockTab } from './store/terminal.ts';
import { TerminalPanel } from './terminal/TerminalPanel.tsx';

const EventsPanel = lazy(() => import('./time/EventsPanel.tsx').then((m) => ({ default: m.EventsPanel })));

const TABS: { id: DockTab; label: string }[] = [
  { id: 'terminal', label: 'Terminal' },
  { id: 'events', label: 'Events' },
];

export function Dock() {
  const dock = useStore((s) => s.dock);
  const setDock = useStore((s) => s.setDock);
  const warnings = useStore((s) => s.snapshot?.events.filter((e) => e.type === 'Warning').length ?? 0);
  const tabs = useRef<HTMLDivElement>(null);

  return (
    <section className={`dock${dock ? ' open' : ''}`} aria-label="Terminal and events">
      <div className="dock-tabs" role="tablist" ref={tabs}>
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={dock === t.id}
            className="dock-tab"
            onClick={() => setDock(dock === t.id ? null : t.id)}
          >
            {t.label}
            {t.id === 'events' && warnings > 0 && <span className="pill bad">{warnings} warning{warnings === 1 ? '' : 's'}</span>}
          </button>
        ))}
        <span className="spacer" />
        <button type="button" className="icon-btn" aria-label={dock ? 'Collapse the panel' : 'Open the terminal'} onClick={() => setDock(dock ? null : 'terminal')}>
          {dock ? '▾' : '▴'}
        </button>
      </div>
      <ErrorBoundary name="terminal">
        <TerminalPanel visible={dock === 'terminal'} onEscape={() => tabs.current?.querySelector<HTMLElement>('[aria-selected=true]')?.focus()} />
      </ErrorBoundary>
      {dock === 'events' && (
        <ErrorBoundary name="events">
          <Suspense fallback={<p className="panel-note">Loading…</p>}>
            <EventsPanel />
          </Suspense>
        </ErrorBoundary>
      )}
    </section>
  );
}
