// Workspace file operations: paths, add/rename/delete, import conflicts, the tree shown.
import { describe, expect, it } from 'vitest';
import { addFile, addFolder, buildTree, cleanPath, conflicts, importFiles, remove, rename, type Workspace } from '../../../web/files/tree.ts';
import { objectAt, resolveKey } from '../../../web/editor/link.ts';

const ws = (...paths: string[]): Workspace => ({ files: paths.map((path) => ({ path, content: `# ${path}` })), folders: [] });
const ok = (r: ReturnType<typeof addFile>) => {
  if (!r.ok) throw new Error(r.error);
  return r.ws;
};

describe('file tree', () => {
  it('cleans paths and refuses escapes', () => {
    expect(cleanPath(' ./apps//x.yaml ')).toEqual({ error: expect.any(String) });
    expect(cleanPath('/apps/x.yaml/')).toEqual({ path: 'apps/x.yaml' });
    expect(cleanPath('../etc/passwd')).toHaveProperty('error');
    expect(cleanPath('<img src=x>.yaml')).toHaveProperty('error');
  });

  it('adds files in path order and refuses duplicates', () => {
    const w = ok(addFile(ws('b.yaml'), 'a.yaml', 'x'));
    expect(w.files.map((f) => f.path)).toEqual(['a.yaml', 'b.yaml']);
    expect(addFile(w, 'a.yaml')).toMatchObject({ ok: false });
    expect(addFile(w, 'a.yaml/inner.yaml')).toMatchObject({ ok: false });
  });

  it('renames a folder with everything in it, and keeps empty folders until they fill', () => {
    let w = ok(addFolder(ws('apps/web.yaml', 'apps/db.yaml', 'top.yaml'), 'nodes/worker-1/etc/kubernetes/manifests'));
    expect(w.folders).toEqual(['nodes/worker-1/etc/kubernetes/manifests']);
    w = ok(addFile(w, 'nodes/worker-1/etc/kubernetes/manifests/static.yaml'));
    expect(w.folders).toEqual([]);
    w = ok(rename(w, 'apps', 'services'));
    expect(w.files.map((f) => f.path)).toEqual(['nodes/worker-1/etc/kubernetes/manifests/static.yaml', 'services/db.yaml', 'services/web.yaml', 'top.yaml']);
    expect(rename(w, 'services', 'services/inner')).toMatchObject({ ok: false });
    expect(rename(w, 'top.yaml', 'services/db.yaml')).toMatchObject({ ok: false });
  });

  it('deletes a folder and what is in it', () => {
    expect(remove(ws('apps/a.yaml', 'apps/b.yaml', 'apps2.yaml'), 'apps').files.map((f) => f.path)).toEqual(['apps2.yaml']);
  });

  it('import: finds conflicts, replaces or keeps both', () => {
    const w = ws('a.yaml', 'b.yaml');
    const incoming = [{ path: 'a.yaml', content: 'new' }, { path: 'b.yaml', content: '# b.yaml' }, { path: 'c.yaml', content: 'c' }];
    expect(conflicts(w, incoming)).toEqual(['a.yaml']);
    expect(importFiles(w, incoming, 'replace').files).toEqual([{ path: 'a.yaml', content: 'new' }, { path: 'b.yaml', content: '# b.yaml' }, { path: 'c.yaml', content: 'c' }]);
    expect(importFiles(w, incoming, 'keep-both').files.map((f) => f.path)).toEqual(['a-2.yaml', 'a.yaml', 'b.yaml', 'c.yaml']);
  });

  it('shows folders first and folds single-folder chains into one row', () => {
    const tree = buildTree(ws('workspace.yaml', 'nodes/worker-1/etc/kubernetes/manifests/web.yaml', 'apps/db.yaml'));
    expect(tree.map((n) => [n.name, n.kind])).toEqual([['apps', 'folder'], ['nodes/worker-1/etc/kubernetes/manifests', 'folder'], ['workspace.yaml', 'file']]);
    expect(tree[1]!.path).toBe('nodes/worker-1/etc/kubernetes/manifests');
    expect(tree[1]!.children[0]!.path).toBe('nodes/worker-1/etc/kubernetes/manifests/web.yaml');
  });
});

describe('editor → graph link', () => {
  const sources = {
    'Deployment//web': { file: 'w.yaml', line: 1, col: 1, endLine: 20 },
    'Service//web': { file: 'w.yaml', line: 22, col: 1, endLine: 30 },
    'Namespace//team': { file: 'ns.yaml', line: 1, col: 1, endLine: 4 },
  };
  it('finds the document under the cursor', () => {
    expect(objectAt(sources, 'w.yaml', 25)).toBe('Service//web');
    expect(objectAt(sources, 'w.yaml', 21)).toBeUndefined();
    expect(objectAt(sources, 'other.yaml', 2)).toBeUndefined();
  });
  it('resolves a key written without namespace to the object as stored', () => {
    const objects = [
      { kind: 'Service', apiVersion: 'v1', metadata: { name: 'web', namespace: 'default' } },
      { kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'team' } },
    ];
    expect(resolveKey({ objects }, 'Service//web')).toBe('Service/default/web');
    expect(resolveKey({ objects }, 'Namespace//team')).toBe('Namespace//team');
    expect(resolveKey({ objects }, undefined)).toBeUndefined();
  });
});
