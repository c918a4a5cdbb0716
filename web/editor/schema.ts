// The Kubernetes schema for monaco-yaml: generated from `kubernetes-types` by
// schema/generate.mjs and bundled with the editor chunk (no request ever leaves the page).
import type { SchemasSettings } from 'monaco-yaml';
import kubernetes from './schema/kubernetes.json';

export const kubernetesSchemas: SchemasSettings[] = [
  {
    // An identifier only: enableSchemaRequest is off, so it is never fetched.
    uri: 'kubeplay://schemas/kubernetes.json',
    fileMatch: ['**/*.yaml', '**/*.yml'],
    schema: kubernetes as SchemasSettings['schema'],
  },
];
