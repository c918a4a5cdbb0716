// The terminal panel: xterm.js arrives in its own chunk the first time the panel is shown, so
// it costs nothing on first load. It stays mounted (hidden) when another panel is open, so its
// scrollback and session survive switching tabs.
import { useTranslation } from 'react-i18next';
import { useEffect, useRef, useState } from 'react';

export function TerminalPanel({ visible, onEscape }: { visible: boolean; onEscape: () => void }) {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const term = useRef<{ dispose: () => void; focus: () => void } | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | 'ready' | 'failed'>('idle');
  const escape = useRef(onEscape);
  escape.current = onEscape;

  useEffect(() => {
    if (!visible || state !== 'idle') return;
    setState('loading');
    import('./xterm.ts')
      .then((m) => {
        if (!host.current) return;
        term.current = m.mountTerminal(host.current, () => escape.current());
        setState('ready');
      })
      .catch(() => setState('failed'));
  }, [visible, state]);
  useEffect(() => () => term.current?.dispose(), []);

  return (
    <div className="terminal-panel" hidden={!visible}>
      <div className="terminal-host" ref={host} aria-label={t('terminal.label')} />
      {state === 'loading' && <p className="panel-note">{t('terminal.loading')}</p>}
      {state === 'failed' && <p className="panel-note">{t('terminal.failed')}</p>}
    </div>
  );
}
