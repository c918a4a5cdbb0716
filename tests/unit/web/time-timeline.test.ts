// The worker's timeline: rewind and replay give the same cluster as living through it.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../core/api/types.ts';
import { view } from '../../../core/views/index.ts';
import { Timeline } from '../../../web/engine/timeline.ts';
import { groupHops } from '../../../web/inspector/traceHops.ts';
import { before, lastCrash, laterInputs, nextBackOff, settledEdit } from '../../../web/time/moments.ts';
import { epochOf } from '../../../web/time/ticks.ts';

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

// What the page tells the user, worked out from the engine's own clock messages and snapshots.
describe('what the page says about the timeline', () => {
  const pods = (t: Timeline) => t.sim.snapshot().objects.filter((o): o is Pod => o.kind === 'Pod');
  const epoch = (t: Timeline) => epochOf(t.sim.snapshot());
  const crasherNow = (t: Timeline) => pods(t).find((p) => p.metadata.name === 'crasher')!.status!.containerStatuses![0]!;

  it('an edit while paused: the settle jump is named, and a branch when it was made in the past', () => {
    const t = new Timeline(1);
    t.load(files(web));
    let prev = t.clock();
    t.edit(files(web + '---\n' + crasher));
    const first = settledEdit(prev, t.clock(), t.inputs.at(-1));
    expect(first).toEqual({ at: prev.time, to: t.time, branched: false });
    expect(first!.to).toBeGreaterThan(first!.at);

    t.seek(5_000);
    prev = t.clock();
    expect(laterInputs(prev)).toBe(1);
    t.edit(files(web.replace('replicas: 2', 'replicas: 3')));
    expect(settledEdit(prev, t.clock(), t.inputs.at(-1))).toMatchObject({ at: 5_000, branched: true });
    expect(t.inputs.map((i) => i.at)).toEqual([0, 5_000]);
  });

  it('a command (even one that waits, like kubectl delete), a step or a seek is not an edit that settled', () => {
    const t = new Timeline(1);
    t.load(files(crasher));
    const cases: { name: string; act: () => void }[] = [
      { name: 'command', act: () => t.command('kubectl delete pod crasher') },
      { name: 'step', act: () => t.step() },
      { name: 'seek back', act: () => t.seek(1_000) },
      { name: 'seek forward', act: () => t.seek(t.head) },
    ];
    for (const c of cases) {
      const prev = t.clock();
      c.act();
      expect(settledEdit(prev, t.clock(), t.inputs.at(-1)), c.name).toBeNull();
    }
  });

  it("the back-off the status bar names ends before the kubelet's restart timer, which then restarts it", () => {
    const t = new Timeline(1);
    t.load(files(crasher));
    const wait = nextBackOff(pods(t), epoch(t));
    expect(wait).toMatchObject({ pod: 'crasher', reason: 'CrashLoopBackOff' });
    const timer = t.sim.clock.peek(false)!;
    // The pod worker requeues at the back-off's expiry plus up to 50 % jitter (pod_workers.go).
    expect(timer).toBeGreaterThanOrEqual(wait!.until!);
    expect(timer - wait!.until!).toBeLessThan(20_000);
    t.advance(timer + 1_000 - t.time);
    expect(crasherNow(t).state?.running).toBeDefined();
    expect(nextBackOff(pods(t), epoch(t))).toBeNull();
  });

  it('rewinding to before the last crash shows the container running; playing on shows the crash again', () => {
    const t = new Timeline(1);
    t.load(files(crasher));
    t.advance(60_000);
    const end = t.time;
    const was = crasherNow(t);
    expect(was.state?.waiting?.reason).toBe('CrashLoopBackOff');
    const crash = lastCrash(pods(t).find((p) => p.metadata.name === 'crasher')!, epoch(t))!;
    expect(crash).toBe(Date.parse(was.lastState!.terminated!.finishedAt!) - epoch(t));
    t.seek(before(crash));
    expect(crasherNow(t)).toMatchObject({ restartCount: was.restartCount, state: { running: {} } });
    t.seek(end);
    expect(crasherNow(t)).toEqual(was);
  });

  it('a trace across nodes lists every hop once, in order, by node, with the unmatched folded', () => {
    const t = new Timeline(1);
    const client = 'apiVersion: v1\nkind: Pod\nmetadata: { name: probe }\nspec:\n  nodeSelector: { kubernetes.io/hostname: worker-1 }\n  containers: [{ name: c, image: busybox, command: [sleep, "3600"] }]\n';
    const svc = 'apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec:\n  selector: { app: web }\n  ports: [{ port: 80 }]\n';
    t.load(files([client, web.replace('    spec:\n', '    spec:\n      nodeSelector: { kubernetes.io/hostname: worker-2 }\n'), svc].join('---\n')));
    const r = view(t.sim, { kind: 'trace', from: 'pod/probe', to: 'web:80' });
    if (r.kind !== 'trace') throw new Error(JSON.stringify(r));
    const groups = groupHops(r.trace.hops);
    expect(groups.map((g) => g.node)).toEqual(['worker-1', 'worker-2']);
    const order = groups.flatMap((g) => g.rows.flatMap((row) => (row.kind === 'skipped' ? row.indices : [row.index])));
    expect(order).toEqual(r.trace.hops.map((_, i) => i));
    const folded = groups.flatMap((g) => g.rows.filter((row) => row.kind === 'skipped'));
    expect(folded.length).toBeGreaterThan(0);
    for (const row of folded) for (const i of row.indices) expect(['rule', 'chain', 'branch']).toContain(r.trace.hops[i]!.kind);
    expect(groups.reduce((n, g) => n + g.rows.length, 0)).toBeLessThan(r.trace.hops.length * 0.8);
  });
});

// `kubectl get -w` in the page's terminal holds it, as in a real shell: rows follow as time
// passes (Play, an edit) until Ctrl-C; a rewind ends it (the cluster it watched is gone).
describe('a watch in the terminal session', () => {
  const watching = () => {
    const t = new Timeline(1);
    t.load(files(crasher));
    const r = t.command('kubectl get pods -w');
    return { t, r };
  };
  it('prints the table at once and leaves the watch running', () => {
    const { t, r } = watching();
    expect(r.watching).toBe(true);
    expect(r.stdout).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\ncrasher\s/);
    expect(t.watching).toBe(true);
  });
  it('gives the rows printed while time passes, once each', () => {
    const { t } = watching();
    t.advance(60_000);
    const first = t.takeWatch();
    expect(first?.ended).toBe(false);
    expect(first?.stdout).toMatch(/^crasher\s+0\/1\s+(Error|CrashLoopBackOff)\s/m);
    expect(first?.stdout).not.toMatch(/^NAME/m);
    expect(t.takeWatch()).toBeUndefined();
  });
  it('stops at Ctrl-C', () => {
    const { t } = watching();
    t.interrupt();
    t.advance(60_000);
    expect(t.takeWatch()).toBeUndefined();
    expect(t.watching).toBe(false);
  });
  it('ends when the timeline is rewound', () => {
    const { t } = watching();
    t.advance(30_000);
    t.takeWatch();
    t.seek(1_000);
    expect(t.takeWatch()).toEqual({ stdout: '', ended: true });
    expect(t.watching).toBe(false);
  });
  it('a line that is not a watch does not hold the terminal', () => {
    const t = new Timeline(1);
    t.load(files(crasher));
    expect(t.command('kubectl get pods').watching).toBe(false);
    expect(t.watching).toBe(false);
  });
});
