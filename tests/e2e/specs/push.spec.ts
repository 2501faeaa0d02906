import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, signUp, test } from './fixtures';

/*
 * Web push from a real browser page to a local push service, no internet.
 *
 * Real: the app's Settings flow (permission, service worker registration of /sw.js, the server's VAPID key, the
 * subscription saved through the API), the host's encryption (RFC 8291) and VAPID signing (RFC 8292) and its POST to
 * the push service, and the push service (the web-push-testing package on loopback) decrypting what it received with
 * the subscription's keys. The notification's action is then taken with its action token, without a sign-in, as the
 * service worker does.
 *
 * Substituted: headless chromium's own push service is on the internet, so the page's PushManager subscribe and
 * getSubscription are replaced (page.addInitScript) by ones that ask web-push-testing for a subscription. The push
 * service does not forward messages to the browser, so the service worker's push handler is then driven with the
 * decrypted message through the DevTools protocol (ServiceWorker.deliverPushMessage), and what it showed is read with
 * registration.getNotifications().
 */

const password = 'maple orbit lantern 47';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') {
          resolve(address.port);
        } else {
          reject(new Error('no port'));
        }
      });
    });
  });
}

interface PushMessage {
  title: string;
  body: string;
  notificationId: string | null;
  reminderId: string | null;
  url: string;
  actions: { action: string; title: string }[];
  actionToken: string | null;
}

let pushService: ChildProcess | undefined;
let pushServiceUrl = '';

test.beforeAll(async () => {
  const port = await freePort();
  pushServiceUrl = `http://localhost:${port}`;
  pushService = spawn(process.execPath, ['node_modules/web-push-testing/src/bin/server.js', String(port)], { stdio: 'ignore' });
  await expect
    .poll(async () => {
      try {
        return (await fetch(`${pushServiceUrl}/status`, { method: 'POST' })).status;
      } catch {
        return 0;
      }
    })
    .toBe(200);
});

test.afterAll(() => {
  pushService?.kill();
});

/** Makes the page's PushManager subscribe at the local push service; the rest of the page is untouched. */
async function useLocalPushService(context: BrowserContext, page: Page): Promise<void> {
  await page.exposeFunction('__subscribeAtLocalPushService', async (applicationServerKey: string) => {
    const answer = await fetch(`${pushServiceUrl}/subscribe`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userVisibleOnly: 'true', applicationServerKey }),
    });
    const { data } = (await answer.json()) as { data: { endpoint: string; keys: { p256dh: string; auth: string }; clientHash: string } };
    return data;
  });
  await page.addInitScript(() => {
    const stored = () => sessionStorage.getItem('e2e.subscription');
    const asSubscription = (json: string) => {
      const data = JSON.parse(json) as { endpoint: string; keys: { p256dh: string; auth: string } };
      return {
        endpoint: data.endpoint,
        toJSON: () => ({ endpoint: data.endpoint, keys: data.keys }),
        unsubscribe: () => {
          sessionStorage.removeItem('e2e.subscription');
          return Promise.resolve(true);
        },
      };
    };
    const toBase64Url = (key: BufferSource) => {
      const bytes = new Uint8Array(key instanceof ArrayBuffer ? key : key.buffer);
      return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    };
    PushManager.prototype.subscribe = async function subscribe(options?: PushSubscriptionOptionsInit) {
      const key = options?.applicationServerKey;
      const subscribeAtLocalPushService = (window as unknown as { __subscribeAtLocalPushService: (key: string) => Promise<unknown> })
        .__subscribeAtLocalPushService;
      const data = await subscribeAtLocalPushService(typeof key === 'string' ? key : toBase64Url(key as BufferSource));
      sessionStorage.setItem('e2e.subscription', JSON.stringify(data));
      return asSubscription(JSON.stringify(data)) as unknown as PushSubscription;
    };
    PushManager.prototype.getSubscription = function getSubscription() {
      const json = stored();
      return Promise.resolve(json ? (asSubscription(json) as unknown as PushSubscription) : null);
    };
  });
  await context.grantPermissions(['notifications']);
}

async function messagesAtPushService(page: Page): Promise<PushMessage[]> {
  const json = await page.evaluate(() => sessionStorage.getItem('e2e.subscription'));
  const { clientHash } = JSON.parse(json ?? '{}') as { clientHash?: string };
  const answer = await fetch(`${pushServiceUrl}/get-notifications`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ clientHash }),
  });
  if (!answer.ok) {
    return [];
  }
  const { data } = (await answer.json()) as { data: { messages: string[] } };
  return data.messages.map((message) => JSON.parse(message) as PushMessage);
}

