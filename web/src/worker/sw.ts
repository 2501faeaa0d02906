/*
 * The app's one service worker (built by vite-plugin-pwa in injectManifest mode into /sw.js): precaches the built
 * shell, answers navigations offline with the cached index.html, keeps Today's API answers for offline reading, and
 * handles web push. It is always registered at start (src/features/pwa/registerWorker.ts).
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';
import { apiCacheName, clearApiCacheMessage, hostOwnedPaths, isCachedApiRequest, networkTimeoutSeconds, skipWaitingMessage } from './caching';
import { listenForPush, type PushScope } from './push';

interface WorkerScope extends PushScope {
  __WB_MANIFEST: (string | { url: string; revision: string | null })[];
  skipWaiting: () => Promise<void>;
  clients: PushScope['clients'] & { claim: () => Promise<void> };
}

// This module's view of the worker's global scope (no code is emitted for it).
declare const self: WorkerScope;
const scope = self;

// The build (Workbox) and the dev server write the list of files to precache in place of the property read below,
// found by its literal spelling in the source; this comment must not spell it, the dev server replaces the first one.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: hostOwnedPaths }));

registerRoute(
  ({ request, url }) => isCachedApiRequest(request.method, url, scope.location.origin),
  new NetworkFirst({
    cacheName: apiCacheName,
    networkTimeoutSeconds,
    // The access token changes every few minutes: an answer is the same resource whatever token fetched it.
    matchOptions: { ignoreVary: true },
  }),
);

scope.addEventListener('activate', (event: { waitUntil: (promise: Promise<unknown>) => void }) => {
  event.waitUntil(scope.clients.claim());
});

scope.addEventListener('message', (event: { data?: unknown; waitUntil: (promise: Promise<unknown>) => void }) => {
  if (typeof event.data === 'object' && event.data !== null && (event.data as { type?: unknown }).type === skipWaitingMessage) {
    event.waitUntil(scope.skipWaiting());
  } else if (event.data === clearApiCacheMessage) {
    event.waitUntil(caches.delete(apiCacheName));
  }
});

listenForPush(scope);
