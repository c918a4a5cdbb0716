// The messages that cross the Web Worker boundary: plain, serialisable unions keyed by `type`.
// The page never imports the engine; it only speaks this protocol.

import type { KObject, KEvent } from './api/types.ts';
import type { ViewRequest, ViewResult } from './views/types.ts';

export type { ViewRequest, ViewResult } from './views/types.ts';

export interface WorkspaceFile {
  path: string;
  content: string;
}

/** A manifest problem, pointing at the file, 1-based line and column. */
export interface ManifestError {
  file: string;
  line: number;
  col: number;
  message: string;
  severity: 'error' | 'warning';
}

/** Where an object came from in the workspace (for editor ↔ graph linking). */
export interface SourceRef {
  file: string;
  line: number;
  col: number;
  endLine: number;
}

export interface Snapshot {
  /** Simulated milliseconds since t=0. */
  time: number;
  /** Wall-clock-looking ISO time of `time` (the simulated epoch plus time). */
  timeIso: string;
  /** The store revision (etcd's) this snapshot reflects. */
  revision: number;
  /** Every API object, events excluded, sorted by kind/namespace/name. */
  objects: KObject[];
  /** The most recent events, oldest first (bounded). */
  events: KEvent[];
  /** Source positions keyed by `Kind/namespace/name` (namespace '' when cluster-scoped). */
  sources: Record<string, SourceRef>;
  /** Problems in the last applied workspace. */
  errors: ManifestError[];
  /** Kubernetes release simulated, e.g. "v1.34.1". */
  version: string;
}

export type ToEngine =
  | { type: 'load'; files: WorkspaceFile[]; seed: number }
  | { type: 'edit'; files: WorkspaceFile[] }
  | { type: 'advance'; ms: number }
  | { type: 'command'; id: number; line: string }
  | { type: 'view'; id: number; request: ViewRequest };

export type FromEngine =
  | { type: 'snapshot'; snapshot: Snapshot; tookMs: number }
  | { type: 'commandResult'; id: number; stdout: string; stderr: string; exitCode: number }
  | { type: 'viewResult'; id: number; result: ViewResult }
  | { type: 'fatal'; message: string };

export const objectKey = (o: { kind: string; metadata: { namespace?: string; name: string } }): string =>
  `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
