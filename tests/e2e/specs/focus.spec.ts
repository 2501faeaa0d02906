import type { Page } from '@playwright/test';
import { accessibleInEveryLook, expect, signUp, test } from './fixtures';

/**
 * Moves the page's clock on by `minutes` at once, as a tab that slept would find it: no timer fires on the way (the
 * live connection's own timeouts stay quiet), so the focus timer has only the clock to go by.
 */
async function later(page: Page, minutes: number) {
  const now = await page.evaluate(() => Date.now());
  await page.clock.setSystemTime(now + minutes * 60_000);
}

test.describe('focus timer', () => {
  test('a person focuses on one task: starts, pauses and resumes, sees it from another page, ends gently and marks it done', async ({
    page,
    problems,
  }) => {
    // Four looks, each checked in four ways (light and dark, 1280 and 360 px).
    test.setTimeout(240_000);
    // The page's clock is Playwright's, so minutes pass in an instant; the timer reads it as it would the real one.
    await page.clock.install();
    await signUp(page, { name: 'Sam', emailPrefix: 'e2e-focus' });
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Tasks' }).click();
    await page.getByLabel('What needs doing?').fill('sort the mail');
    await page.getByLabel('When (optional)').fill('today');
    await page.getByRole('button', { name: 'Add task' }).click();
    await expect(page.getByText(/^Got it: sort the mail/)).toBeVisible();

    // Two taps: Focus, then Start with the short default.
    await page.getByRole('button', { name: 'Focus: sort the mail' }).click();
    const lengths = page.getByRole('group', { name: 'How long?' });
    await expect(lengths.getByRole('button', { name: '15 min' })).toHaveAttribute('aria-pressed', 'true');
    await accessibleInEveryLook(page, 'focus-choose');
    await page.getByRole('button', { name: 'Start', exact: true }).click();

    const timer = page.getByRole('region', { name: 'Focus' });
    await expect(timer.getByText('15 min left')).toBeVisible();
    await expect(timer).toBeFocused();
    await expect(page.getByRole('status').filter({ hasText: 'Focus started' })).toHaveText('Focus started: 15 minutes for sort the mail.');
    await expect(timer.getByRole('progressbar', { name: 'Time spent' })).toHaveAttribute('max', '15');
    await accessibleInEveryLook(page, 'focus-running');

    await later(page, 4);
    await expect(timer.getByText('11 min left')).toBeVisible();
    await timer.getByRole('button', { name: 'Pause' }).click();
    await expect(timer.getByText('Paused', { exact: true })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Paused.' })).toHaveText('Paused. 11 min left.');
    // A long pause loses nothing.
    await later(page, 30);
    await expect(timer.getByText('11 min left')).toBeVisible();
    await timer.getByRole('button', { name: 'Resume' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Going again.' })).toHaveText('Going again. 11 min left.');

    // Elsewhere in the app, the header keeps the timer in sight and leads back to it.
    await nav.getByRole('link', { name: 'Today' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
    const indicator = page.getByRole('banner').getByRole('link', { name: /^Focus: \d+ min$/ });
    await expect(indicator).toBeVisible();
    await accessibleInEveryLook(page, 'focus-indicator');
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await indicator.click();
    await expect(timer).toBeVisible();
    await page.setViewportSize({ width: 1280, height: 800 });

    // The end: calm words, three ways on.
    await later(page, 11);
    await expect(timer.getByText('Time is up for “sort the mail”. Every minute you gave it counts.')).toBeVisible();
    await expect(timer.getByRole('button', { name: '5 more minutes' })).toBeVisible();
    await expect(timer.getByRole('button', { name: 'Take a break' })).toBeVisible();
    await accessibleInEveryLook(page, 'focus-ended');

    await timer.getByRole('button', { name: 'Mark done' }).click();
    await expect(page.getByText('Done: sort the mail. Nice.')).toBeVisible();
    await expect(timer).toHaveCount(0);
    await expect(page.getByText('Nothing due today. Nice.')).toBeVisible();
    await expect(page.getByRole('banner').getByRole('link', { name: /^Focus/ })).toHaveCount(0);
    expect(problems.list()).toEqual([]);
  });
});
