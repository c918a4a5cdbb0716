// kube-controller-manager: the controllers the simulation runs, in the order they are pumped.

import type { Component, Context } from '../api/context.ts';
import { DeploymentController } from './deployment.ts';
import { ReplicaSetController } from './replicaset.ts';
import { DaemonSetController } from './daemonset.ts';
import { StatefulSetController } from './statefulset.ts';
import { JobController } from './job.ts';
import { EndpointSliceController } from './endpointslice.ts';
import { EndpointsController } from './endpoints.ts';
import { NodeLifecycleController } from './nodelifecycle.ts';
import { TaintEvictionController } from './taintEviction.ts';
import { NamespaceController } from './namespace.ts';
import { GarbageCollector } from './garbagecollector.ts';
import { PersistentVolumeController } from './persistentvolume.ts';
import { JourneyRecorder } from '../journey/journey.ts';

export function controllerManager(ctx: Context): Component[] {
  return [
    new DeploymentController(ctx), new ReplicaSetController(ctx), new DaemonSetController(ctx), new StatefulSetController(ctx),
    new JobController(ctx), new EndpointSliceController(ctx), new EndpointsController(ctx), new NodeLifecycleController(ctx),
    new TaintEvictionController(ctx), new NamespaceController(ctx), new GarbageCollector(ctx), new PersistentVolumeController(ctx),
  ];
}

/** Watches that only observe (the journey of each pod): no work of their own. */
export function observers(ctx: Context): { journeys: JourneyRecorder } {
  return { journeys: new JourneyRecorder(ctx) };
}
