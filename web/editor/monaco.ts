// Monaco, loaded lazily (dynamic import from EditorPane) so the first paint does not wait for
// a few MB of editor. Everything is bundled: workers, languages, the codicon font.
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/yaml/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { createWebWorker as createLabelledWorker } from 'monaco-editor/internal/common/workers';
import { configureMonacoYaml } from 'monaco-yaml';
import type { ManifestError } from '../../core/protocol.ts';
import { useStore } from '../store/index.ts';
import YamlWorker from './yaml.worker.ts?worker';

globalThis.MonacoEnvironment = {
  getWorker: (_moduleId, label) => (label === 'yaml' ? new YamlWorker() : new EditorWorker()),
};

// monaco-yaml asks for its worker by label with createData (the pre-0.55 API); Monaco 0.57's
// public createWebWorker wants a Worker instead, so hand monaco-yaml the compatible helper.
configureMonacoYaml({ ...monaco, editor: { ...monaco.editor, createWebWorker: createLabelledWorker } }, {
  enableSchemaRequest: false,
  // The engine is the one judge of manifest errors (the same messages as the CLI); monaco-yaml
  // adds folding, hovers, outline and formatting.
  validate: false,
});

/** Engine-reported problems appear under this marker owner. */
export const MARKER_OWNER = 'kubeplay';

declare global {
  // A read-only hook for the end-to-end tests (tests/e2e): markers and text as Monaco sees them.
  var kubeplayEditor:
    | { markers: () => monaco.editor.IMarker[]; value: () => string; selectedLine: () => number | undefined }
    | undefined;
}

function toMarkers(model: monaco.editor.ITextModel, errors: ManifestError[]): monaco.editor.IMarkerData[] {
  return errors.map((e) => {
    const line = Math.min(Math.max(1, e.line), model.getLineCount());
    const max = model.getLineMaxColumn(line);
    // Underline from the reported column to the end of the line; never an empty range.
    const start = Math.max(1, Math.min(e.col, max - 1));
    return {
      severity: e.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
      message: e.message,
      startLineNumber: line,
      startColumn: start,
      endLineNumber: line,
      endColumn: Math.max(max, start + 1),
      source: 'kubeplay',
    };
  });
}

export function mountEditor(host: HTMLElement): () => void {
  const { files, activePath } = useStore.getState();
  const path = activePath;
  const model = monaco.editor.createModel(
    files.find((f) => f.path === path)?.content ?? '',
    'yaml',
    monaco.Uri.parse(`file:///${path}`),
  );
  const editor = monaco.editor.create(host, {
    model,
    theme: 'vs',
    automaticLayout: true,
    fontSize: 15,
    lineHeight: 22,
    fontFamily: "'JetBrains Mono', 'Cascadia Code', 'Fira Code', Menlo, Consolas, 'DejaVu Sans Mono', monospace",
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    tabSize: 2,
    insertSpaces: true,
    renderLineHighlight: 'line',
    fixedOverflowWidgets: true,
    padding: { top: 10 },
    ariaLabel: `Manifest editor: ${path}`,
  });

  const changes = model.onDidChangeContent(() => useStore.getState().setText(path, model.getValue()));
  const applyMarkers = (errors: ManifestError[]) =>
    monaco.editor.setModelMarkers(model, MARKER_OWNER, toMarkers(model, errors.filter((e) => e.file === path)));
  applyMarkers(useStore.getState().errors);

  const unsubscribe = useStore.subscribe((state, prev) => {
    if (state.errors !== prev.errors) applyMarkers(state.errors);
    if (state.files !== prev.files) {
      // Text set from outside the editor (reset, a future file tree): an undoable full replace.
      const text = state.files.find((f) => f.path === path)?.content ?? '';
      if (text !== model.getValue()) {
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
        editor.setPosition({ lineNumber: 1, column: 1 });
        editor.revealLine(1);
      }
    }
    if (state.reveal && state.reveal !== prev.reveal && state.reveal.file === path) {
      const { line, col } = state.reveal;
      editor.revealLineInCenterIfOutsideViewport(line);
      editor.setSelection({ startLineNumber: line, startColumn: col, endLineNumber: line, endColumn: model.getLineMaxColumn(line) });
    }
  });

  globalThis.kubeplayEditor = {
    markers: () => monaco.editor.getModelMarkers({ owner: MARKER_OWNER }),
    value: () => model.getValue(),
    selectedLine: () => editor.getSelection()?.startLineNumber,
  };

  return () => {
    unsubscribe();
    changes.dispose();
    editor.dispose();
    model.dispose();
    globalThis.kubeplayEditor = undefined;
  };
}
