// The header's Share button, and the watcher for shared links (#kp1.… in the address). Both
// load the share code (compression, zip, image export) only when needed: it stays out of the
// first-load budget.
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incoming } from './IncomingDialog.tsx';

const ShareDialog = lazy(() => import('./ShareDialog.tsx').then((m) => ({ default: m.ShareDialog })));
const IncomingDialog = lazy(() => import('./IncomingDialog.tsx').then((m) => ({ default: m.IncomingDialog })));
export const LINK_PREFIX = '#kp1.';

let arrivals = 0;

export function ShareButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // Each arrival gets its own dialog (its own "ask first?" decision): keyed by a counter.
  const [incoming, setArrival] = useState<{ id: number; value: Incoming } | null>(null);
  const setIncoming = useCallback((value: Incoming) => setArrival({ id: ++arrivals, value }), []);

  useEffect(() => {
    const check = () => {
      if (!location.hash.startsWith(LINK_PREFIX)) return;
      const encoded = location.hash.slice(1);
      // The workspace now lives in the page (and its storage): a reload must not ask again.
      history.replaceState(null, '', location.pathname + location.search);
      void import('./openLink.ts').then((m) => setIncoming(m.incomingLink(encoded)));
    };
    check();
    window.addEventListener('hashchange', check);
    return () => window.removeEventListener('hashchange', check);
  }, [setIncoming]);
  const done = useCallback(() => setArrival(null), []);

  return (
    <>
      <button type="button" className="btn" onClick={() => setOpen(true)} title={t('share.buttonTitle')}>
        {t('share.button')}
      </button>
      <Suspense fallback={null}>
        {open && <ShareDialog onClose={() => setOpen(false)} onImport={setIncoming} />}
        {incoming && <IncomingDialog key={incoming.id} incoming={incoming.value} onDone={done} />}
      </Suspense>
    </>
  );
}
