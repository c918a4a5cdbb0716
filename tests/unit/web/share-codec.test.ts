import { readFileSync } from 'node:fs';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodePayload, encodePayload } from '../../../web/share/codec.ts';
import { DEFAULT_VIEW, inputsWorthSharing, type SharePayload } from '../../../web/share/payload.ts';

const starter = readFileSync(new URL('../../../web/scenarios/starter.yaml', import.meta.url), 'utf8');
const base = (files: SharePayload['files']): SharePayload => ({ files, seed: 1, time: 0, view: DEFAULT_VIEW });

describe('share codec', () => {
  it('round-trips files, seed, time, view, active tab and inputs exactly', () => {
    const p: SharePayload = {
      files: [
        { path: 'a.yaml', content: 'kind: Pod\n# émoji 🚀 and ‮RTL‬\n' },
        { path: 'nodes/worker-1/etc/kubernetes/manifests/web.yaml', content: 'no final newline' },
        { path: 'z.yaml', content: '' },
      ],
      seed: 42,
      time: 90_500,
      view: { graph: 'datapath', node: 'worker-2', selected: 'Pod/default/web-1', system: true },
      active: 'z.yaml',
      inputs: [
        { at: 0, kind: 'files', files: [{ path: 'a.yaml', content: 'kind: Pod\n' }], removed: [] },
        { at: 30_000, kind: 'command', line: 'kubectl scale deploy web --replicas=5' },
        { at: 31_000, kind: 'command', line: 'systemctl stop kubelet', host: 'worker-1' },
        { at: 40_000, kind: 'files', files: [], removed: ['old.yaml'] },
      ],
    };
    const back = decodePayload(encodePayload(p));
    expect(back).toEqual({ ok: true, value: p });
  });

  it('keeps the starter scenario link short', () => {
    const link = encodePayload(base([{ path: 'workspace.yaml', content: starter }]));
    console.log('starter link payload chars', link.length);
    expect(link.length).toBeLessThan(200);
  });

  it('refuses damaged, foreign and oversized links with a message', () => {
    const good = encodePayload(base([{ path: 'a.yaml', content: 'kind: Pod\n' }]));
    expect(decodePayload(good.slice(0, good.length - 6))).toMatchObject({ ok: false });
    expect(decodePayload('kp9.AAAA')).toMatchObject({ ok: false, error: expect.stringMatching(/not a kubeplay link/) });
    expect(decodePayload('kp1.<script>')).toMatchObject({ ok: false, error: expect.stringMatching(/damaged/) });
    // A deflate bomb: 8 MB of zeros compresses to a few kB.
    const bomb = deflateSync(new Uint8Array(8 * 1024 * 1024).fill(32), { level: 9 });
    const b64 = Buffer.from(bomb).toString('base64url');
    expect(decodePayload(`kp1.${b64}`)).toMatchObject({ ok: false });
  });

  it('refuses paths that climb out, absolute paths, duplicates and binary text', () => {
    for (const files of [
      [{ path: '../etc/passwd', content: 'x' }],
      [{ path: '/abs.yaml', content: 'x' }, { path: 'abs.yaml', content: 'y' }],
      [{ path: 'a/../../b.yaml', content: 'x' }],
      [{ path: '<img src=x onerror=alert(1)>.yaml', content: 'x' }],
      [{ path: 'bin.yaml', content: 'ELF\0\x01' }],
      [{ path: 'a.yaml', content: 'x' }, { path: 'a.yaml/b.yaml', content: 'y' }],
    ]) {
      expect(decodePayload(encodePayload(base(files))).ok, JSON.stringify(files)).toBe(false);
    }
  });

  it('carries the timeline only when it says more than the files at t=0', () => {
    const files = [{ path: 'a.yaml', content: 'x' }];
    expect(inputsWorthSharing([{ at: 0, kind: 'files', files, removed: [] }], files)).toBeUndefined();
    const more = [{ at: 0, kind: 'files' as const, files, removed: [] }, { at: 5, kind: 'command' as const, line: 'kubectl get pods' }];
    expect(inputsWorthSharing(more, files)).toBe(more);
  });
});
