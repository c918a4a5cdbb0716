// Two tabs on one workspace: a tab takes over the files another tab changed and keeps its own
// text of the rest (web/files/tabSync.ts), so the stale tab's next save writes nothing back.
import { describe, expect, it, vi } from 'vitest';
import type { WorkspaceFile } from '../../../core/protocol.ts';

const storage = new Map<string, string>();
const fakeStorage = {
  getItem: (k: string) => storage.get(k) ?? null,
  setItem: (k: string, v: string) => void storage.set(k, v),
  removeItem: (k: string) => void storage.delete(k),
};
vi.stubGlobal('localStorage', fakeStorage);
const handlers: ((e: unknown) => void)[] = [];
vi.stubGlobal('addEventListener', (type: string, h: (e: unknown) => void) => type === 'storage' && handlers.push(h));
vi.stubGlobal('removeEventListener', () => {});

const f = (path: string, content: string): WorkspaceFile => ({ path, content });
const ws = (o: Record<string, string>) => Object.entries(o).map(([p, c]) => f(p, c));

// What this tab loads: the store reads the saved files when it is created (by the import below).
storage.set('kubeplay.workspace.v1', JSON.stringify(ws({ 'a.yaml': 'old a', 'b.yaml': 'old b' })));
const { mergeFromOtherTab, syncWithOtherTabs, otherTabNotice } = await import('../../../web/files/tabSync.ts');
const { useStore } = await import('../../../web/store/index.ts');

const table: { name: string; given: { base: Record<string, string>; theirs: Record<string, string>; mine: Record<string, string> }; want: { files: Record<string, string>; changed: string[] } }[] = [
  {
    name: 'they edited a, I edited b: both edits kept',
    given: { base: { a: '1', b: '1' }, theirs: { a: '2', b: '1' }, mine: { a: '1', b: '3' } },
    want: { files: { a: '2', b: '3' }, changed: ['a'] },
  },
  {
    name: 'they added c',
    given: { base: { a: '1' }, theirs: { a: '1', c: 'new' }, mine: { a: '1' } },
    want: { files: { a: '1', c: 'new' }, changed: ['c'] },
  },
  {
    name: 'they deleted b, which I had not touched',
    given: { base: { a: '1', b: '1' }, theirs: { a: '1' }, mine: { a: '1', b: '1' } },
    want: { files: { a: '1' }, changed: ['b'] },
  },
  {
    name: 'a file only I have stays',
    given: { base: { a: '1' }, theirs: { a: '2' }, mine: { a: '1', mine: 'x' } },
    want: { files: { a: '2', mine: 'x' }, changed: ['a'] },
  },
  {
    name: 'nothing they changed differs from mine: nothing to take',
    given: { base: { a: '1' }, theirs: { a: '2' }, mine: { a: '2' } },
    want: { files: { a: '2' }, changed: [] },
  },
];

describe('merging another tab’s save', () => {
  it.each(table)('$name', ({ given, want }) => {
    const got = mergeFromOtherTab(ws(given.base), ws(given.theirs), ws(given.mine));
    expect(Object.fromEntries(got.files.map((x) => [x.path, x.content]))).toEqual(want.files);
    expect(got.changed).toEqual(want.changed);
  });

  it('a stale tab that types next does not write back the other tab’s file as it was', () => {
    syncWithOtherTabs();
    // The other tab edits a.yaml and saves.
    const oldValue = storage.get('kubeplay.workspace.v1')!;
    const newValue = JSON.stringify(ws({ 'a.yaml': 'a from the other tab', 'b.yaml': 'old b' }));
    storage.set('kubeplay.workspace.v1', newValue);
    for (const h of handlers) h({ key: 'kubeplay.workspace.v1', storageArea: fakeStorage, oldValue, newValue });
    expect(otherTabNotice.get()?.paths).toEqual(['a.yaml']);
    // This tab then types in b.yaml: its save carries the other tab's a.yaml.
    useStore.getState().setText('b.yaml', 'b from this tab');
    expect(JSON.parse(storage.get('kubeplay.workspace.v1')!)).toEqual(ws({ 'a.yaml': 'a from the other tab', 'b.yaml': 'b from this tab' }));
  });
});
