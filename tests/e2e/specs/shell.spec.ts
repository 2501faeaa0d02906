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

  test('keyboard navigation reaches Status, which shows the database provider', async ({ page, problems }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

    // The first Tab lands on the skip link, then the product name, then Home, then Status.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    const statusLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Status' });
    for (let i = 0; i < 5 && !(await statusLink.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(statusLink).toBeFocused();
    await page.keyboard.press('Enter');

    await expect(page).toHaveURL(/\/status$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Status' })).toBeVisible();
    await expect(page.getByLabel('Database')).toHaveText(expectedProvider);
    expect(problems.list()).toEqual([]);
  });

  test('on a phone the navigation sits behind a Menu button that opens, closes with Escape, and navigates', async ({ page, problems }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const statusLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Status' });
    await expect(statusLink).toBeHidden();

    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(statusLink).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(menu).toBeFocused();

    await menu.click();
    await statusLink.click();
    await expect(page.getByRole('heading', { level: 1, name: 'Status' })).toBeVisible();
    await expect(statusLink).toBeHidden();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    expect(problems.list()).toEqual([]);
  });

  test('clicking Status shows the version and the database provider', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Status' }).click();

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
