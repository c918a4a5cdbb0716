// The offline service worker: built by vite.config.ts into dist/sw.js with the build's file
// list, so after the first visit the playground (Monaco, xterm, lessons included) loads and
// runs with no network at all.
import { CACHE_PREFIX, cacheName, offlinePage, strategyFor } from './policy.ts';

declare const __PRECACHE__: string[];
declare const __VERSION__: string;

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = cacheName(__VERSION__);

sw.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(__PRECACHE__)).then(() => sw.skipWaiting()));
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(CACHE_PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => sw.clients.claim()),
  );
});

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  const strategy = strategyFor({ url: request.url, method: request.method, scope: sw.registration.scope });
  if (strategy === 'pass') return;
  event.respondWith(strategy === 'cache-first' ? cacheFirst(request) : networkFirst(request));
});

async function cacheFirst(request: Request): Promise<Response> {
  const hit = await caches.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await (await caches.open(CACHE)).put(request, response.clone());
  return response;
}

async function networkFirst(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok) await (await caches.open(CACHE)).put(request, response.clone());
    return response;
  } catch (offline) {
    const hit = await caches.match(request, { ignoreSearch: true })
      ?? (request.mode === 'navigate' ? await caches.match(offlinePage(request.url, sw.registration.scope)) : undefined);
    if (hit) return hit;
    throw offline;
  }
}
