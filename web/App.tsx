// Page shell: header, editor | graph split, status bar.
import { EditorPane } from './editor/EditorPane.tsx';
import { GraphPane } from './graph/GraphPane.tsx';
import { Split } from './Split.tsx';
import { StatusBar } from './StatusBar.tsx';
import { useStore } from './store/index.ts';

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
        <button
          type="button"
          className="btn"
          onClick={resetWorkspace}
          title="Replace the editor text with the starter scenario (Ctrl+Z in the editor undoes it)"
        >
          Reset scenario
        </button>
      </header>
      <Split left={<EditorPane />} right={<GraphPane />} />
      <StatusBar />
    </div>
  );
}
