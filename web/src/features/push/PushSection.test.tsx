import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, vi } from 'vitest';
import { problem, stubApi } from '../../test/fakeApi';
import { renderWithClient } from '../../test/render';
import { serviceWorker } from './devicePush';
import { PushSection } from './PushSection';

/** The first render loads the modules: on a busy machine that takes more than the default second. */
const slow = { timeout: 5_000 };

const publicKey = 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U';

/** The browser's side of push, in memory: permission, the service worker registration and its push manager. */
function fakeBrowserPush(permission: NotificationPermission, answer: NotificationPermission = 'granted') {
  const state: { subscription: PushSubscription | null; registered: string[]; subscribedWith: Uint8Array[]; permission: NotificationPermission } = {
    subscription: null,
    registered: [],
    subscribedWith: [],
    permission,
  };
  const subscription = {
    endpoint: 'http://127.0.0.1:9999/push/abc',
    toJSON: () => ({ endpoint: 'http://127.0.0.1:9999/push/abc', keys: { p256dh: 'p256', auth: 'secret' } }),
    unsubscribe: vi.fn(() => {
      state.subscription = null;
      return Promise.resolve(true);
    }),
  } as unknown as PushSubscription;
  const pushManager = {
    getSubscription: () => Promise.resolve(state.subscription),
    subscribe: (options: PushSubscriptionOptionsInit) => {
      state.subscribedWith.push(options.applicationServerKey as Uint8Array);
      state.subscription = subscription;
      return Promise.resolve(subscription);
    },
  };
  const registration = { pushManager };
  vi.stubGlobal('PushManager', function PushManager() {});
  vi.stubGlobal('Notification', {
    get permission() {
      return state.permission;
    },
    requestPermission: () => {
      state.permission = answer;
      return Promise.resolve(answer);
    },
  });
  Object.defineProperty(navigator, 'serviceWorker', {
    configurable: true,
    value: {
      register: (path: string) => {
        state.registered.push(path);
        return Promise.resolve(registration);
      },
      ready: Promise.resolve(registration),
      getRegistration: () => Promise.resolve(state.registered.length > 0 || state.subscription ? registration : undefined),
    },
  });
  return { state, subscription };
}

function stubPushHost(devices: { id: string; label: string; createdAt: string; lastSuccessAt: string | null }[] = []) {
  return stubApi({
    'GET /api/v1/push/public-key': () => ({ publicKey }),
    'GET /api/v1/push/subscriptions': () => devices,
    'POST /api/v1/push/subscriptions': ({ body }) => {
      const created = { id: 'sub-1', label: (body as { label: string }).label, createdAt: '2026-11-18T14:00:00Z', lastSuccessAt: null };
      devices.push(created);
      return new Response(JSON.stringify(created), { status: 201, headers: { 'Content-Type': 'application/json' } });
    },
    'DELETE /api/v1/push/subscriptions/:id': ({ params }) => {
      devices.splice(
        devices.findIndex((d) => d.id === params[0]),
        1,
      );
      return undefined;
    },
    'POST /api/v1/push/test': () => new Response(null, { status: 202 }),
  });
}

describe('PushSection', () => {
  beforeEach(() => {
    localStorage.clear();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    Reflect.deleteProperty(navigator, 'serviceWorker');
  });

  it('turns on: asks permission, registers the worker, subscribes with the server key and saves the subscription', async () => {
    const user = userEvent.setup();
    const browser = fakeBrowserPush('default');
    const api = stubPushHost();
    renderWithClient(<PushSection />);

    await user.click(await screen.findByRole('button', { name: 'Turn on for this device' }, slow));

    expect(await screen.findByText('Done: this device will show reminders.', {}, slow)).toBeInTheDocument();
    expect(browser.state.registered).toEqual([serviceWorker.url]); // /sw.js once built; the dev server's under vitest
    expect(browser.state.subscribedWith[0]).toHaveLength(65); // an uncompressed P-256 public key
    const saved = api.posted().find((c) => c.path === '/api/v1/push/subscriptions');
    expect(saved?.body).toEqual({ endpoint: 'http://127.0.0.1:9999/push/abc', keys: { p256dh: 'p256', auth: 'secret' }, label: expect.any(String) as string });
    expect(await screen.findByText('On for this device.', {}, slow)).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: /^Remove / }, slow)).toBeInTheDocument();
  });

  it('sends a test and turns off: unsubscribes and removes the subscription from the server', async () => {
    const user = userEvent.setup();
    fakeBrowserPush('default');
    const api = stubPushHost();
    renderWithClient(<PushSection />);
    await user.click(await screen.findByRole('button', { name: 'Turn on for this device' }, slow));

    await user.click(await screen.findByRole('button', { name: 'Send me a test' }, slow));
    expect(await screen.findByText('Test sent. It should pop up in a few seconds.', {}, slow)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Turn off for this device' }));

    expect(await screen.findByText('This device will no longer show reminders.', {}, slow)).toBeInTheDocument();
    expect(api.posted().map((c) => `${c.method} ${c.path}`)).toEqual([
      'POST /api/v1/push/subscriptions',
      'POST /api/v1/push/test',
      'DELETE /api/v1/push/subscriptions/sub-1',
    ]);
    expect(await screen.findByRole('button', { name: 'Turn on for this device' }, slow)).toBeInTheDocument();
  });

  it('says so when the person blocks notifications', async () => {
    const user = userEvent.setup();
    fakeBrowserPush('default', 'denied');
    const api = stubPushHost();
    renderWithClient(<PushSection />);

    await user.click(await screen.findByRole('button', { name: 'Turn on for this device' }, slow));

    expect(await screen.findByText(/Notifications are blocked for this site/, {}, slow)).toBeInTheDocument();
    expect(api.posted()).toEqual([]);
  });

  it('says when the browser cannot do push', async () => {
    stubPushHost();
    renderWithClient(<PushSection />);

    expect(await screen.findByText(/This browser cannot show notifications from the app/, {}, slow)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Turn on for this device' })).not.toBeInTheDocument();
  });

  it('says when the test could not be sent', async () => {
    const user = userEvent.setup();
    fakeBrowserPush('granted');
    stubPushHost();
    renderWithClient(<PushSection />);
    await user.click(await screen.findByRole('button', { name: 'Turn on for this device' }, slow));
    stubApi({ 'GET /api/v1/push/subscriptions': () => [], 'POST /api/v1/push/test': () => problem(503, 'Push is down') });

    await user.click(await screen.findByRole('button', { name: 'Send me a test' }, slow));

    expect(await screen.findByRole('alert')).toHaveTextContent('That did not work. Please try again in a moment.');
  });

  it('says when the server has no push yet', async () => {
    fakeBrowserPush('default');
    stubApi({});
    renderWithClient(<PushSection />, 'fr');

    await waitFor(() => {
      expect(screen.getByText('Les notifications sur les appareils ne sont pas encore disponibles sur ce serveur.')).toBeInTheDocument();
    });
  });
});
