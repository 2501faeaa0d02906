import { accessibleInEveryLook, administrator, expect, test, uniqueEmail } from './fixtures';
import type { Page } from '@playwright/test';

const password = 'willow compass velvet 29';

/** No sideways scrolling at a phone's width. */
async function fitsAPhone(page: Page) {
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test.describe('Administration: people and the audit trail', () => {
  test('an administrator finds a person, gives and removes a role, signs them out everywhere and reads the audit entries', async ({
    page,
    request,
    playwright,
    problems,
  }) => {
    test.setTimeout(240_000);
    // Someone to administer, signed in on another device.
    const email = uniqueEmail('e2e-admin-person');
    const registered = await request.post('/api/v1/auth/register', {
      data: { email, password, displayName: 'Alex Person', timeZone: 'Europe/Paris', locale: 'en' },
    });
    expect(registered.ok(), await registered.text()).toBe(true);
    const device = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    const login = await device.post('/api/v1/auth/login', { data: { email, password, tokenDelivery: 'body' } });
    expect(login.ok(), await login.text()).toBe(true);
    const { accessToken, refreshToken } = (await login.json()) as { accessToken: string; refreshToken: string };
    // A person without the role gets no access to the admin API.
    const forbidden = await device.get('/api/v1/admin/users', { headers: { Authorization: `Bearer ${accessToken}` } });
    expect(forbidden.status()).toBe(403);

    await page.goto('/login?from=/admin/users');
    await page.getByLabel('Email').fill(administrator.email);
    await page.getByLabel('Password').fill(administrator.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Accounts' })).toBeVisible();
    await accessibleInEveryLook(page, 'admin-people');
    await fitsAPhone(page);

    // Find them.
    await page.getByRole('searchbox', { name: 'Find a person' }).fill(email);
    const accounts = page.getByRole('list', { name: 'Accounts' });
    await expect(accounts.getByRole('listitem')).toHaveCount(1);
    await accounts.getByRole('link', { name: 'Alex Person' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Alex Person' })).toBeVisible();
    await accessibleInEveryLook(page, 'admin-account');
    await fitsAPhone(page);

    // Roles: giving Premium, then removing it.
    const roles = page.getByRole('region', { name: 'Roles' });
    await roles.getByRole('button', { name: 'Give Premium' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Premium given. Roles now: User, Premium.' })).toBeVisible();
    await roles.getByRole('button', { name: 'Remove Premium' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Premium removed. Roles now: User.' })).toBeVisible();
    await expect(roles.getByRole('button', { name: 'Give Premium' })).toBeVisible();

    // Signed out everywhere: the other device's refresh no longer works.
    await page.getByRole('button', { name: 'Sign this account out everywhere' }).click();
    await expect(page.getByRole('status').filter({ hasText: /Signed out of \d+ sessions?\./ })).toBeVisible();
    const refresh = await device.post('/api/v1/auth/refresh', { data: { refreshToken } });
    expect(refresh.ok()).toBe(false);
    await device.dispose();

    // The audit entries those actions wrote, about this account.
    await page.getByRole('link', { name: "This account's audit entries" }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Audit' })).toBeVisible();
    await expect(page.getByText('Showing the entries about one account.')).toBeVisible();
    const entries = page.getByRole('list', { name: 'Audit entries' });
    await expect(entries.getByRole('listitem').first()).toContainText('Signed out of sessions');
    await expect(entries.getByRole('listitem').filter({ hasText: 'Role removed' })).toHaveCount(1);
    await expect(entries.getByRole('listitem').filter({ hasText: 'Role given' })).toHaveCount(1);
    await expect(entries.getByRole('listitem').filter({ hasText: 'Account created' })).toHaveCount(1);
    await accessibleInEveryLook(page, 'admin-audit');
    await fitsAPhone(page);

    // Filtered by kind.
    await page.getByLabel('What happened').selectOption({ label: 'Role given' });
    await expect(entries.getByRole('listitem')).toHaveCount(1);
    await expect(entries.getByRole('listitem')).toContainText('Detail: premium');

    expect(problems.list()).toEqual([]);
  });
});
