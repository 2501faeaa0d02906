import { expect, expectedProvider, seriousViolations, test } from './fixtures';

test.describe('web app shell', () => {
  test('the landing page loads with no console errors and no CSP violations', async ({ page, problems }) => {
    const response = await page.goto('/');

    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('banner').getByText('Personal Assistant TDAH')).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expect(page.getByRole('main')).toBeVisible();
    await expect(page.getByRole('contentinfo')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.waitForLoadState('networkidle');

    expect(problems.list()).toEqual([]);
  });

  test('the landing page has no serious or critical accessibility violations', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

    const serious = await seriousViolations(page);

    expect(serious).toEqual([]);
  });

  test('the keyboard starts at the skip link, and the header leads to Sign up', async ({ page, problems }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

    // The first Tab lands on the skip link, then the product name, then Sign in, then Sign up.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    const signUp = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign up' });
    for (let i = 0; i < 5 && !(await signUp.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(signUp).toBeFocused();
    await page.keyboard.press('Enter');

    await expect(page).toHaveURL(/\/register$/);
    await expect(page.getByLabel('What should the assistant call you?')).toBeVisible();
    expect(problems.list()).toEqual([]);
  });

  test('on a phone a signed-out person sees Sign in and Sign up, and nothing is wider than the screen', async ({ page, problems }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link')).toHaveCount(2);
    await expect(nav.getByRole('link', { name: 'Sign in' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Sign up' })).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    expect(problems.list()).toEqual([]);
  });

  test('the landing page leads to Status, which shows the version and the database provider', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'See how the assistant is doing' }).click();

    await expect(page.getByLabel('Database')).toHaveText(expectedProvider);
    await expect(page.getByLabel('Version')).not.toBeEmpty();
    await expect(page.getByLabel('Channels')).not.toBeEmpty();
  });

  test('a deep link to /status is served by the SPA fallback', async ({ page, problems }) => {
    const response = await page.goto('/status');

    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: 'Status' })).toBeVisible();
    await expect(page.getByLabel('Database')).toHaveText(expectedProvider);
    expect(problems.list()).toEqual([]);
  });

  test('an unknown client route shows the friendly 404 page', async ({ page }) => {
    await page.goto('/somewhere/that/does-not-exist');

    await expect(page.getByRole('heading', { level: 1, name: 'This page is not here' })).toBeVisible();
    await page.getByRole('link', { name: 'Go to the home page' }).click();
    await expect(page).toHaveURL(/\/$/);
  });

  test('an unknown API path stays a 404 problem, not the app', async ({ request }) => {
    const response = await request.get('/api/v1/does-not-exist');

    expect(response.status()).toBe(404);
    expect(response.headers()['content-type']).toMatch(/^application\/problem\+json/);
    const body = (await response.json()) as { status?: number; title?: string };
    expect(body.status).toBe(404);
  });
});
