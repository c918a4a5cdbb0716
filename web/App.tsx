// Page shell: header, editor | graph split, the lesson's narration bar, the dock (terminal,
// events), the time bar and the status bar. Each pane has its own error boundary: a failing panel
// never takes the text with it. Presentation mode (P) is the same page in a projector layout.
import './workbench.css';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { looksLikeLesson } from './classroom/detect.ts';
import { useShortcuts } from './classroom/shortcuts.ts';
import { Dock } from './Dock.tsx';
import { EditorPane } from './editor/EditorPane.tsx';
import { engine } from './engine/client.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { GraphPane } from './graph/GraphPane.tsx';
import { forgetChanges } from './graph/live.ts';
import { LanguagePicker } from './i18n/LanguagePicker.tsx';
import { ShareButton } from './share/ShareButton.tsx';
import { Split } from './Split.tsx';
import { StatusBar } from './StatusBar.tsx';
import { useStore } from './store/index.ts';
import { TimeBar } from './time/TimeBar.tsx';

// The classroom (narration, lesson picker, shortcuts, projector styles) loads when first used.
const Classroom = lazy(() => import('./classroom/Classroom.tsx').then((m) => ({ default: m.Classroom })));

export function App() {
  const { t } = useTranslation();
  useShortcuts();
  const resetWorkspace = useStore((s) => s.resetWorkspace);
  // A reset starts a new timeline at t=0 (not an edit on this one): its events, warnings, ticks
  // and what-changed ghosts belong to the old one.
  const reset = () => {
    resetWorkspace();
    const api = engine();
    api?.load({ files: useStore.getState().files, seed: api.timeline().seed });
    forgetChanges();
  };
  const presenting = useStore((s) => s.presenting);
  const theme = useStore((s) => s.presentTheme);
  const showEditor = useStore((s) => s.presentEditor);
  const lesson = useStore((s) => s.lesson);
  const dialog = useStore((s) => s.dialog);
  const { setPresenting, setDialog, openLesson, setPresentTheme, togglePresentEditor } = useStore.getState();
  const ownLesson = useStore((s) => s.files.find((f) => looksLikeLesson(f.content))?.path);
  // The theme itself is <html data-theme> (classroom/themes.ts), shared with the embed.
  const cls = presenting ? ` present${showEditor ? '' : ' no-editor'}` : '';

  return (
    <div className={`app${cls}`}>
      <header className="header">
        <a className="brand" href="./" aria-label={t('app.home')}>
          <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
            <rect width="32" height="32" rx="7" fill="#2563eb" />
            <path d="M16 5l9.5 5.5v11L16 27l-9.5-5.5v-11z" fill="none" stroke="#fff" strokeWidth="2.4" strokeLinejoin="round" />
            <circle cx="16" cy="16" r="3.2" fill="#fff" />
          </svg>
          <span className="brand-name">kubeplay</span>
        </a>
        <span className="tagline">{t('app.tagline')}</span>
        <span className="spacer" />
        {ownLesson && !lesson && (
          <button type="button" className="btn accent" onClick={() => openLesson(`file:${ownLesson}`)} title={t('classroom.startTitle')}>
            ▶ {t('classroom.start')}
          </button>
        )}
        <button type="button" className="btn" onClick={() => setDialog('lessons')} title={t('app.lessonsTitle')} aria-keyshortcuts="L">
          {t('app.lessons')}
        </button>
        {presenting && (
          <>
            <button type="button" className="btn" aria-pressed={showEditor} onClick={togglePresentEditor} title={t('classroom.editorTitle')} aria-keyshortcuts="E">
              {t('classroom.editor')}
            </button>
            <button type="button" className="btn" onClick={() => setPresentTheme(theme === 'dark' ? 'light' : 'dark')} title={t('classroom.themeTitle')} aria-keyshortcuts="T">
              {theme === 'dark' ? t('classroom.light') : t('classroom.dark')}
            </button>
          </>
        )}
        <button type="button" className="btn" aria-pressed={presenting} onClick={() => setPresenting(!presenting)} title={t('app.presentTitle')} aria-keyshortcuts="P">
          {presenting ? t('classroom.exit') : t('app.present')}
        </button>
        <ShareButton />
        {!presenting && (
          <button type="button" className="btn" onClick={reset} title={t('app.resetTitle')}>
            {t('app.reset')}
          </button>
        )}
        <LanguagePicker />
        <button type="button" className="btn icon" onClick={() => setDialog('help')} aria-label={t('app.help')} title={t('app.helpTitle')} aria-keyshortcuts="?">
          ?
        </button>
      </header>
      <Split
        left={<ErrorBoundary name="editor"><EditorPane /></ErrorBoundary>}
        right={<ErrorBoundary name="graph"><GraphPane /></ErrorBoundary>}
      />
      {(presenting || lesson || dialog) && (
        <ErrorBoundary name="classroom">
          <Suspense fallback={null}>
            <Classroom />
          </Suspense>
        </ErrorBoundary>
      )}
      <Dock />
      <TimeBar />
      <StatusBar />
    </div>
  );
}
