// The terminal's line editing, completion and which lines are recorded on the timeline.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../core/simulation.ts';
import { complete } from '../../../web/engine/complete.ts';
import { isReadOnly, parseTrace } from '../../../web/engine/terminal.ts';
import { LineEditor } from '../../../web/terminal/lineEditor.ts';

describe('line editor', () => {
  it('edits in the middle, recalls history, keeps the line being typed', () => {
    const l = new LineEditor(['kubectl get pods']);
    l.insert('ssh wrker-1');
    l.move(-6);
    l.insert('o');
    expect(l.buffer).toBe('ssh worker-1');
    l.browse(-1);
    expect(l.buffer).toBe('kubectl get pods');
    l.browse(1);
    expect(l.buffer).toBe('ssh worker-1');
    expect(l.take()).toBe('ssh worker-1');
    expect(l.history).toEqual(['kubectl get pods', 'ssh worker-1']);
    expect(l.render('$ ')).toBe('\r$ \x1b[K');
  });

  it('completes one match with a space, many to their common prefix, else lists them', () => {
    const l = new LineEditor();
    l.insert('kubectl get po');
    expect(l.complete(12, ['poddisruptionbudgets', 'pods'])).toEqual({ listing: [] });
    expect(l.buffer).toBe('kubectl get pod');
    expect(l.complete(12, ['poddisruptionbudgets', 'pods'])).toEqual({ listing: ['poddisruptionbudgets', 'pods'] });
    l.insert('s');
    l.complete(12, ['pods']);
    expect(l.buffer).toBe('kubectl get pods ');
  });
});

describe('terminal in the worker', () => {
  it('records only lines that may change the cluster', () => {
    expect(isReadOnly('kubectl get pods -o wide', undefined)).toBe(true);
    expect(isReadOnly('kubectl delete pod web', undefined)).toBe(false);
    expect(isReadOnly('ssh worker-1 iptables-save', undefined)).toBe(true);
    expect(isReadOnly('ssh worker-1 systemctl stop kubelet', undefined)).toBe(false);
    expect(isReadOnly('systemctl status kubelet', 'worker-1')).toBe(true);
    expect(isReadOnly('iptables -t nat -A KUBE-SERVICES -j DROP', 'worker-1')).toBe(false);
    expect(isReadOnly('rm -rf /', undefined)).toBe(false);
  });

  it('parses a trace line as data', () => {
    expect(parseTrace(['trace', '--from', 'pod/a', '--to=web:80', '--pick', '2'])).toEqual({ from: 'pod/a', to: 'web:80', pick: 2 });
    expect(parseTrace(['trace', '--from', 'pod/a'])).toBeUndefined();
    expect(parseTrace(['trace', '--from', 'pod/a', '--to', 'x:1', '--proto', 'http'])).toBeUndefined();
  });

  it('completes commands, kubectl resources, object names and nodes', () => {
    const sim = new Simulation({ seed: 1 });
    sim.applyWorkspace([{ path: 'w.yaml', content: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: crasher\nspec:\n  containers: [{ name: a, image: busybox }]\n' }]);
    expect(complete(sim, undefined, 'kub').items).toEqual(['kubectl']);
    expect(complete(sim, undefined, 'kubectl get po').items).toEqual(['poddisruptionbudgets', 'pods']);
    expect(complete(sim, undefined, 'kubectl logs c')).toEqual({ start: 13, items: ['crasher'] });
    expect(complete(sim, undefined, 'kubectl get pod/c').items).toEqual(['pod/crasher']);
    expect(complete(sim, undefined, 'ssh w').items).toEqual(['worker-1', 'worker-2']);
    expect(complete(sim, 'worker-1', 'crictl p').items).toEqual(['pods', 'ps']);
    expect(complete(sim, undefined, 'trace --from pod/c').items).toContain('pod/crasher');
    expect(complete(sim, undefined, 'kubectl get pods | gr').items).toEqual(['grep']);
    expect(complete(sim, undefined, 'kubectl get -L app po').items).toEqual(['poddisruptionbudgets', 'pods']);
    expect(complete(sim, undefined, 'echo a && kubectl logs c')).toEqual({ start: 23, items: ['crasher'] });
    expect(complete(sim, undefined, 'kubectl get pods --no-h').items).toEqual(['--no-headers']);
  });
});
