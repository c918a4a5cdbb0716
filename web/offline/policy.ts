/**
 * What the service worker does with a request. Pure, so it is unit-tested without a browser.
 * Hashed build assets never change under their name: cache first. Everything else (the pages,
 * lessons, the favicon) may change with a new deploy: network first, the cache when offline.
 */
export const CACHE_PREFIX = 'kubeplay-';

export type Strategy = 'cache-first' | 'network-first' | 'pass';

export interface RequestFacts {
  url: string;
  method: string;
  /** The service worker's registration scope, e.g. https://example.org/kubeplay/ */
  scope: string;
}

export function strategyFor({ url, method, scope }: RequestFacts): Strategy {
  if (method !== 'GET') return 'pass';
  const u = new URL(url);
  const s = new URL(scope);
  if (u.origin !== s.origin || !u.pathname.startsWith(s.pathname)) return 'pass';
  const path = u.pathname.slice(s.pathname.length);
  if (path === 'sw.js') return 'pass';
  return path.startsWith('assets/') ? 'cache-first' : 'network-first';
}

/** The cache key a navigation falls back to offline: the page itself without query or fragment. */
export function offlinePage(url: string, scope: string): string {
  const u = new URL(url);
  const s = new URL(scope);
  const path = u.pathname.slice(s.pathname.length);
  return new URL(path === '' || path.endsWith('/') ? `${path}index.html` : path, s).href;
}

/** Names the precache list may hold: the built files, minus the worker itself and the demo pages. */
export function precachable(path: string): boolean {
  return path !== 'sw.js' && !path.endsWith('.map') && !path.startsWith('embed-demo');
}

export function cacheName(version: string): string {
  return `${CACHE_PREFIX}${version}`;
}
