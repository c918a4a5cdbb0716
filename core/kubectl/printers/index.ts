// Which printer `kubectl get` uses for each kind; kinds without one get the server's
// default table (NAME, AGE).
import type { KObject } from '../../api/types.ts';
import type { Printer } from '../table.ts';
import { configMapPrinter, namespacePrinter, secretPrinter, serviceAccountPrinter } from './config.ts';
import { controllerRevisionPrinter, leasePrinter, priorityClassPrinter } from './cluster.ts';
import { daemonSetPrinter, statefulSetPrinter } from './daemonset.ts';
import { deploymentPrinter } from './deployment.ts';
import { endpointSlicePrinter } from './endpointslice.ts';
import { endpointsPrinter } from './endpoints.ts';
import { eventPrinter } from './event.ts';
import { genericPrinter } from './generic.ts';
import { cronJobPrinter, jobPrinter } from './job.ts';
import { nodePrinter } from './node.ts';
import { podPrinter } from './pod.ts';
import { replicaSetPrinter } from './replicaset.ts';
import { servicePrinter } from './service.ts';
import { persistentVolumeClaimPrinter, persistentVolumePrinter } from './volumes.ts';

const PRINTERS: Record<string, Printer<never>> = {
  Pod: podPrinter,
  Node: nodePrinter,
  Service: servicePrinter,
  Deployment: deploymentPrinter,
  ReplicaSet: replicaSetPrinter,
  DaemonSet: daemonSetPrinter,
  StatefulSet: statefulSetPrinter,
  ControllerRevision: controllerRevisionPrinter,
  Job: jobPrinter,
  CronJob: cronJobPrinter,
  Endpoints: endpointsPrinter,
  EndpointSlice: endpointSlicePrinter,
  Event: eventPrinter,
  Namespace: namespacePrinter,
  ConfigMap: configMapPrinter,
  Secret: secretPrinter,
  ServiceAccount: serviceAccountPrinter,
  PersistentVolume: persistentVolumePrinter,
  PersistentVolumeClaim: persistentVolumeClaimPrinter,
  Lease: leasePrinter,
  PriorityClass: priorityClassPrinter,
};

export function printerFor(kind: string): Printer<KObject> {
  return (PRINTERS[kind] ?? genericPrinter) as Printer<KObject>;
}
