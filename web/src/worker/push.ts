/*
 * Web push in the app's service worker. A reminder arrives as a notification with Done and Snooze; those act on it
 * without opening the app; a plain tap opens (or focuses) the app where the reminder points.
 *
 * A service worker holds no bearer token: the Done and Snooze calls carry the one-use action token the server put in
 * the push message, which only allows that action on that notification.
 *
 * Written against the small part of the worker scope it uses (not the WebWorker lib), so the app's TypeScript project
 * and its tests check it as they are.
 */

const snoozeMinutes = 10;
const actionsAllowed = new Set(['done', 'snooze']);

export interface WindowClientLike {
  url: string;
  focus: () => Promise<unknown>;
  navigate?: (url: string) => Promise<unknown>;
}

/** What push needs of `self` in the worker. */
export interface PushScope {
  location: { origin: string };
  addEventListener: (type: string, listener: (event: never) => void) => void;
  registration: { showNotification: (title: string, options: NotificationOptions & { actions?: unknown[] }) => Promise<void> };
  clients: {
    matchAll: (options: { type: 'window'; includeUncontrolled: boolean }) => Promise<readonly WindowClientLike[]>;
    openWindow: (url: string) => Promise<unknown>;
  };
}

interface WaitingEvent {
  waitUntil: (promise: Promise<unknown>) => void;
}

interface PushMessageLike {
  json: () => unknown;
  text: () => string;
}

interface PushEventLike extends WaitingEvent {
  data?: PushMessageLike | null;
}

interface NotificationData {
  notificationId?: string | null;
  actionToken?: string | null;
  url?: string;
}

interface NotificationClickLike extends WaitingEvent {
  action: string;
  notification: { data?: NotificationData | null; close: () => void };
}

interface Payload {
  title?: unknown;
  body?: unknown;
  notificationId?: unknown;
  actionToken?: unknown;
  url?: unknown;
  actions?: unknown;
}

type Fetch = (url: string, init: RequestInit & { body: string }) => Promise<Response>;

/** Listens for pushes and taps on their notifications. `fetchImpl` is the worker's fetch (a fake in tests). */
export function listenForPush(scope: PushScope, fetchImpl: Fetch = (url, init) => fetch(url, init)): void {
  scope.addEventListener('push', (event: PushEventLike) => {
    event.waitUntil(showReminder(readPayload(event.data)));
  });

  scope.addEventListener('notificationclick', (event: NotificationClickLike) => {
    const notification = event.notification;
    const data = notification.data ?? {};
    notification.close();
    event.waitUntil(actionsAllowed.has(event.action) ? act(data, event.action) : focusOrOpen(data.url));
  });

  /** The push message's JSON; a message that is not JSON still shows, as its text. */
  function readPayload(data: PushMessageLike | null | undefined): Payload {
    if (!data) {
      return {};
    }
    try {
      const payload = data.json();
      return payload && typeof payload === 'object' ? (payload) : {};
    } catch {
      return { body: data.text() };
    }
  }

  function showReminder(payload: Payload) {
    const actions = Array.isArray(payload.actions)
      ? (payload.actions as unknown[])
          .filter(
            (a): a is { action: string; title: string } =>
              typeof a === 'object' && a !== null && actionsAllowed.has((a as { action?: unknown }).action as string) && typeof (a as { title?: unknown }).title === 'string',
          )
          .map((a) => ({ action: a.action, title: a.title }))
      : [];
    const notificationId = typeof payload.notificationId === 'string' ? payload.notificationId : null;
    const actionToken = typeof payload.actionToken === 'string' ? payload.actionToken : null;
    const options = {
      body: typeof payload.body === 'string' ? payload.body : '',
      icon: '/icons/icon-192.png',
      // The same notification sent twice replaces itself instead of stacking.
      tag: notificationId ?? undefined,
      data: { notificationId, actionToken, url: sameOriginPath(payload.url) },
      actions: notificationId && actionToken ? actions : [],
    };
    const title = typeof payload.title === 'string' && payload.title !== '' ? payload.title : 'Personal Assistant TDAH'; // the app's name, as in the manifest
    return scope.registration.showNotification(title, options);
  }

  /** Done or Snooze, straight from the notification. If the server says no, the app opens so the person can act there. */
  async function act(data: NotificationData, action: string) {
    if (!data.notificationId || !data.actionToken) {
      return focusOrOpen(data.url);
    }
    const body = action === 'snooze' ? { action, minutes: snoozeMinutes, token: data.actionToken } : { action, token: data.actionToken };
    try {
      const response = await fetchImpl(`/api/v1/notifications/${encodeURIComponent(data.notificationId)}/actions`, {
        method: 'POST',
        credentials: 'omit',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' },
        body: JSON.stringify(body),
      });
      if (response.ok) {
        return undefined;
      }
    } catch {
      // Offline: fall through to opening the app.
    }
    return focusOrOpen(data.url);
  }

  /** Only paths of this app are opened from a notification; anything else opens the app's start. */
  function sameOriginPath(url: unknown): string {
    try {
      const target = new URL(typeof url === 'string' && url !== '' ? url : '/', scope.location.origin);
      return target.origin === scope.location.origin ? `${target.pathname}${target.search}${target.hash}` : '/';
    } catch {
      return '/';
    }
  }

  async function focusOrOpen(path: string | undefined) {
    const target = new URL(sameOriginPath(path), scope.location.origin).href;
    const windows = await scope.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const open = windows.find((client) => new URL(client.url).origin === scope.location.origin);
    if (open) {
      await open.focus();
      if (open.url !== target && open.navigate) {
        await open.navigate(target).catch(() => undefined);
      }
      return undefined;
    }
    return scope.clients.openWindow(target);
  }
}