test.describe('push', () => {
  test('a browser turns push on in Settings; a test and a due reminder reach the local push service; Done acts with the token', async ({
    context,
    page,
    problems,
  }) => {
    test.setTimeout(150_000);
    await useLocalPushService(context, page);
    // A new account lands on its day; these steps start from Settings.
    await signUp(page, { password, then: 'settings' });

    // Turn it on for this browser: the real service worker registers, the subscription goes to the host.
    await page.getByRole('button', { name: 'Turn on for this device' }).click();
    await expect(page.getByText('Done: this device will show reminders.')).toBeVisible();
    await expect(page.getByText('On for this device.')).toBeVisible();
    await expect(page.getByRole('button', { name: /^Remove Chrome/ })).toBeVisible();
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration('/'))?.active?.scriptURL)).toMatch(/\/sw\.js$/);

    // "Send me a test": encrypted and signed by the host, decrypted by the push service.
    await page.getByRole('button', { name: 'Send me a test' }).click();
    await expect(page.getByText('Test sent. It should pop up in a few seconds.')).toBeVisible();
    await expect.poll(async () => (await messagesAtPushService(page)).length, { timeout: 30_000 }).toBe(1);
    const [testMessage] = await messagesAtPushService(page);
    expect(testMessage).toMatchObject({ title: 'Personal Assistant', body: 'This is a test notification' });

    // Push first: reminders now go to this browser.
    await page.getByRole('checkbox', { name: 'Notifications on your devices' }).check();
    await page.getByRole('button', { name: 'Move Notifications on your devices up' }).click();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await expect(page.getByText('Saved.')).toBeVisible();
    const directory = process.env.E2E_SCREENSHOT_DIR;
    if (directory) {
      await page.screenshot({ path: `${directory}/settings-channels-push-1280-light.png`, fullPage: true });
    }

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'More' }).click();
    await page.getByRole('main').getByRole('link', { name: /^Reminders/ }).click();
    await page.getByLabel('Remind me to').fill('stretch for two minutes');
    await page.getByLabel('When', { exact: true }).fill(new Date(Date.now() + 4_000).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    await page.getByRole('button', { name: 'Add reminder' }).click();
    await expect(page.getByText(/^Got it: stretch for two minutes/)).toBeVisible();

    await expect.poll(async () => (await messagesAtPushService(page)).length, { timeout: 60_000 }).toBe(2);
    const reminder = (await messagesAtPushService(page))[1];
    expect(reminder.body).toContain('stretch for two minutes');
    expect(reminder.actions.map((a) => a.action)).toEqual(['done', 'snooze']);
    expect(reminder.notificationId).toBeTruthy();
    expect(reminder.actionToken).toBeTruthy();

    // The service worker shows it with its two actions. The registration is looked up before delivering (listening
    // first, so its announcement is not missed), and delivery is repeated until a notification shows: the notification's
    // tag makes a repeat replace it, and a push sent while the worker is still starting can be dropped by the browser.
    const cdp = await context.newCDPSession(page);
    const registrationId = new Promise<string>((resolve) => {
      cdp.on(
        'ServiceWorker.workerRegistrationUpdated',
        ({ registrations }: { registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] }) => {
          const found = registrations.find((r) => !r.isDeleted && r.scopeURL.endsWith('/'));
          if (found) {
            resolve(found.registrationId);
          }
        },
      );
    });
    await cdp.send('ServiceWorker.enable');
    const shown = async () => {
      await cdp.send('ServiceWorker.deliverPushMessage', {
        origin: new URL(page.url()).origin,
        registrationId: await registrationId,
        data: JSON.stringify(reminder),
      });
      return page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        return (await registration.getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag }));
      });
    };
    await expect
      .poll(shown, { timeout: 15_000 })
      .toEqual([{ title: reminder.title, body: reminder.body, tag: reminder.notificationId }]);

    // Done, as the worker sends it: no sign-in, the token only.
    const done = await page.request.post(`/api/v1/notifications/${reminder.notificationId}/actions`, {
      data: { action: 'done', token: reminder.actionToken },
      headers: { Authorization: '' },
    });
    expect(done.status()).toBeLessThan(300);
    await page.getByRole('button', { name: 'All, with finished ones' }).click();
    await expect(page.getByText('stretch for two minutes').first()).toBeVisible();
    await expect(page.getByText('Done', { exact: true }).first()).toBeVisible();

    expect(problems.list()).toEqual([]);
  });
});
