import { addSubscription, fetchPublicKey, removeSubscription } from './pushApi';

/** What this browser allows: no push at all, push blocked by the person, not asked yet, or allowed. */
export type PushSupport = 'unsupported' | 'denied' | 'default' | 'granted';

/**
 * The app's one service worker: the built /sw.js, or under `npm run dev` the same source served by vite-plugin-pwa
 * as an ES module at /dev-sw.js?dev-sw (so web push and the offline cache can be tried without a build).
 */
export const serviceWorker: { url: string; options: RegistrationOptions } = import.meta.env.DEV
  ? { url: '/dev-sw.js?dev-sw', options: { scope: '/', type: 'module' } }
  : { url: '/sw.js', options: { scope: '/' } };

/** The server's id of this browser's subscription: an id, not a secret, kept so "turn off" can remove it. */
const subscriptionIdKey = 'pa.push.subscriptionId';

export function pushSupport(): PushSupport {
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) {
    return 'unsupported';
  }
  return Notification.permission;
}

/** This browser's push subscription, if it has one. */
export async function thisDeviceSubscription(): Promise<PushSubscription | null> {
  if (pushSupport() === 'unsupported') {
    return null;
  }
  const registration = await navigator.serviceWorker.getRegistration('/');
  return (await registration?.pushManager.getSubscription()) ?? null;
}

/**
 * Asks the browser for permission, registers the service worker, subscribes with the server's VAPID key and gives the
 * subscription to the server. 'blocked' when the person said no (or dismissed the question).
 */
export async function turnOnPush(label: string): Promise<'on' | 'blocked'> {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') {
    return 'blocked';
  }
  await navigator.serviceWorker.register(serviceWorker.url, serviceWorker.options);
  const registration = await navigator.serviceWorker.ready;
  const publicKey = await fetchPublicKey();
  const subscription =
    (await registration.pushManager.getSubscription()) ??
    (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64UrlToBytes(publicKey) }));
  const { endpoint, keys } = subscription.toJSON();
  if (!endpoint || !keys?.p256dh || !keys.auth) {
    throw new Error('The browser gave a subscription without keys.');
  }
  const saved = await addSubscription({ endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth }, label });
  localStorage.setItem(subscriptionIdKey, saved.id);
  return 'on';
}

/** Unsubscribes this browser and removes its subscription from the server. */
export async function turnOffPush(): Promise<void> {
  const subscription = await thisDeviceSubscription();
  await subscription?.unsubscribe();
  const id = localStorage.getItem(subscriptionIdKey);
  if (id) {
    await removeSubscription(id).catch(() => undefined); // already gone on the server: nothing left to do
    localStorage.removeItem(subscriptionIdKey);
  }
}

export function isThisDevice(id: string): boolean {
  return localStorage.getItem(subscriptionIdKey) === id;
}

/** The VAPID key as the Push API wants it: base64url text to bytes. */
export function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(value.length / 4) * 4, '=');
  const text = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i += 1) {
    bytes[i] = text.charCodeAt(i);
  }
  return bytes;
}

/** A name the person recognises in the list of devices: "Firefox · Android". */
export function deviceLabel(userAgent: string): string {
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : 'Browser';
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux|CrOS/.test(userAgent)
            ? 'Linux'
            : null;
  return system ? `${browser} · ${system}` : browser;
}
