// Monaco, loaded lazily (dynamic import from EditorPane) so the first paint does not wait for
// a few MB of editor. Everything is bundled: workers, languages, the codicon font, the schema.
// One model per workspace file, kept while the file exists, so each file keeps its undo history
// when you switch tabs.
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/yaml/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { createWebWorker as createLabelledWorker } from 'monaco-editor/internal/common/workers';
import { configureMonacoYaml } from 'monaco-yaml';
import type { ManifestError, WorkspaceFile } from '../../core/protocol.ts';
import { useStore } from '../store/index.ts';
import { objectAt, resolveKey } from './link.ts';
import { kubernetesSchemas } from './schema.ts';
import YamlWorker from './yaml.worker.ts?worker';

globalThis.MonacoEnvironment = {
  getWorker: (_moduleId, label) => (label === 'yaml' ? new YamlWorker() : new EditorWorker()),
};

// monaco-yaml asks for its worker by label with createData (the pre-0.55 API); Monaco 0.57's
// public createWebWorker wants a Worker instead, so hand monaco-yaml the compatible helper.
configureMonacoYaml({ ...monaco, editor: { ...monaco.editor, createWebWorker: createLabelledWorker } }, {
  enableSchemaRequest: false,
  // The engine is the one judge of manifest errors (the same messages as the CLI); the bundled
  // schema gives completion and hover documentation, monaco-yaml folding, outline and formatting.
  validate: false,
  completion: true,
  hover: true,
  format: { enable: true, printWidth: 100 },
  schemas: kubernetesSchemas,
});

/** Engine-reported problems appear under this marker owner. */
export const MARKER_OWNER = 'kubeplay';

export interface MountedEditor {
  dispose: () => void;
  format: () => void;
}

