// A headless test cluster: apply manifests, advance the simulated clock, run commands.
//   const c = cluster(); c.apply(yaml); c.advance('30s'); c.run('kubectl get pods')

import { Simulation } from '../../core/simulation.ts';
import { Shell } from '../../core/shell/shell.ts';
import { parseDurationMs } from '../../core/shell/args.ts';
import type { KObject, Pod } from '../../core/api/types.ts';
import type { ManifestError, WorkspaceFile } from '../../core/protocol.ts';

export interface TestCluster {
  sim: Simulation;
  /** Applies YAML as the workspace (file `test.yaml`, or several files); returns manifest errors. */
  apply(yaml: string | WorkspaceFile[]): ManifestError[];
  advance(d: string | number): void;
  settle(): void;
  /** Runs a shell line; returns stdout (stderr appended after a marker when present). */
  run(line: string): string;
  pod(name: string, ns?: string): Pod | undefined;
  /** Pods whose name starts with a prefix (controller-made names carry random suffixes). */
  pods(prefix?: string): Pod[];
  get<T extends KObject = KObject>(kind: string, name: string, ns?: string): T | undefined;
  events(reason?: string): { object: string; reason: string; message: string; type: string }[];
}

export function cluster(seed = 1): TestCluster {
  const sim = new Simulation({ seed });
  const shell = new Shell(sim);
  return {
    sim,
    apply: (yaml) => sim.applyWorkspace(typeof yaml === 'string' ? [{ path: 'test.yaml', content: yaml }] : yaml),
    advance: (d) => sim.advance(typeof d === 'number' ? d : parseDurationMs(d) ?? 0),
    settle: () => sim.settle(),
    run: (line) => {
      const r = shell.run(line);
      return r.stderr ? `${r.stdout}[stderr]\n${r.stderr}` : r.stdout;
    },
    pod: (name, ns = 'default') => sim.api.get<Pod>('Pod', ns, name),
    pods: (prefix = '') => sim.pods().filter((p) => p.metadata.name.startsWith(prefix)).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name)),
    get: (kind, name, ns) => sim.api.get(kind, ns, name),
    events: (reason) =>
      sim.events.recent(10_000)
        .filter((e) => !reason || e.reason === reason)
        .map((e) => ({ object: `${e.involvedObject.kind}/${e.involvedObject.name}`, reason: e.reason, message: e.message, type: e.type })),
  };
}

/** Small builders for manifests in tests. */
export const podYaml = (name: string, spec: string, extraMeta = ''): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n${extraMeta}spec:\n${spec.replace(/^/gm, '  ')}\n`;

export const deploymentYaml = (name: string, replicas: number, image = 'nginx:1.27', extraPodSpec = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: app
        image: ${image}
${extraPodSpec.replace(/^/gm, '        ')}
`;

export const serviceYaml = (name: string, selector = name, port = 80, extra = ''): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector: {app: ${selector}}\n  ports: [{port: ${port}}]\n${extra}`;
