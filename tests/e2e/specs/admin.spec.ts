import { accessibleInEveryLook, administrator, expect, lastMessageTo, signIn, test, uniqueEmail } from './fixtures';
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

    await signIn(page, administrator, '/admin/users');
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
    await expect(entries.getByRole('listitem')).toContainText('Roles: Premium');

    expect(problems.list()).toEqual([]);
  });

  test('an administrator deactivates a person, whose sign-in then says so, activates them again and asks for a new password', async ({
    page,
    browser,
    request,
    problems,
  }) => {
    test.setTimeout(240_000);
    const email = uniqueEmail('e2e-admin-access');
    const registered = await request.post('/api/v1/auth/register', {
      data: { email, password, displayName: 'Jo Access', timeZone: 'Europe/Paris', locale: 'en' },
    });
    expect(registered.ok(), await registered.text()).toBe(true);

    // The person, on their own device: what the sign-in page tells them.
    const theirs = await browser.newContext();
    const person = await theirs.newPage();
    await signIn(page, administrator, '/admin/users');
    await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Find a person' }).fill(email);
    const accounts = page.getByRole('list', { name: 'Accounts' });
    await expect(accounts.getByRole('listitem')).toHaveCount(1);
    await expect(accounts.getByRole('listitem')).toContainText('Active');
    await accounts.getByRole('link', { name: 'Jo Access' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Jo Access' })).toBeVisible();

    // Deactivate, after reading what it does.
    const access = page.getByRole('region', { name: 'Signing in' });
    await expect(access.getByText('Active: this person can sign in.')).toBeVisible();
    await access.getByRole('button', { name: 'Deactivate this account…' }).click();
    await expect(access.getByText(/signs this person out everywhere and stops them signing in/)).toBeFocused();
    await accessibleInEveryLook(page, 'admin-deactivate-confirm');
    await fitsAPhone(page);
    await access.getByRole('button', { name: 'Deactivate the account' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Account deactivated: this person is signed out and cannot sign in.' })).toBeVisible();
    await expect(access.getByText('Deactivated: this person cannot sign in.')).toBeVisible();
    await accessibleInEveryLook(page, 'admin-deactivated');
    await fitsAPhone(page);

    // Their sign-in now says why, calmly, and goes no further.
    await signIn(person, { email, password });
    await expect(person.getByRole('alert').filter({ hasText: 'This account was deactivated by an administrator.' })).toBeVisible();
    await expect(person.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await accessibleInEveryLook(person, 'sign-in-deactivated');

    // The list says so in words.
    await page.getByRole('link', { name: 'Back to people' }).first().click();
    await page.getByRole('searchbox', { name: 'Find a person' }).fill(email);
    await expect(accounts.getByRole('listitem')).toHaveCount(1);
    await expect(accounts.getByRole('listitem')).toContainText('Deactivated');
    await accounts.getByRole('link', { name: 'Jo Access' }).click();

    // Activate again: they can sign in.
    await access.getByRole('button', { name: 'Activate this account again' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Account active again: this person can sign in.' })).toBeVisible();
    await signIn(person, { email, password });
    await expect(person).toHaveURL(/\/$/);
    await theirs.clearCookies();

    // Ask for a new password: they get a link, and sign-in waits for it.
    await access.getByRole('button', { name: 'Ask for a new password…' }).click();
    await expect(access.getByText(/gets an email with a link to choose a new password/)).toBeVisible();
    await access.getByRole('button', { name: 'Ask for a new password', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: `Done: ${email} must choose a new password` })).toBeVisible();
    await expect(access.getByText(/Waiting for a new password/)).toBeVisible();
    expect(await lastMessageTo(request, email, 'email')).toMatch(/reset-password\?/);
    await signIn(person, { email, password });
    await expect(person.getByRole('alert').filter({ hasText: 'An administrator asked for a new password on this account.' })).toBeVisible();
    await theirs.close();

    // Rename.
    const name = page.getByRole('region', { name: 'Name' });
    await name.getByLabel('Name shown for this account').fill('Jo A.');
    await name.getByRole('button', { name: 'Save the name' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Jo A.' })).toBeVisible();

    // Each change is in the audit trail.
    await page.getByRole('link', { name: "This account's audit entries" }).click();
    const entries = page.getByRole('list', { name: 'Audit entries' });
    await expect(entries.getByRole('listitem').filter({ hasText: 'Account changed by an administrator' })).toHaveCount(4);

    expect(problems.list().filter((line) => !/status of 403/.test(line))).toEqual([]);
  });

  test('an administrator unlocks an account that failed sign-ins locked, and the person signs in', async ({ page, browser, request, problems }) => {
    const email = uniqueEmail('e2e-admin-unlock');
    const registered = await request.post('/api/v1/auth/register', {
      data: { email, password, displayName: 'Sam Locked', timeZone: 'Europe/Paris', locale: 'en' },
    });
    expect(registered.ok(), await registered.text()).toBe(true);
    // Five wrong passwords from this address (the browsers' too) lock it out of the account.
    for (let attempt = 1; attempt <= 5; attempt++) {
      const failed = await request.post('/api/v1/auth/login', { data: { email, password: `not the password ${attempt}` } });
      expect(failed.status()).toBe(401);
    }

    const theirs = await browser.newContext();
    const person = await theirs.newPage();
    await signIn(person, { email, password });
    await expect(person.getByRole('alert').filter({ hasText: 'Too many failed attempts from here.' })).toBeVisible();

    await signIn(page, administrator, '/admin/users');
    await page.getByRole('searchbox', { name: 'Find a person' }).fill(email);
    const accounts = page.getByRole('list', { name: 'Accounts' });
    await expect(accounts.getByRole('listitem')).toHaveCount(1);
    await accounts.getByRole('link', { name: 'Sam Locked' }).click();
    const access = page.getByRole('region', { name: 'Signing in' });
    await expect(access.getByText(/^Locked after failed sign-ins until /)).toBeVisible();
    await accessibleInEveryLook(page, 'admin-locked');

    await access.getByRole('button', { name: 'Unlock now' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Unlocked: this person can try to sign in again now.' })).toBeVisible();
    await expect(access.getByRole('button', { name: 'Unlock now' })).toHaveCount(0);

    await signIn(person, { email, password });
    await expect(person).toHaveURL(/\/$/);
    await theirs.close();
    expect(problems.list()).toEqual([]);
  });

  test('an administrator deletes an account once its address is typed, and the person can no longer sign in', async ({ page, request, problems }) => {
    const email = uniqueEmail('e2e-admin-delete');
    const registered = await request.post('/api/v1/auth/register', {
      data: { email, password, displayName: 'Kim Leaving', timeZone: 'Europe/Paris', locale: 'en' },
    });
    expect(registered.ok(), await registered.text()).toBe(true);

    await signIn(page, administrator, '/admin/users');
    await page.getByRole('searchbox', { name: 'Find a person' }).fill(email);
    const accounts = page.getByRole('list', { name: 'Accounts' });
    await expect(accounts.getByRole('listitem')).toHaveCount(1);
    await accounts.getByRole('link', { name: 'Kim Leaving' }).click();
    const section = page.getByRole('region', { name: 'Delete this account' });
    await section.getByRole('button', { name: 'Delete this account…' }).click();

    // Anything but the address is refused beside the field, before asking the server.
    const field = section.getByLabel(`To confirm, type the address ${email}`);
    await field.fill('kim');
    await section.getByRole('button', { name: 'Delete the account for good' }).click();
    await expect(field).toHaveAccessibleDescription('Type the address exactly as shown above.');
    await expect(field).toBeFocused();
    await accessibleInEveryLook(page, 'admin-delete-confirm');

    await field.fill(email);
    await section.getByRole('button', { name: 'Delete the account for good' }).click();
    await expect(page.getByRole('status').filter({ hasText: `The account ${email} and everything in it are deleted.` })).toBeVisible();
    await expect(section).toHaveCount(0);

    const login = await request.post('/api/v1/auth/login', { data: { email, password } });
    expect(login.status()).toBe(401);
    expect(problems.list()).toEqual([]);
  });
});
