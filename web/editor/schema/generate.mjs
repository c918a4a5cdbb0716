#!/usr/bin/env node
// Builds web/editor/schema/kubernetes.json: a JSON Schema for the kinds the playground knows,
// made from the `kubernetes-types` package (TypeScript declarations generated from the
// Kubernetes OpenAPI spec, with its field documentation). The result is committed and bundled,
// so completion and hover work offline. Run: node web/editor/schema/generate.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const root = dirname(require.resolve('kubernetes-types/package.json'));
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

// The kinds people write in a playground workspace: [module, kind].
const KINDS = [
  ['core/v1', 'Pod'], ['core/v1', 'Service'], ['core/v1', 'Namespace'], ['core/v1', 'Node'], ['core/v1', 'ConfigMap'],
  ['core/v1', 'Secret'], ['core/v1', 'Endpoints'], ['core/v1', 'ServiceAccount'], ['core/v1', 'PersistentVolumeClaim'],
  ['core/v1', 'PersistentVolume'], ['core/v1', 'LimitRange'], ['core/v1', 'ResourceQuota'],
  ['apps/v1', 'Deployment'], ['apps/v1', 'ReplicaSet'], ['apps/v1', 'DaemonSet'], ['apps/v1', 'StatefulSet'],
  ['batch/v1', 'Job'], ['batch/v1', 'CronJob'], ['discovery/v1', 'EndpointSlice'], ['networking/v1', 'Ingress'],
  ['networking/v1', 'NetworkPolicy'], ['policy/v1', 'PodDisruptionBudget'], ['scheduling/v1', 'PriorityClass'],
  ['autoscaling/v2', 'HorizontalPodAutoscaler'], ['coordination/v1', 'Lease'], ['storage/v1', 'StorageClass'],
  ['rbac/v1', 'Role'], ['rbac/v1', 'RoleBinding'], ['rbac/v1', 'ClusterRole'], ['rbac/v1', 'ClusterRoleBinding'],
];

const files = new Map(); // module → { decls: Map<name, node>, imports: Map<name, module> }
function load(mod) {
  if (files.has(mod)) return files.get(mod);
  const path = join(root, `${mod}.d.ts`);
  const sf = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const entry = { decls: new Map(), imports: new Map() };
  files.set(mod, entry);
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st)) {
      const from = relative(root, resolve(dirname(path), st.moduleSpecifier.text)).replace(/\\/g, '/');
      for (const el of st.importClause?.namedBindings?.elements ?? []) entry.imports.set(el.name.text, from);
    } else if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) entry.decls.set(st.name.text, st);
  }
  return entry;
}

const docOf = (node) => {
  const text = ts.getJSDocCommentsAndTags(node).map((d) => (typeof d.comment === 'string' ? d.comment : '')).join('\n').trim();
  return text ? { description: text } : {};
};

const definitions = {};
const idOf = (mod, name) => `${mod.replace(/\//g, '.')}.${name}`;

function ref(mod, name) {
  const entry = load(mod);
  if (!entry.decls.has(name)) {
    const from = entry.imports.get(name);
    if (!from) throw new Error(`unresolved ${name} in ${mod}`);
    return ref(from, name);
  }
  const id = idOf(mod, name);
  if (!(id in definitions)) {
    definitions[id] = {}; // placeholder against cycles (JSONSchemaProps refers to itself)
    definitions[id] = declSchema(mod, entry.decls.get(name));
  }
  return { $ref: `#/definitions/${id}` };
}

function declSchema(mod, decl) {
  if (ts.isTypeAliasDeclaration(decl)) return { ...typeSchema(mod, decl.type), ...docOf(decl) };
  const properties = {};
  const required = [];
  for (const m of decl.members) {
    if (ts.isIndexSignatureDeclaration(m)) return { type: 'object', additionalProperties: typeSchema(mod, m.type), ...docOf(decl) };
    if (!ts.isPropertySignature(m) || !m.type) continue;
    // Status is written by the cluster, not by people: leaving it out keeps completion useful.
    if (m.modifiers?.some((x) => x.kind === ts.SyntaxKind.ReadonlyKeyword)) continue;
    const name = m.name.getText().replace(/^"|"$/g, '');
    properties[name] = { ...typeSchema(mod, m.type), ...docOf(m) };
    if (!m.questionToken) required.push(name);
  }
  return { type: 'object', ...docOf(decl), properties, ...(required.length ? { required } : {}) };
}

function typeSchema(mod, t) {
  switch (t.kind) {
    case ts.SyntaxKind.StringKeyword: return { type: 'string' };
    case ts.SyntaxKind.NumberKeyword: return { type: 'number' };
    case ts.SyntaxKind.BooleanKeyword: return { type: 'boolean' };
    case ts.SyntaxKind.AnyKeyword: case ts.SyntaxKind.UnknownKeyword: case ts.SyntaxKind.ObjectKeyword: return {};
  }
  if (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal)) return { type: 'string', enum: [t.literal.text] };
  if (ts.isParenthesizedTypeNode(t)) return typeSchema(mod, t.type);
  if (ts.isArrayTypeNode(t)) return { type: 'array', items: typeSchema(mod, t.elementType) };
  if (ts.isUnionTypeNode(t)) {
    const parts = t.types.map((x) => typeSchema(mod, x));
    return parts.every((p) => p.type && Object.keys(p).length === 1) ? { type: parts.map((p) => p.type) } : { anyOf: parts };
  }
  if (ts.isTypeLiteralNode(t)) return declSchema(mod, t);
  if (ts.isTypeReferenceNode(t)) {
    const name = t.typeName.getText();
    if (name === 'Array') return { type: 'array', items: typeSchema(mod, t.typeArguments[0]) };
    if (name === 'Record') return { type: 'object', additionalProperties: typeSchema(mod, t.typeArguments[1]) };
    return ref(mod, name);
  }
  throw new Error(`unsupported type ${ts.SyntaxKind[t.kind]} in ${mod}`);
}

// One schema per kind, chosen by `kind` (and offered as values of `kind` when it is not written yet).
const oneOf = KINDS.map(([mod, kind]) => {
  const r = ref(mod, kind);
  const def = definitions[r.$ref.split('/').pop()];
  def.required = [...new Set(['apiVersion', 'kind', ...(def.required ?? [])])];
  return r;
});
const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: `Kubernetes ${version} (kinds the playground knows)`,
  oneOf,
  definitions,
};
const out = join(here, 'kubernetes.json');
writeFileSync(out, JSON.stringify(schema));
console.log(`wrote ${relative(process.cwd(), out)}: ${Object.keys(definitions).length} definitions, ${(JSON.stringify(schema).length / 1024).toFixed(0)} kB`);
