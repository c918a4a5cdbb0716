// The right-hand side of the page, as App.tsx mounts it: the graph views and the inspector
// (Workbench.tsx). Loaded on demand with React Flow, so the page's first script stays small and
// the editor's text shows at once; the graph follows a moment later.
import { useTranslation } from 'react-i18next';
import { lazy, Suspense } from 'react';

const Workbench = lazy(() => import('./Workbench.tsx').then((m) => ({ default: m.Workbench })));

export function GraphPane() {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<section className="workbench" aria-label={t('graph.label')}><div className="graph-empty">{t('graph.starting')}</div></section>}>
      <Workbench />
    </Suspense>
  );
}
