// The journey's step names and captions in English (web/i18n translates them by id).
import { speaker } from '../views/message.ts';

export const JOURNEY = {
  'journey.step.1': 'kubectl',
  'journey.step.2': 'API server',
  'journey.step.3': 'etcd',
  'journey.step.4': 'controller',
  'journey.step.5': 'scheduler',
  'journey.step.6': 'kubelet',
  'journey.step.7': 'runtime/CNI',
  'journey.step.8': 'Ready',
  'journey.staticPod': 'static pod manifest read from the node (no kubectl: the kubelet reports a mirror pod)',
  'journey.applyPod': 'kubectl apply: the Pod manifest is sent to the API server',
  'journey.applyWorkload': 'kubectl apply: the {{kind}} manifest is sent to the API server',
  'journey.accepted': 'create accepted: validated, defaults filled, admission added tolerations',
  'journey.stored': 'stored at revision {{revision}}',
  'journey.controllerCreated': 'created the pod to reach the desired count (watch → reconcile)',
  'journey.staticNoController': 'no controller: the kubelet owns static pods',
  'journey.bareNoController': "no controller: a bare pod is nobody's desired state but its own",
  'journey.nodeNameSet': 'spec.nodeName was set in the manifest: no scheduling',
  'journey.bound': 'bound to {{node}}',
  'journey.boundFeasible': 'bound to {{node}} ({{feasible}}/{{total}} nodes feasible)',
  'journey.boundScored': 'bound to {{node}} ({{feasible}}/{{total}} nodes feasible, highest score {{score}})',
  'journey.kubeletSynced': 'saw the pod bound to its node, started syncing it',
  'journey.sandbox': 'sandbox (pause) created, CNI gave IP {{ip}}',
  'journey.ready': 'all containers started and ready: Ready=True',
} as const;

export const sayJourney = speaker(JOURNEY);
