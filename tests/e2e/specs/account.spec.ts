import type { APIRequestContext } from '@playwright/test';
import { accessibleInEveryLook, expect, lastMessageTo, signUp, test } from './fixtures';

const first = 'maple orbit lantern 47';
const second = 'harbor velvet compass 93';
const third = 'willow copper meadow 58';

/**
 * The path and query of the newest `page` link emailed to `email` (the link's host is the instance's public address,
 * which here is localhost; the browser stays on the test's address so its cookies go along).
 */
async function emailedLink(request: APIRequestContext, email: string, page: 'verify-email' | 'reset-password'): Promise<string> {
  const pattern = new RegExp(`https?://\\S*/${page}\\?\\S+`);
  let link = '';
  await expect
    .poll(async () => {
      link = pattern.exec(await lastMessageTo(request, email, 'email'))?.[0] ?? '';
      return link;
    })
    .not.toBe('');
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

test.describe('account', () => {
  test('sign up and confirm the address, reset a forgotten password, set zone and language, change the password', async ({
    page,
    request,
    problems,
  }) => {
    test.setTimeout(240_000);
    const refused: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) {
        refused.push(`${String(response.status())} ${new URL(response.url()).pathname}`);
      }
    });

    // Sign up: the new account lands on its day, not on Settings.
    const { email } = await signUp(page, { emailPrefix: 'e2e-account', password: first });

    // The confirmation email's link, opened in this signed-in browser.
    const verifyLink = await emailedLink(request, email, 'verify-email');
    await page.goto(verifyLink);
    await expect(page.getByRole('heading', { level: 1, name: 'Your email is confirmed' })).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: 'Go to my day' })).toBeVisible();
    await accessibleInEveryLook(page, 'account-verify-confirmed');

    // Sign out. The same link again, signed out, is used up: it says so calmly and offers a new one.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'More' }).click();
    await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
    await page.goto(verifyLink);
    await expect(page.getByRole('heading', { level: 1, name: 'This link no longer works' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Send me a new link' })).toBeVisible();
    await accessibleInEveryLook(page, 'account-verify-invalid');

    // Forget the password.
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Forgot your password?' })).toBeVisible();
    await accessibleInEveryLook(page, 'account-forgot');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await expect(page.getByRole('status').filter({ hasText: `If an account exists for ${email}, we sent it a link.` })).toBeVisible();
    await accessibleInEveryLook(page, 'account-forgot-sent');

    // The reset link from the email: a confirmation that differs is caught here, then the new password is saved.
    await page.goto(await emailedLink(request, email, 'reset-password'));
    await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
    await page.getByLabel('New password', { exact: true }).fill(second);
    await page.getByLabel('New password again').fill(`${second}!`);
    await page.getByRole('button', { name: 'Save my new password' }).click();
    await expect(page.getByLabel('New password again')).toHaveAccessibleDescription('The two passwords are not the same yet.');
    await accessibleInEveryLook(page, 'account-reset-mismatch');
    await page.getByLabel('New password again').fill(second);
    await page.getByRole('button', { name: 'Save my new password' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Your new password is saved.' })).toBeVisible();
    await accessibleInEveryLook(page, 'account-reset-done');

    // Sign in with the new password.
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(second);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/$/);

    // Settings: a time zone and French, both kept after a reload; the app speaks French at once.
    await page.goto('/settings');
    const profile = page.getByRole('region', { name: 'Profile' });
    await expect(profile.getByLabel('Name')).toHaveValue('Robin');
    await accessibleInEveryLook(page, 'account-settings');
    await profile.getByRole('combobox', { name: 'Time zone' }).selectOption('Asia/Tokyo');
    await profile.getByRole('radio', { name: 'Français' }).check();
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Réglages' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await page.reload();
    const profil = page.getByRole('region', { name: 'Profil' });
    await expect(profil.getByRole('combobox', { name: 'Fuseau horaire' })).toHaveValue('Asia/Tokyo');
    await expect(profil.getByRole('radio', { name: 'Français' })).toBeChecked();
    await accessibleInEveryLook(page, 'account-settings-fr');

    // The phone bar in French on a small phone, on Today (its label is the longest, and the page it names is active):
    // no label is cut short.
    await page.setViewportSize({ width: 320, height: 700 });
    await page.goto('/');
    const bar = page.getByRole('navigation', { name: 'Principale' });
    await expect(bar.getByRole('link', { name: 'Aujourd’hui' })).toHaveAttribute('aria-current', 'page');
    for (const link of await bar.getByRole('link').all()) {
      const label = link.locator('span');
      expect(await label.evaluate((span) => span.scrollWidth > span.clientWidth), await label.innerText()).toBe(false);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/settings');

    // Change the password (in French now): a wrong current one is said beside its field, then the right one works.
    const security = page.getByRole('region', { name: 'Sécurité' });
    await security.getByLabel('Mot de passe actuel').fill('not the password at all');
    await security.getByLabel('Nouveau mot de passe', { exact: true }).fill(third);
    await security.getByLabel('Nouveau mot de passe, encore une fois').fill(third);
    await security.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await expect(security.getByLabel('Mot de passe actuel')).toHaveAttribute('aria-invalid', 'true');
    await security.getByLabel('Mot de passe actuel').fill(second);
    await security.getByLabel('Nouveau mot de passe', { exact: true }).fill(third);
    await security.getByLabel('Nouveau mot de passe, encore une fois').fill(third);
    await security.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await expect(security.getByRole('status').filter({ hasText: 'Ton mot de passe est changé.' })).toBeVisible();
    await accessibleInEveryLook(page, 'account-settings-password-changed');

    const signIn = await request.post('/api/v1/auth/login', { data: { email, password: third, tokenDelivery: 'body' } });
    expect(signIn.ok(), await signIn.text()).toBe(true);
    // The browser logs each refused request; these are the ones this story expects (a used link, a wrong password).
    expect(refused).toEqual(['400 /api/v1/auth/verify-email', '400 /api/v1/auth/change-password']);
    expect(problems.list().filter((problem) => !problem.includes('status of 400'))).toEqual([]);
  });
});
