// A workspace is a tree of files: manifests anywhere (applied in path order), and per-node
// files under nodes/<node>/ — manifests in nodes/<node>/etc/kubernetes/manifests/ are that
// node's static pods. This reads the tree into objects, settings and errors.

import type { KObject } from '../api/types.ts';
import type { ManifestError, SourceRef, WorkspaceFile } from '../protocol.ts';
import { megabytes, parseManifestFile, positionOf, type ParsedObject } from './parse.ts';
import { isConfigKind } from '../cluster/settings.ts';

export const MAX_WORKSPACE_BYTES = 10 * 1024 * 1024;
export const MAX_OBJECTS = 200_000;
/**
 * Pods the workloads may ask for, all together (Kubernetes takes up to 2^31-1 replicas; past
 * this the engine would create pods until the page ran out of memory).
 */
export const MAX_PODS = 200_000;
/** The fields that ask for pods, per kind. */
const POD_COUNT: Record<string, string> = { Deployment: 'replicas', ReplicaSet: 'replicas', StatefulSet: 'replicas', ReplicationController: 'replicas', Job: 'parallelism' };

export interface WorkspaceObject {
  parsed: ParsedObject;
  /** Set for a static pod: the node whose kubelet reads it. */
  staticNode?: string;
}

export interface ReadWorkspace {
  objects: WorkspaceObject[];
  configs: KObject[];
  errors: ManifestError[];
  /** Files whose YAML did not parse: their previously applied objects are kept. */
  brokenFiles: Set<string>;
}

const STATIC = /^nodes\/([^/]+)\/etc\/kubernetes\/manifests\/[^/]+\.(ya?ml|json)$/;

export function isManifestPath(path: string): boolean {
  return /\.(ya?ml|json)$/i.test(path);
}

export function readWorkspace(files: WorkspaceFile[]): ReadWorkspace {
  const out: ReadWorkspace = { objects: [], configs: [], errors: [], brokenFiles: new Set() };
  const total = files.reduce((s, f) => s + f.content.length, 0);
  if (total > MAX_WORKSPACE_BYTES) {
    // Said on the biggest file: that is where the text to cut most likely is.
    const biggest = files.reduce((a, b) => (b.content.length > a.content.length ? b : a));
    out.errors.push({ file: biggest.path, line: 1, col: 1, severity: 'error', message: `the workspace is ${megabytes(total)}; the playground simulates workspaces up to ${megabytes(MAX_WORKSPACE_BYTES)}` });
    for (const f of files) out.brokenFiles.add(f.path);
    return out;
  }
  let pods = 0;
  const sorted = [...files].filter((f) => isManifestPath(f.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const f of sorted) {
    const r = parseManifestFile(f.path, f.content);
    out.errors.push(...r.errors);
    if (r.errors.some((e) => e.severity === 'error')) out.brokenFiles.add(f.path);
    const staticNode = STATIC.exec(f.path)?.[1];
    for (const p of r.objects) {
      const o = p.object;
      const missing = !o.apiVersion ? 'apiVersion' : !o.kind ? 'kind' : undefined;
      if (missing) {
        out.errors.push({ file: f.path, ...positionOf(p, ''), severity: 'error', message: `${missing} not set` });
        out.brokenFiles.add(f.path);
        continue;
      }
      if (typeof o.kind !== 'string' || typeof o.apiVersion !== 'string') {
        out.errors.push({ file: f.path, ...positionOf(p, 'kind'), severity: 'error', message: 'apiVersion and kind must be strings' });
        out.brokenFiles.add(f.path);
        continue;
      }
      // An object without a name (mid-edit: `metadata` mistyped, the name cleared) cannot be
      // matched to what it was: the file keeps its last good objects instead of deleting them.
      const md = o.metadata as { name?: unknown; generateName?: unknown } | undefined;
      if (isConfigKind(o)) out.configs.push(o);
      else {
        if (!md || typeof md !== 'object' || (!md.name && !md.generateName)) out.brokenFiles.add(f.path);
        const field = POD_COUNT[o.kind];
        const asked = field ? (o.spec as Record<string, unknown> | undefined)?.[field] : undefined;
        if (typeof asked === 'number' && asked > 0) pods += asked;
        if (pods > MAX_PODS && typeof asked === 'number' && asked > 0) {
          // Not applied, and the file keeps its last good objects: the engine stays responsive.
          out.errors.push({ file: f.path, ...positionOf(p, `spec.${field}`), severity: 'error', message: `the workloads ask for ${pods} pods; the playground simulates up to ${MAX_PODS}` });
          out.brokenFiles.add(f.path);
          pods -= asked;
          continue;
        }
        out.objects.push({ parsed: p, ...(staticNode ? { staticNode } : {}) });
      }
      if (out.objects.length > MAX_OBJECTS) {
        out.errors.push({ file: f.path, ...p.start, severity: 'error', message: `more than ${MAX_OBJECTS} objects; the playground simulates up to ${MAX_OBJECTS}` });
        return out;
      }
    }
  }
  return out;
}

export const sourceOf = (p: ParsedObject): SourceRef => ({ file: p.file, line: p.start.line, col: p.start.col, endLine: p.endLine });