declare global {
  // A read-only hook for the end-to-end tests (tests/e2e): markers and text as Monaco sees them.
  var kubeplayEditor:
    | { markers: () => monaco.editor.IMarker[]; value: () => string; path: () => string; selectedLine: () => number | undefined }
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

// 'vs' with line numbers dark enough for WCAG AA (the stock dimmed ones fail axe's contrast check).
monaco.editor.defineTheme('kubeplay', {
  base: 'vs', inherit: true, rules: [],
  colors: { 'editorLineNumber.foreground': '#3f6573', 'editorLineNumber.dimmedForeground': '#5b6878' },
});
// The page's dark theme (web/themes.css): the editor on the same surface, line numbers at AA.
monaco.editor.defineTheme('kubeplay-dark', {
  base: 'vs-dark', inherit: true, rules: [],
  colors: { 'editor.background': '#111827', 'editorGutter.background': '#111827', 'editorLineNumber.foreground': '#9ca3af', 'editorLineNumber.dimmedForeground': '#9ca3af' },
});

/** Monaco's theme for the page's (<html data-theme>, classroom/themes.ts). */
export function editorTheme(page: string | undefined): string {
  return page === 'dark' ? 'kubeplay-dark' : page === 'high-contrast' ? 'hc-light' : 'kubeplay';
}

export function mountEditor(host: HTMLElement): MountedEditor {
  const models = new Map<string, monaco.editor.ITextModel>();
  const views = new Map<string, monaco.editor.ICodeEditorViewState | null>();
  const subs = new Map<string, monaco.IDisposable>();
  let shown = '';
  const editor = monaco.editor.create(host, {
    model: null,
    theme: editorTheme(document.documentElement.dataset.theme),
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
    // A plain textarea, not Chromium's EditContext: page-level key handlers (React Flow's
    // space-to-pan) recognise a textarea as typing and leave its keys alone.
    editContext: false,
    // Folding (and sticky scroll) from indentation, worked out here and incrementally, not from
    // the YAML worker's folding ranges and outline: for a big workspace (1,000 objects) those are
    // 0.3 MB and 1.5 MB messages at every keystroke, parsed on the page's main thread. For YAML,
    // indentation is where the blocks are anyway.
    foldingStrategy: 'indentation',
    stickyScroll: { defaultModel: 'indentationModel' },
  });

  /** Models follow the workspace: new files get one, removed files lose theirs. */
  const syncModels = (files: WorkspaceFile[]) => {
    for (const f of files) {
      const model = models.get(f.path);
      if (!model) {
        const m = monaco.editor.createModel(f.content, 'yaml', monaco.Uri.file(f.path));
        models.set(f.path, m);
        subs.set(f.path, m.onDidChangeContent(() => useStore.getState().setText(f.path, m.getValue())));
      } else if (model.getValue() !== f.content) {
        // Text set from outside the editor (reset, import, undo of a delete): an undoable replace.
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text: f.content }], () => null);
      }
    }
    for (const [path, m] of models) {
      if (files.some((f) => f.path === path)) continue;
      subs.get(path)?.dispose();
      m.dispose();
      models.delete(path);
      subs.delete(path);
      views.delete(path);
    }
  };
  const show = (path: string) => {
    if (path === shown && editor.getModel() === (models.get(path) ?? null)) return;
    if (shown && models.has(shown)) views.set(shown, editor.saveViewState());
    shown = path;
    editor.setModel(models.get(path) ?? null);
    const view = views.get(path);
    if (view) editor.restoreViewState(view);
    editor.updateOptions({ ariaLabel: `Manifest editor: ${path}` });
  };
  const applyMarkers = (errors: ManifestError[]) => {
    for (const [path, m] of models) monaco.editor.setModelMarkers(m, MARKER_OWNER, toMarkers(m, errors.filter((e) => e.file === path)));
  };

  const init = useStore.getState();
  syncModels(init.files);
  show(init.activePath);
  applyMarkers(init.errors);

  const unsubscribe = useStore.subscribe((state, prev) => {
    if (state.files !== prev.files) syncModels(state.files);
    if (state.files !== prev.files || state.errors !== prev.errors) applyMarkers(state.errors);
    if (state.activePath !== prev.activePath || state.files !== prev.files) show(state.activePath);
    const r = state.reveal;
    if (r && r !== prev.reveal && models.has(r.file)) {
      if (r.file !== state.activePath) useStore.getState().openFile(r.file);
      show(r.file);
      editor.revealLineInCenterIfOutsideViewport(r.line);
      editor.setSelection({ startLineNumber: r.line, startColumn: r.col, endLineNumber: r.line, endColumn: models.get(r.file)!.getLineMaxColumn(r.line) });
    }
  });

  // The cursor in a manifest selects its object in the graph (typing or clicking, not reveals).
  let linkTimer: ReturnType<typeof setTimeout> | undefined;
  const cursor = editor.onDidChangeCursorPosition((e) => {
    if (e.source === 'api' || e.source === 'modelChange') return;
    clearTimeout(linkTimer);
    linkTimer = setTimeout(() => {
      const s = useStore.getState();
      const key = s.snapshot && resolveKey(s.snapshot, objectAt(s.snapshot.sources, shown, e.position.lineNumber));
      if (key && key !== s.selected) s.select(key);
    }, 150);
  });

  // The page's theme changes with presentation mode (T switches it): Monaco follows.
  const themes = new MutationObserver(() => monaco.editor.setTheme(editorTheme(document.documentElement.dataset.theme)));
  themes.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

  globalThis.kubeplayEditor = {
    markers: () => monaco.editor.getModelMarkers({ owner: MARKER_OWNER }),
    value: () => editor.getModel()?.getValue() ?? '',
    path: () => shown,
    selectedLine: () => editor.getSelection()?.startLineNumber,
  };

  return {
    format: () => {
      editor.focus();
      void editor.getAction('editor.action.formatDocument')?.run();
    },
    dispose: () => {
      unsubscribe();
      themes.disconnect();
      clearTimeout(linkTimer);
      cursor.dispose();
      editor.dispose();
      for (const d of subs.values()) d.dispose();
      for (const m of models.values()) m.dispose();
      globalThis.kubeplayEditor = undefined;
    },
  };
}
