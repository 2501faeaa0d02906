import { expect, seriousViolations, signUp, test, uniqueEmail } from './fixtures';

const password = 'maple orbit lantern 47';

test.describe('accounts', () => {
  test('register, stay signed in across a reload, see this session, sign out', async ({ page, problems }) => {
    // A new account lands on its day; these steps start from Settings.
    await signUp(page, { password, then: 'settings' });
    const banner = page.getByRole('banner');
    await expect(banner.getByRole('link', { name: 'Robin' })).toBeVisible();
    await expect(page.getByText('This device', { exact: true })).toBeVisible();
    // no token in web storage: the only key is the offline start's marker of who signed in last (an id, not a secret)
    expect(await page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)])).toEqual(['pa.lastSignedIn']);

    await page.reload();
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    await expect(banner.getByRole('link', { name: 'Robin' })).toBeVisible();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'More' }).click();
    await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
    await expect(banner.getByRole('link', { name: 'Sign in' })).toBeVisible();
    await page.goto('/settings');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    expect(problems.list()).toEqual([]);
  });

  test('a wrong password shows a calm error and no session', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill(uniqueEmail());
    await page.getByLabel('Password').fill('not the right one at all');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page.getByRole('alert')).toContainText('The email or password is not right.');
    await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
  });

  for (const path of ['/login', '/register']) {
    test(`${path} has no serious or critical accessibility violations`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

      const serious = await seriousViolations(page);

      expect(serious).toEqual([]);
    });
  }
});
