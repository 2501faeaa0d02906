import { readFile } from 'node:fs/promises';
import { accessibleInEveryLook, expect, signUp, test, uniqueEmail } from './fixtures';

const password = 'maple orbit lantern 47';

test.describe('privacy', () => {
  test('see what is kept and where it goes, allow a channel, export everything, delete the account and keep it after all', async ({
    page,
    problems,
  }) => {
    test.setTimeout(240_000);
    const email = uniqueEmail('e2e-privacy');

    // The sign-up form shows the words creating the account agrees to.
    await page.goto('/register');
    await expect(page.getByText(/^By creating an account, you agree to this: “I agree to this instance keeping/)).toBeVisible();
    await signUp(page, { email, password });

    // Privacy, from More.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'More' }).click();
    await page.getByRole('main').getByRole('link', { name: /Privacy/ }).click();
    const main = page.getByRole('main');
    await expect(main.getByRole('heading', { level: 1, name: 'Privacy' })).toBeVisible();
    const stored = main.getByRole('table', { name: 'What is stored' });
    await expect(stored.getByRole('row', { name: 'Profile 1' })).toBeVisible();
    await expect(stored.getByRole('row', { name: 'Consent decisions 1' })).toBeVisible();
    // The embedded default keeps every word here; browser notifications pass through the browser maker's service.
    await expect(main.getByText('what you write to it never leaves this server', { exact: false })).toBeVisible();
    await expect(main.getByRole('listitem').filter({ hasText: 'Browser notifications' }).getByText('Leaves this server')).toBeVisible();
    await expect(main.getByRole('listitem').filter({ hasText: 'Conversations with the assistant' }).getByText('365 days')).toBeVisible();
    await accessibleInEveryLook(page, 'privacy');

    // Allow emails: the decision is recorded with its words, and the history says so.
    await main.getByRole('button', { name: 'Allow Emails' }).click();
    await expect(main.getByRole('status').filter({ hasText: 'Emails: allowed.' })).toBeVisible();
    await expect(main.getByRole('button', { name: 'Stop Emails' })).toBeVisible();
    await main.getByText('History (2 decisions)').click();
    await expect(main.getByText('Emails: agreed')).toBeVisible();

    // Export: prepared in the background, downloaded once, then gone from the server.
    await main.getByRole('button', { name: 'Prepare my export' }).click();
    await expect(main.getByText('Ready to download.')).toBeVisible({ timeout: 90_000 });
    await accessibleInEveryLook(page, 'privacy-export-ready');
    const downloading = page.waitForEvent('download');
    await main.getByRole('button', { name: 'Download' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^personal-assistant-export-.*\.zip$/);
    const archive = await readFile(await download.path());
    expect(archive.subarray(0, 2).toString()).toBe('PK');
    await expect(main.getByText('Downloaded, and deleted from the server.')).toBeVisible();

    // Delete: the password, then this device signs out and says when everything goes.
    await main.getByRole('button', { name: 'Delete my account…' }).click();
    await main.getByLabel('Your password').fill(password);
    await accessibleInEveryLook(page, 'privacy-delete');
    await main.getByRole('button', { name: 'Delete my account', exact: true }).click();
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole('status').filter({ hasText: /^Your account will be deleted on .* Sign in before then to keep it\.$/ })).toBeVisible();
    await accessibleInEveryLook(page, 'privacy-deleted-login');

    // Signing in during the grace period offers to keep the account.
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const banner = page.getByRole('region', { name: /^Your account will be deleted on/ });
    await expect(banner).toBeVisible();
    await banner.getByRole('button', { name: 'Keep my account' }).click();
    await expect(banner).toBeHidden();
    await page.reload();
    await expect(page.getByRole('main')).toBeVisible();
    await expect(page.getByRole('region', { name: /^Your account will be deleted on/ })).toBeHidden();
    // (signing out after the deletion: the server had already ended every session, so its answers are 401)
    expect(problems.list().filter((problem) => !/status of 40[01]/.test(problem))).toEqual([]);
  });

  test.describe('in French', () => {
    test.use({ locale: 'fr-FR' });

    test('the terms at sign-up and the whole page speak French', async ({ page, problems }) => {
      await page.goto('/register');
      await expect(page.getByText(/^En créant un compte, tu acceptes ceci : « J/)).toBeVisible();
      await signUp(page, {
        emailPrefix: 'e2e-confidentialite',
        password,
        labels: { name: "Comment l'assistant doit-il t'appeler ?", email: 'Adresse e-mail', password: 'Mot de passe', submit: 'Créer mon compte' },
      });

      await page.goto('/privacy');
      const main = page.getByRole('main');
      await expect(main.getByRole('heading', { level: 1, name: 'Confidentialité' })).toBeVisible();
      await expect(main.getByRole('table', { name: 'Ce qui est gardé' }).getByRole('row', { name: 'Profil 1' })).toBeVisible();
      await expect(main.getByText('ce que tu lui écris ne quitte jamais ce serveur', { exact: false })).toBeVisible();
      await expect(main.getByRole('heading', { level: 2, name: 'Ce que tu as accepté' })).toBeVisible();
      await expect(main.getByRole('button', { name: 'Préparer mon export' })).toBeVisible();
      await expect(main.getByRole('button', { name: 'Supprimer mon compte…' })).toBeVisible();
      await accessibleInEveryLook(page, 'privacy-fr');
      expect(problems.list()).toEqual([]);
    });
  });
});
