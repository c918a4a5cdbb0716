// Re-exported from our own file: Vite must bundle monaco-yaml's worker as a module of this
// app (see monaco-yaml's FAQ "Why doesn't it work with Vite?").
import 'monaco-yaml/yaml.worker.js';
