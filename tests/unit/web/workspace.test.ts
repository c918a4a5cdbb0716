import { beforeEach, describe, expect, it, vi } from 'vitest';

// A minimal localStorage for Node: the store reads it when it is created.
const storage = new Map<string, string>();
vi.stubGlobal('localStorage', {
  getItem: (k: string) => storage.get(k) ?? null,
  setItem: (k: string, v: string) => void storage.set(k, v),
  removeItem: (k: string) => void storage.delete(k),
});

const freshStore = async () => {
  vi.resetModules();
  return (await import('../../../web/store/index.ts')).useStore;
};

describe('workspace slice', () => {
  beforeEach(() => storage.clear());

  it('starts from the starter scenario: a Deployment and a Service named web', async () => {
    const store = await freshStore();
    const [file] = store.getState().files;
    expect(file!.path).toBe('workspace.yaml');
    expect(file!.content).toMatch(/kind: Deployment[\s\S]*name: web[\s\S]*kind: Service/);
  });

  it('saves every edit and restores it in a new page', async () => {
    const store = await freshStore();
    store.getState().setText('workspace.yaml', 'kind: Pod\n');
    const reloaded = await freshStore();
    expect(reloaded.getState().files).toEqual([{ path: 'workspace.yaml', content: 'kind: Pod\n' }]);
  });

  it('ignores corrupt saved data', async () => {
    storage.set('kubeplay.workspace.v1', '{not json');
    const store = await freshStore();
    expect(store.getState().files[0]!.content).toContain('kind: Deployment');
  });

  it('reset brings the starter back', async () => {
    const store = await freshStore();
    store.getState().setText('workspace.yaml', '');
    store.getState().resetWorkspace();
    expect(store.getState().files[0]!.content).toContain('kind: Service');
  });
});
