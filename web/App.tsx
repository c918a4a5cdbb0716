// Page shell: header, editor | graph split, the dock (terminal, events), the time bar and the
// status bar. Each pane has its own error boundary: a failing panel never takes the text with it.
import './workbench.css';
import { Dock } from './Dock.tsx';
import { EditorPane } from './editor/EditorPane.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { GraphPane } from './graph/GraphPane.tsx';
import { ShareButton } from './share/ShareButton.tsx';
import { Split } from './Split.tsx';
import { StatusBar } from './StatusBar.tsx';
import { useStore } from './store/index.ts';
import { TimeBar } from './time/TimeBar.tsx';

export function App() {
  const resetWorkspace = useStore((s) => s.resetWorkspace);
  return (
    <div className="app">
      <header className="header">
        <a className="brand" href="./" aria-label="kubeplay home">
          <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
            <rect width="32" height="32" rx="7" fill="#2563eb" />
            <path d="M16 5l9.5 5.5v11L16 27l-9.5-5.5v-11z" fill="none" stroke="#fff" strokeWidth="2.4" strokeLinejoin="round" />
            <circle cx="16" cy="16" r="3.2" fill="#fff" />
          </svg>
          <span className="brand-name">kubeplay</span>
        </a>
        <span className="tagline">Edit real manifests, watch a simulated cluster reconcile them</span>
        <span className="spacer" />
        <ShareButton />
        <button
          type="button"
          className="btn"
          onClick={resetWorkspace}
          title="Replace the files with the starter scenario (the bar that appears can undo it)"
        >
          Reset scenario
        </button>
      </header>
      <Split
        left={<ErrorBoundary name="editor"><EditorPane /></ErrorBoundary>}
        right={<ErrorBoundary name="graph"><GraphPane /></ErrorBoundary>}
      />
      <Dock />
      <TimeBar />
      <StatusBar />
    </div>
  );
}
