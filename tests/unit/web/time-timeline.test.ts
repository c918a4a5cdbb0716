// The worker's timeline: rewind and replay give the same cluster as living through it.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../core/api/types.ts';
import { Timeline } from '../../../web/engine/timeline.ts';

const crasher = `apiVersion: v1
kind: Pod
metadata:
  name: crasher
spec:
  containers:
    - name: app
      image: busybox
      command: ["sh", "-c", "sleep 2; exit 1"]
`;
const web = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: nginx, image: nginx:1.27 }]
`;
const files = (content: string) => [{ path: 'workspace.yaml', content }];
const restarts = (t: Timeline) =>
  t.sim.store.list<Pod>('Pod').find((p) => p.metadata.name === 'crasher')?.status?.containerStatuses?.[0]?.restartCount ?? -1;
/** The cluster as the page sees it, minus nothing: rewinding must reproduce it exactly. */
const state = (t: Timeline) => JSON.stringify(t.sim.snapshot());

describe('timeline', () => {
  it('rewinds a crashing pod to fewer restarts, and replays to the same state', () => {
    const t = new Timeline(1);
    t.load(files(crasher));
    t.advance(120_000);
    const late = state(t);
    const lateRestarts = restarts(t);
    const at = t.time;
    expect(lateRestarts).toBeGreaterThan(1);
    t.seek(5_000);
    expect(t.time).toBe(5_000);
    expect(restarts(t)).toBeLessThan(lateRestarts);
    t.seek(at);
    expect(state(t)).toBe(late);
  });

  it('replays edits and terminal commands at the times they happened', () => {
    const live = new Timeline(1);
    live.load(files(web));
    live.advance(3_000);
    live.playing = true; // an edit while playing applies now, without settling
    live.edit(files(web.replace('replicas: 2', 'replicas: 3')));
    live.advance(1_500);
    live.playing = false;
    expect(live.command('kubectl scale deployment web --replicas=1').exitCode).toBe(0);
    live.command('ssh worker-1');
    live.command('systemctl stop kubelet');
    live.advance(90_000);
    const end = live.time;
    const expected = state(live);
    expect(live.inputs.map((i) => i.kind)).toEqual(['files', 'files', 'command', 'command']);
    expect(live.inputs[3]).toMatchObject({ kind: 'command', host: 'worker-1', line: 'systemctl stop kubelet' });

    const restored = new Timeline(1);
    restored.restore(live.inputs, end);
    expect(state(restored)).toBe(expected);
  });

  it('looking does not record; acting while rewound drops the recorded future', () => {
    const t = new Timeline(1);
    t.load(files(web));
    t.advance(10_000);
    t.command('kubectl get pods');
    t.command('ssh worker-1 iptables-save');
    expect(t.inputs).toHaveLength(1);
    t.edit(files(web.replace('replicas: 2', 'replicas: 4')));
    const head = t.time;
    t.seek(1_000);
    expect(t.clock()).toMatchObject({ time: 1_000, head });
    t.command('kubectl delete deployment web');
    expect(t.inputs).toHaveLength(2);
    expect(t.clock().head).toBe(1_000);
  });

  it('step moves to the next thing that happens', () => {
    const t = new Timeline(1);
    t.load(files(crasher));
    const before = t.time;
    t.step();
    expect(t.time).toBeGreaterThan(before);
  });

  it('sleep in the terminal moves the clock', () => {
    const t = new Timeline(1);
    t.load(files(web));
    const before = t.time;
    t.command('sleep 40s');
    expect(t.time).toBe(before + 40_000);
  });

  it('the journal tells the page what to keep and what to add', () => {
    const t = new Timeline(1);
    t.load(files(web));
    expect(t.takeJournal()).toMatchObject({ keep: 0, add: [{ kind: 'files' }] });
    expect(t.takeJournal()).toBeNull();
    t.edit(files(crasher));
    expect(t.takeJournal()).toMatchObject({ keep: 1, add: [{ kind: 'files', removed: [] }] });
    t.seek(0);
    t.command('kubectl delete pod crasher');
    expect(t.takeJournal()).toMatchObject({ keep: 1, add: [{ kind: 'command' }] });
  });
});
