import type { Page } from '@playwright/test';
import { expect, seriousViolations, signUp, test } from './fixtures';

const password = 'maple orbit lantern 47';

async function picture(page: Page, name: string) {
  const directory = process.env.E2E_SCREENSHOT_DIR;
  if (directory) {
    await page.screenshot({ path: `${directory}/${name}.png`, fullPage: true });
  }
}

/** No serious or critical violation in the light or the dark look; a picture of each when asked for. */
async function accessibleInEveryLook(page: Page, name: string) {
  const width = page.viewportSize()?.width ?? 1280;
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await picture(page, `${name}-${String(width)}-${colorScheme}`);
    expect(await seriousViolations(page), `${name} at ${String(width)} px, ${colorScheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/**
 * What the browser logs by itself while offline, not a fault of the app: failed requests, and the live-reply
 * connection (SignalR) failing to start when the network drops between its negotiation and its WebSocket (it
 * reconnects by itself once online).
 */
const offlineNoise = /ERR_INTERNET_DISCONNECTED|Failed to load resource|net::ERR_|FetchEvent|no-response|Failed to fetch|Failed to start the transport/;

test.describe('offline', () => {
  test('after one visit the app opens offline with Today’s saved data, and a capture typed offline is sent once back online', async ({
    page,
    context,
    problems,
  }) => {
    await signUp(page, { emailPrefix: 'e2e-offline', password });

    // Something for today.
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Tasks' }).click();
    await page.getByLabel('What needs doing?').fill('pay the rent');
    await page.getByLabel('When (optional)').fill('today');
    await page.getByRole('button', { name: 'Add task' }).click();
    await expect(page.getByText(/^Got it: pay the rent/)).toBeVisible();

    // The worker (with its list of precached files) is always revalidated, so a new version is found.
    expect((await page.request.get('/sw.js')).headers()['cache-control']).toBe('no-cache');
    expect((await page.request.get('/manifest.webmanifest')).headers()['cache-control']).toBe('no-cache');

    // The worker installs on the first visit; a reload online lets it see (and save) Today's reads.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.goto('/');
    await expect(page.evaluate(() => navigator.serviceWorker.controller !== null)).resolves.toBe(true);
    const day = page.getByRole('region', { name: 'Your day' });
    await expect(day.getByText('pay the rent', { exact: true })).toBeVisible();

    // No network: the app still opens, as the same person, with the day as last seen.
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'You’re offline — showing what was saved.' })).toBeVisible();
    await expect(day.getByText('pay the rent', { exact: true })).toBeVisible();
    await accessibleInEveryLook(page, 'offline-today');

    // A capture typed offline waits, and says so.
    const capture = page.getByRole('region', { name: 'Quick capture' });
    await capture.getByRole('textbox', { name: 'What is on your mind?' }).fill('remind me to post the letter tomorrow at 10am');
    await capture.getByRole('button', { name: 'Save' }).click();
    const waitingList = capture.getByRole('list');
    await expect(waitingList).toContainText('post the letter');
    await expect(waitingList).toContainText('Will be sent when you’re back online.');
    await accessibleInEveryLook(page, 'offline-queued');
    await page.setViewportSize({ width: 360, height: 800 });
    await accessibleInEveryLook(page, 'offline-queued');
    await page.setViewportSize({ width: 1280, height: 720 });

    // Back online: it is sent, once, and the banner goes.
    await context.setOffline(false);
    await expect(capture.getByText(/^What you wrote offline is sent\./)).toBeVisible();
    await expect(page.getByText('You’re offline — showing what was saved.')).toHaveCount(0);
    await nav.getByRole('link', { name: 'More' }).click();
    await page.getByRole('main').getByRole('link', { name: /^Reminders/ }).click();
    await expect(page.getByText('post the letter', { exact: true })).toHaveCount(1);

    expect(problems.list().filter((problem) => !offlineNoise.test(problem))).toEqual([]);
  });

  test('signing out forgets the saved data: offline, the next person sees the landing page', async ({ page, context }) => {
    await signUp(page, { name: 'Kim', emailPrefix: 'e2e-offline', password });
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
    expect(await page.evaluate(async () => (await caches.keys()).includes('pa-api-v1'))).toBe(true);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'More' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    expect(await page.evaluate(async () => (await caches.keys()).includes('pa-api-v1'))).toBe(false);

    await context.setOffline(true);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();
  });
});
