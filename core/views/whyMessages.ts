// The inspector's "why" lines in English (web/i18n translates them by id). Scheduler reasons
// and messages quoted from Kubernetes are passed through as params, untranslated.
import { speaker } from './message.ts';

export const WHY = {
  'why.scheduler.message': '{{message}}',
  'why.scheduler.waiting': 'Waiting for the scheduler.',
  'why.node.fits': '{{node}}: fits',
  'why.node.rejected': '{{node}}: rejected by {{plugin}} — {{reasons}}',
  'why.node.rejectedByFilter': '{{node}}: rejected by a filter — {{reasons}}',
  'why.node.scores': '{{node}}: scores {{scores}}',
  'why.scheduled': 'Scheduled to {{node}}.',
  'why.reason.nodeSelector': "the pod's nodeSelector wants {{labels}}; this node has no such label",
  'why.reason.nodeAffinity': "the pod's node affinity does not match this node's labels",
  'why.reason.taint': 'the node is tainted {{taints}} and the pod has no toleration for it',
  'why.reason.insufficient': "not enough free {{resource}} for the pod's requests ({{reason}})",
  'why.reason.cordoned': 'the node is cordoned (SchedulingDisabled)',
  'why.reason.tooManyPods': 'the node already runs as many pods as it may (maxPods)',
  'why.reason.hostPort': 'another pod on it already uses the requested hostPort',
  'why.reason.nodeName': 'spec.nodeName names another node',
  'why.reason.other': '{{reason}}',
  'why.service.terminating': 'Service {{service}}: terminating, so not ready in its endpoints.',
  'why.service.noIP': 'Service {{service}}: selected, but the pod has no IP yet.',
  'why.service.notReady': 'Service {{service}}: selected, but not Ready, so its endpoint is not ready.',
  'why.service.ready': 'Service {{service}}: a ready endpoint ({{ip}}).',
  'why.service.noSelector': 'No selector: its EndpointSlices are written by hand.',
  'why.service.notSelected': '{{pod}}: not selected — label {{labels}} does not match.',
} as const;

export const sayWhy = speaker(WHY);
