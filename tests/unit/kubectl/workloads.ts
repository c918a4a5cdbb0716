// Builders for the workload and small core kinds the printer tests need. Times are seconds before NOW.
import type { KObject } from '../../../core/api/types.ts';
import type { DaemonSet } from '../../../core/controllers/daemonset.ts';
import type { Endpoints } from '../../../core/controllers/endpoints.ts';
import type { Job } from '../../../core/controllers/job.ts';
import type { StatefulSet } from '../../../core/controllers/statefulset.ts';
import { ago } from './builders.ts';

const meta = (name: string, age: number, extra: Partial<KObject['metadata']> = {}) => ({ name, namespace: 'default', creationTimestamp: ago(age), ...extra });
const template = (containers: [string, string][], nodeSelector?: Record<string, string>) => ({
  metadata: { labels: { app: 'x' } },
  spec: { containers: containers.map(([name, image]) => ({ name, image })), ...(nodeSelector ? { nodeSelector } : {}) },
});

export function daemonSet(name: string, status: Record<string, number> | undefined, nodeSelector?: Record<string, string>): DaemonSet {
  return {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta(name, 3600),
    spec: { selector: { matchLabels: { app: name } }, template: template([['agent', 'fluentd:v1']], nodeSelector) }, status,
  };
}

export function statefulSet(name: string, replicas: number | undefined, ready?: number): StatefulSet {
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: meta(name, 120),
    spec: { ...(replicas === undefined ? {} : { replicas }), selector: { matchLabels: { app: name } }, template: template([['db', 'redis:7'], ['exporter', 'redis-exporter:1']]) },
    status: ready === undefined ? {} : { readyReplicas: ready },
  };
}

export function job(name: string, spec: Partial<Job['spec']>, status: Job['status'], meta2: Partial<KObject['metadata']> = {}): Job {
  return {
    apiVersion: 'batch/v1', kind: 'Job', metadata: meta(name, 600, meta2),
    spec: { template: template([['sh', 'busybox']]), selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } }, ...spec }, status,
  };
}

export const condition = (type: string) => ({ type, status: 'True', lastProbeTime: ago(1), lastTransitionTime: ago(1) });

export function endpoints(name: string, subsets: Endpoints['subsets']): Endpoints {
  return { apiVersion: 'v1', kind: 'Endpoints', metadata: meta(name, 60), ...(subsets ? { subsets } : {}) };
}

/** A pod IP address in an Endpoints subset. */
export const addr = (ip: string) => ({ ip, targetRef: { kind: 'Pod', name: ip, namespace: 'default' } });

export function object(kind: string, name: string, fields: Record<string, unknown> = {}, extra: Partial<KObject['metadata']> = {}): KObject {
  return { apiVersion: 'v1', kind, metadata: meta(name, 300, extra), ...fields } as KObject;
}
