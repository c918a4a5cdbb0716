// kubectl verbs served by the kubelet and the runtime on the pod's node: logs (and,
// as they come, exec and top).

import type { Pod } from '../api/types.ts';
import type { Simulation } from '../simulation.ts';
import { fail, ok, type CommandResult } from './types.ts';
import { flag, type Parsed } from './args.ts';

export function logs(sim: Simulation, p: Parsed, args: string[], ns: string): CommandResult {
  const name = args[0]?.replace(/^pods?\//, '');
  if (!name) return fail('error: expected \'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]\'.');
  const pod = sim.api.get<Pod>('Pod', ns, name);
  if (!pod) return fail(`Error from server (NotFound): pods "${name}" not found`);
  const cflag = flag(p, '-c', '--container');
  const cname = typeof cflag === 'string' ? cflag : pod.spec.containers[0]?.name;
  if (typeof cflag !== 'string' && pod.spec.containers.length > 1)
    return fail(`error: a container name must be specified for pod ${name}, choose one of: [${pod.spec.containers.map((c) => c.name).join(' ')}]`);
  const previous = flag(p, '-p', '--previous') !== undefined;
  const k = sim.kubelets.get(pod.spec.nodeName ?? '');
  const cs = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((c) => c.name === cname);
  if (!cs) return fail(`error: container ${cname} is not valid for pod ${name}`);
  const id = previous ? cs.lastState.terminated?.containerID : cs.containerID;
  if (previous && !id) return fail(`Error from server (BadRequest): previous terminated container "${cname}" in pod "${name}" not found`);
  if (!id) return fail(`Error from server (BadRequest): container "${cname}" in pod "${name}" is waiting to start: ${cs.state.waiting?.reason ?? 'ContainerCreating'}`);
  const c = k?.cri.containers.get(id.replace('containerd://', ''));
  return ok((c?.logs ?? []).map((l) => l.line + '\n').join(''));
}
