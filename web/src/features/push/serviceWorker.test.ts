import { vi } from 'vitest';
import { listenForPush, type PushScope } from '../../worker/push';

type Listener = (event: Record<string, unknown>) => void;

/** Runs the worker's push handling against a fake worker scope and hands back its listeners and what it did. */
function loadWorker(windows: { url: string; focus: () => Promise<void>; navigate: (url: string) => Promise<void> }[] = []) {
  const listeners = new Map<string, Listener>();
  const shown: { title: string; options: NotificationOptions & { actions?: unknown[] } }[] = [];
  const opened: string[] = [];
  const scope = {
    location: new URL('https://assistant.example/sw.js'),
    addEventListener: (type: string, listener: Listener) => listeners.set(type, listener),
    skipWaiting: () => Promise.resolve(),
    registration: {
      showNotification: (title: string, options: NotificationOptions) => {
        shown.push({ title, options });
        return Promise.resolve();
      },
    },
    clients: {
      claim: () => Promise.resolve(),
      matchAll: () => Promise.resolve(windows),
      openWindow: (url: string) => {
        opened.push(url);
        return Promise.resolve(null);
      },
    },
  };
  const fetchMock = vi.fn<(url: string, init: RequestInit & { body: string }) => Promise<Response>>(() => Promise.resolve(new Response(null, { status: 204 })));
  listenForPush(scope as unknown as PushScope, fetchMock);
  async function fire(type: string, event: Record<string, unknown>) {
    let work: Promise<unknown> = Promise.resolve();
    listeners.get(type)?.({ ...event, waitUntil: (promise: Promise<unknown>) => (work = promise) });
    await work;
  }
  return { fire, shown, opened, fetchMock };
}

const payload = {
  title: 'Personal Assistant',
  body: 'Reminder: call mom',
  notificationId: 'n1',
  reminderId: 'r1',
  occurrence: '2026-11-18T14:00:00Z',
  late: false,
  url: '/reminders',
  actions: [
    { action: 'done', title: 'Done' },
    { action: 'snooze', title: 'Snooze 10 min' },
  ],
  actionToken: 'token-1',
};

function notificationFor(data: unknown) {
  return { data, close: vi.fn() };
}

describe('the service worker', () => {
  it('shows a push with its title, body and the two actions', async () => {
    const worker = loadWorker();

    await worker.fire('push', { data: { json: () => payload, text: () => JSON.stringify(payload) } });

    expect(worker.shown).toHaveLength(1);
    expect(worker.shown[0]?.title).toBe('Personal Assistant');
    expect(worker.shown[0]?.options).toMatchObject({
      body: 'Reminder: call mom',
      tag: 'n1',
      actions: payload.actions,
      data: { notificationId: 'n1', actionToken: 'token-1', url: '/reminders' },
    });
  });

  it('snoozes from the notification with the action token, without opening the app', async () => {
    const worker = loadWorker();
    const notification = notificationFor({ notificationId: 'n1', actionToken: 'token-1', url: '/reminders' });

    await worker.fire('notificationclick', { action: 'snooze', notification });

    expect(notification.close).toHaveBeenCalled();
    const [url, init] = worker.fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/v1/notifications/n1/actions');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(init?.body ?? '')).toEqual({ action: 'snooze', minutes: 10, token: 'token-1' });
    expect(worker.opened).toEqual([]);
  });

  it('opens the app when the server refuses the action', async () => {
    const worker = loadWorker();
    worker.fetchMock.mockResolvedValueOnce(new Response(null, { status: 404 }));

    await worker.fire('notificationclick', { action: 'done', notification: notificationFor({ notificationId: 'n1', actionToken: 'old', url: '/reminders' }) });

    expect(JSON.parse(worker.fetchMock.mock.calls[0]?.[1].body ?? '')).toEqual({ action: 'done', token: 'old' });
    expect(worker.opened).toEqual(['https://assistant.example/reminders']);
  });

  it('focuses an open window on a plain click, and never opens another site', async () => {
    const open = { url: 'https://assistant.example/tasks', focus: vi.fn(() => Promise.resolve()), navigate: vi.fn(() => Promise.resolve()) };
    const worker = loadWorker([open]);

    await worker.fire('notificationclick', { action: '', notification: notificationFor({ url: 'https://elsewhere.example/phish' }) });

    expect(open.focus).toHaveBeenCalled();
    expect(open.navigate).toHaveBeenCalledWith('https://assistant.example/');
    expect(worker.fetchMock).not.toHaveBeenCalled();
  });
});
