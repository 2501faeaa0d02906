import type { Page } from '@playwright/test';
import { expect, seriousViolations, signUp, test } from './fixtures';

const password = 'maple orbit lantern 47';

/** With E2E_SCREENSHOT_DIR set, keeps a picture of the page for a person to look at. */
async function picture(page: Page, name: string): Promise<void> {
  const directory = process.env.E2E_SCREENSHOT_DIR;
  if (directory) {
    await page.evaluate(() => {
      window.scrollTo(0, 0);
    });
    await page.screenshot({ path: `${directory}/${name}.png` });
  }
}

test.describe('notifications', () => {
  test('a reminder coming due rings the bell live; opening the bell shows it and marks it read', async ({ page, problems }) => {
    test.setTimeout(120_000);
    // A new account lands on its day; these steps start from Settings.
    await signUp(page, { password, then: 'settings' });

    const bell = page.getByRole('button', { name: /^Notifications/ });
    await expect(bell).toHaveAccessibleName('Notifications');
    await bell.click();
    const list = page.getByRole('region', { name: 'Notifications', exact: true });
    await expect(list.getByText('Nothing new. Reminders you set show up here.')).toBeVisible();
    await picture(page, 'bell-empty-1280-light');
    await page.keyboard.press('Escape');
    await expect(list).toBeHidden();
    await expect(bell).toBeFocused();

    // A reminder due in a few seconds: the dispatcher sends it to the app, the hub tells the open page.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'More' }).click();
    await page.getByRole('main').getByRole('link', { name: /^Reminders/ }).click();
    await page.getByLabel('Remind me to').fill('drink a glass of water');
    const soon = new Date(Date.now() + 4_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    await page.getByLabel('When', { exact: true }).fill(soon);
    await page.getByRole('button', { name: 'Add reminder' }).click();
    await expect(page.getByText(/^Got it: drink a glass of water/)).toBeVisible();

    // Faster than the one-minute poll: this is the live event.
    await expect(bell).toHaveAccessibleName('Notifications, 1 unread', { timeout: 40_000 });
    await expect(page.getByRole('status').filter({ hasText: 'New notification: ' })).toContainText('drink a glass of water');
    await picture(page, 'bell-unread-1280-light');

    await bell.click();
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(list.getByRole('listitem').first()).toContainText('drink a glass of water');
    await expect(list.getByRole('listitem').first()).toContainText('New');
    await expect(bell).toHaveAccessibleName('Notifications');
    await picture(page, 'bell-open-1280-light');
    expect(await seriousViolations(page)).toEqual([]);

    await page.emulateMedia({ colorScheme: 'dark' });
    await picture(page, 'bell-open-1280-dark');
    expect(await seriousViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 360, height: 740 });
    await picture(page, 'bell-open-360-dark');
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
    await picture(page, 'bell-open-360-light');
    expect(await seriousViolations(page)).toEqual([]);

    await page.keyboard.press('Escape');
    await expect(list).toBeHidden();
    await expect(bell).toBeFocused();
    await picture(page, 'bell-closed-360-light');

    // Read on the server, not only on this page.
    await page.reload();
    await expect(page.getByRole('button', { name: /^Notifications/ })).toHaveAccessibleName('Notifications');
    await page.getByRole('button', { name: /^Notifications/ }).click();
    await expect(list.getByRole('listitem').first()).toContainText('drink a glass of water');
    await expect(list.getByRole('listitem').first()).not.toContainText('New');

    expect(problems.list()).toEqual([]);
  });
});
