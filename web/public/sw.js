/*
 * The app's service worker. Today it does one thing: web push. A reminder arrives as a notification with Done and
 * Snooze; those act on it without opening the app; a plain tap opens (or focuses) the app where the reminder points.
 * Offline caching (issue 18) will be added here; keep this file the one worker of the app.
 *
 * A service worker holds no bearer token: the Done and Snooze calls carry the one-use action token the server put in
 * the push message, which only allows that action on that notification.
 */

const snoozeMinutes = 10;
const actionsAllowed = new Set(['done', 'snooze']);

self.addEventListener('install', () => {
  void self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('push', (event) => {
  event.waitUntil(showReminder(readPayload(event.data)));
});

self.addEventListener('notificationclick', (event) => {
  const notification = event.notification;
  const data = notification.data ?? {};
  notification.close();
  event.waitUntil(actionsAllowed.has(event.action) ? act(data, event.action) : focusOrOpen(data.url));
});

/** The push message's JSON; a message that is not JSON still shows, as its text. */
function readPayload(data) {
  if (!data) {
    return {};
  }
  try {
    const payload = data.json();
    return payload && typeof payload === 'object' ? payload : {};
  } catch {
    return { body: data.text() };
  }
}

function showReminder(payload) {
  const actions = Array.isArray(payload.actions)
    ? payload.actions.filter((a) => a && actionsAllowed.has(a.action) && typeof a.title === 'string').map((a) => ({ action: a.action, title: a.title }))
    : [];
  const options = {
    body: typeof payload.body === 'string' ? payload.body : '',
    icon: '/favicon.svg',
    // The same notification sent twice replaces itself instead of stacking.
    tag: typeof payload.notificationId === 'string' ? payload.notificationId : undefined,
    data: {
      notificationId: typeof payload.notificationId === 'string' ? payload.notificationId : null,
      actionToken: typeof payload.actionToken === 'string' ? payload.actionToken : null,
      url: sameOriginPath(payload.url),
    },
    actions: payload.notificationId && payload.actionToken ? actions : [],
  };
  const title = typeof payload.title === 'string' && payload.title !== '' ? payload.title : 'Personal Assistant TDAH'; // the app's name, as in the manifest
  return self.registration.showNotification(title, options);
}

/** Done or Snooze, straight from the notification. If the server says no, the app opens so the person can act there. */
async function act(data, action) {
  if (!data.notificationId || !data.actionToken) {
    return focusOrOpen(data.url);
  }
  const body = action === 'snooze' ? { action, minutes: snoozeMinutes, token: data.actionToken } : { action, token: data.actionToken };
  try {
    const response = await fetch(`/api/v1/notifications/${encodeURIComponent(data.notificationId)}/actions`, {
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
function sameOriginPath(url) {
  try {
    const target = new URL(typeof url === 'string' && url !== '' ? url : '/', self.location.origin);
    return target.origin === self.location.origin ? `${target.pathname}${target.search}${target.hash}` : '/';
  } catch {
    return '/';
  }
}

async function focusOrOpen(path) {
  const target = new URL(sameOriginPath(path), self.location.origin).href;
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
  if (open) {
    await open.focus();
    if (open.url !== target && 'navigate' in open) {
      await open.navigate(target).catch(() => undefined);
    }
    return undefined;
  }
  return self.clients.openWindow(target);
}
