/**
 * Registers the offline service worker in built pages (the dev server has none). After the
 * load event, so its precache downloads never compete with the first paint.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => void navigator.serviceWorker.register('./sw.js').catch(() => {
    // No offline copy (private mode, file://): the page itself works the same.
  });
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
