// Monaco 0.57 ships this helper without types. It recreates the pre-0.55 worker API
// (label + createData) that monaco-yaml still uses.
declare module 'monaco-editor/internal/common/workers' {
  import type { editor } from 'monaco-editor/editor/editor.api';
  export function createWebWorker<T extends object>(opts: {
    moduleId?: string;
    label?: string;
    createData?: unknown;
    host?: Record<string, (...args: never[]) => unknown>;
    keepIdleModels?: boolean;
  }): editor.MonacoWebWorker<T>;
}
