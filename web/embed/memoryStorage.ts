// Imported first by the embed: from here on `localStorage` is a Map that lives as long as the
// frame. An embed then never reads or writes the playground's saved workspace, layout or
// history (same origin as the app), and leaves nothing behind — whatever any module does.
const data = new Map<string, string>();

const memory: Storage = {
  get length() {
    return data.size;
  },
  key: (i) => [...data.keys()][i] ?? null,
  getItem: (k) => data.get(k) ?? null,
  setItem: (k, v) => void data.set(k, String(v)),
  removeItem: (k) => void data.delete(k),
  clear: () => data.clear(),
};

Object.defineProperty(window, 'localStorage', { value: memory, configurable: true });
Object.defineProperty(window, 'sessionStorage', { value: memory, configurable: true });
