import { accessibleInEveryLook, expect, signUp, test, totp } from './fixtures';
import type { Page } from '@playwright/test';

const password = 'amber kettle window 58';

async function signOut(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'More' }).click();
  await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
}

/** Email and password on the sign-in page, which then asks for the second factor. */
async function signInToTheCodeStep(page: Page, email: string) {
  await page.goto('/login?from=/settings');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'One more step' })).toBeVisible();
}

test.describe('Signing in with two-step sign-in on', () => {
  test('an authenticator app code, then a recovery code, each after signing out', async ({ page, problems }) => {
    test.setTimeout(180_000);
    const { email } = await signUp(page, { name: 'Kim', emailPrefix: 'e2e-signin-mfa', password });

    // Turn on the authenticator app in Settings, keeping the recovery codes.
    await page.goto('/settings');
    const section = page.getByRole('region', { name: 'Two-step sign-in' });
    await section.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const secret = (await section.locator('code').textContent()) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    await section.getByLabel('6-digit code').fill(totp(secret));
    await section.getByRole('button', { name: 'Turn on' }).click();
    await expect(section.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')).toHaveCount(10);
    const codes = await section.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allTextContents();
    expect(codes).toHaveLength(10);
    await section.getByRole('button', { name: 'I kept them' }).click();

    // Out and in again: the password, then the app's next code (the server never takes one code twice).
    await signOut(page);
    await signInToTheCodeStep(page, email);
    await expect(page.getByRole('radio', { name: 'Authenticator app' })).toBeChecked();
    await accessibleInEveryLook(page, 'sign-in-mfa-step');
    await page.getByLabel('6-digit code').fill(totp(secret, 1));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await expect(page.getByRole('banner').getByRole('link', { name: 'Kim' })).toBeVisible();

    // A wrong code says so calmly and stays on the step.
    await signOut(page);
    await signInToTheCodeStep(page, email);
    await page.getByRole('radio', { name: 'Recovery code' }).check();
    await page.getByRole('textbox', { name: 'Recovery code' }).fill('not-a-code');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'One more step' })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: /./ })).toBeVisible();

    // A recovery code signs in, once.
    await page.getByRole('textbox', { name: 'Recovery code' }).fill(codes[0] ?? '');
    await accessibleInEveryLook(page, 'sign-in-mfa-recovery');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Two-step sign-in' }).getByText('On. 9 recovery codes left.')).toBeVisible();

    const list = problems.list().filter((line) => !/status of 400|status of 401/.test(line));
    expect(list).toEqual([]);
  });
});
