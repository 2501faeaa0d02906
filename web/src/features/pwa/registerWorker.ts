import { useSyncExternalStore } from 'react';
import { Workbox } from 'workbox-window';
import { apiCacheName, clearApiCacheMessage } from '../../worker/caching';
import { serviceWorker } from '../push/devicePush';

/**
 * The app's one service worker, registered at every start (under `npm run dev` too: vite-plugin-pwa serves it as a
 * module). When a new version is deployed its worker installs and waits; the app then offers "Reload".
 */
let workbox: Workbox | null = null;
let updateReady = false;
const listeners = new Set<() => void>();

function notify() {
  listeners.forEach((listener) => {
    listener();
  });
}

export function registerWorker(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) {
    return;
  }
  workbox = new Workbox(serviceWorker.url, serviceWorker.options);
  workbox.addEventListener('waiting', () => {
    markUpdateReady();
  });
  workbox.register().catch(() => undefined); // no worker (private mode, old browser): the app works online as before
}

/** A new version waits (called by the registration; tests call it directly). */
export function markUpdateReady(): void {
  updateReady = true;
  notify();
}

/** Lets the waiting worker take over, then reloads into the new version. */
export function applyUpdate(): void {
  updateReady = false;
  notify();
  if (!workbox) {
    window.location.reload();
    return;
  }
  workbox.addEventListener('controlling', () => {
    window.location.reload();
  });
  workbox.messageSkipWaiting();
}

/** Hides the prompt until the next version (the person chose "Later"). */
export function dismissUpdate(): void {
  updateReady = false;
  notify();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useUpdateReady(): boolean {
  return useSyncExternalStore(subscribe, () => updateReady, () => false);
}

/**
 * Forgets every API answer kept for offline reading, so the next person on this device sees nothing of the previous
 * one. The page deletes the cache itself (it shares the worker's cache storage) and tells the worker too.
 */
export async function forgetSavedData(): Promise<void> {
  if (typeof navigator !== 'undefined' && 'serviceWorker' in navigator) {
    navigator.serviceWorker.controller?.postMessage(clearApiCacheMessage);
  }
  if (typeof caches !== 'undefined') {
    await caches.delete(apiCacheName).catch(() => false);
  }
}
