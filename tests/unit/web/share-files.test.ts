import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fromBundle, toBundle } from '../../../web/share/bundle.ts';
import { checkFiles, LIMITS } from '../../../web/share/validate.ts';
import { fromZip, toZip } from '../../../web/share/zip.ts';

const tree = [
  { path: 'workspace.yaml', content: 'kind: Pod\n---\nkind: Service\n' },
  { path: 'nodes/worker-1/etc/kubernetes/manifests/web.yaml', content: 'no final newline' },
  { path: 'empty.yaml', content: '' },
  { path: 'blank-lines.yaml', content: '\n\nkind: Pod\n\n' },
  { path: 'crlf.yaml', content: 'kind: Pod\r\nmetadata: {}\r\n' },
];

describe('workspace as one YAML file', () => {
  it('round-trips every file exactly, in order', () => {
    const bundle = toBundle(tree);
    expect(bundle.ok).toBe(true);
    expect(fromBundle(bundle.ok ? bundle.value : '', 'x.yaml')).toEqual({ ok: true, value: tree });
  });

  it('is plain multi-document YAML: each file starts a document', () => {
    const bundle = toBundle(tree.slice(0, 2));
    expect(bundle.ok && bundle.value).toContain('--- # kubeplay-file: "workspace.yaml"\nkind: Pod\n---\nkind: Service\n--- # kubeplay-file: "nodes/worker-1/etc/kubernetes/manifests/web.yaml" noeol\nno final newline\n');
  });

  it('reads YAML without markers as one file', () => {
    expect(fromBundle('kind: Pod\n', 'pod.yaml')).toEqual({ ok: true, value: [{ path: 'pod.yaml', content: 'kind: Pod\n' }] });
  });

  it('refuses a marker climbing out of the workspace, and a file that contains a marker line', () => {
    expect(fromBundle('--- # kubeplay-file: "../../x.yaml"\nkind: Pod\n', 'b.yaml').ok).toBe(false);
    expect(toBundle([{ path: 'a.yaml', content: '--- # kubeplay-file: "b.yaml"\n' }]).ok).toBe(false);
  });
});

describe('workspace as a zip', () => {
  it('round-trips the tree', () => {
    expect(fromZip(toZip(tree))).toEqual({ ok: true, value: tree });
  });

  it('refuses bombs, too many files, binary and non-UTF-8 content, and paths that climb out', () => {
    const big = zipSync({ 'big.yaml': [new Uint8Array(LIMITS.fileBytes + 1).fill(32), { level: 9 }] });
    expect(fromZip(big)).toMatchObject({ ok: false, error: expect.stringMatching(/too large/) });
    const many = zipSync(Object.fromEntries(Array.from({ length: LIMITS.files + 1 }, (_, i) => [`f${i}.yaml`, new Uint8Array([32])])));
    expect(fromZip(many)).toMatchObject({ ok: false, error: expect.stringMatching(/too many/) });
    expect(fromZip(zipSync({ 'a.yaml': new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0]) })).ok).toBe(false);
    expect(fromZip(zipSync({ 'a.yaml': new Uint8Array([0xff, 0xfe, 0x41]) }))).toMatchObject({ ok: false, error: expect.stringMatching(/UTF-8/) });
    expect(fromZip(zipSync({ '../up.yaml': new Uint8Array([32]) })).ok).toBe(false);
    expect(fromZip(new Uint8Array([1, 2, 3]))).toMatchObject({ ok: false, error: expect.stringMatching(/not a zip/) });
  });

  it('skips folder entries: folders exist through their files', () => {
    expect(fromZip(zipSync({ 'dir/': new Uint8Array(), 'dir/a.yaml': new Uint8Array([32]) }))).toEqual({ ok: true, value: [{ path: 'dir/a.yaml', content: ' ' }] });
  });
});

describe('checkFiles', () => {
  it('normalises harmless path forms and refuses the rest', () => {
    expect(checkFiles([{ path: './a\\b.yaml', content: '' }])).toEqual({ ok: true, value: [{ path: 'a/b.yaml', content: '' }] });
    for (const path of ['', '.', 'a//b', 'a/./b', '%2e%2e/x', 'x'.repeat(201), 'a\0b', 'C:\\x', 'a:b']) {
      expect(checkFiles([{ path, content: '' }]).ok, path).toBe(false);
    }
    expect(checkFiles([{ path: 'a', content: 1 }]).ok).toBe(false);
    expect(checkFiles({ length: 1 }).ok).toBe(false);
    expect(checkFiles([]).ok).toBe(false);
  });
});
