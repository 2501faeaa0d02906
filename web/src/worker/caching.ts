/**
 * What the service worker keeps for offline use, shared by the worker and the app (which clears it on sign-out).
 *
 * The built shell is precached by Workbox. Of the API, only the GETs the Today page reads (and the signed-in person's
 * profile) are kept, network first, so a person opening the app offline sees their day as last seen. Nothing else
 * under /api/ is ever cached, and never the auth endpoints.
 */
export const apiCacheName = 'pa-api-v1';

/** Message from the app to the worker: forget every cached API answer (sign-out, or a different person signs in). */
export const clearApiCacheMessage = 'pa-clear-api-cache';

/** Message type from the app to a waiting worker: take over now (the person chose Reload). Workbox-window's name. */
export const skipWaitingMessage = 'SKIP_WAITING';

/** Seconds the worker waits for the network before answering from the cache. */
export const networkTimeoutSeconds = 4;

const cachedApiPaths = new Set(['/api/v1/users/me', '/api/v1/tasks', '/api/v1/tasks/next', '/api/v1/reminders', '/api/v1/events']);

/** True for a same-origin GET of one of the API paths Today reads; false for everything else. */
export function isCachedApiRequest(method: string, url: URL, origin: string): boolean {
  return method === 'GET' && url.origin === origin && cachedApiPaths.has(url.pathname);
}

/** Paths the host answers itself: a navigation to them must reach the network, never the cached app page. */
export const hostOwnedPaths = [/^\/api(\/|$)/, /^\/health(\/|$)/, /^\/openapi(\/|$)/, /^\/docs(\/|$)/, /^\/hubs(\/|$)/];
