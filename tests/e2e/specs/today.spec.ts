import type { Page } from '@playwright/test';
import { administrator, expect, seriousViolations, signIn, signUp, test } from './fixtures';

const password = 'maple orbit lantern 47';

async function picture(page: Page, name: string) {
  const directory = process.env.E2E_SCREENSHOT_DIR;
  if (directory) {
    await page.screenshot({ path: `${directory}/${name}.png`, fullPage: true });
  }
}

/** No serious or critical violation in the light or the dark look; a picture of each when asked for. */
async function accessibleInEveryLook(page: Page, name: string) {
  const width = page.viewportSize()?.width ?? 1280;
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await picture(page, `${name}-${String(width)}-${colorScheme}`);
    expect(await seriousViolations(page), `${name} at ${String(width)} px, ${colorScheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** A new account; whichever page signing up leads to, the person then opens Today from the navigation. */
async function signUpAndOpenToday(page: Page, name: string) {
  await signUp(page, { name, emailPrefix: 'e2e-today', password });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
}

test.describe('today', () => {
  test('a new person opens Today, captures in one line, sees what was saved, and undoes a capture in one tap', async ({ page, problems }) => {
    await signUpAndOpenToday(page, 'Sam');
    await expect(page.getByText('Nothing open right now. Enjoy the break.')).toBeVisible();
    await expect(page.getByText('Nothing on the calendar and no reminders today. The day is yours.')).toBeVisible();
    await expect(page.getByText('Nothing ticked off yet. Whatever you get done today counts.')).toBeVisible();
    await accessibleInEveryLook(page, 'today-empty');

    const capture = page.getByRole('region', { name: 'Quick capture' });
    const box = capture.getByRole('textbox', { name: 'What is on your mind?' });
    const saved = capture.getByRole('list', { name: 'What the assistant did' });

    // A wrong capture, taken back.
    await box.fill('remind me to water the plants tomorrow at 9am');
    await capture.getByRole('button', { name: 'Save' }).click();
    await expect(saved).toContainText('water the plants');
    await capture.getByRole('button', { name: 'Undo' }).click();
    await expect(capture.getByRole('button', { name: 'Undo' })).toHaveCount(0);
    await expect(saved).toHaveCount(0);

    // The right one, kept.
    await box.fill('remind me to call mom tomorrow at 3pm');
    await capture.getByRole('button', { name: 'Save' }).click();
    await expect(saved).toContainText('call mom');
    await expect(capture.getByRole('button', { name: 'Undo' })).toBeVisible();
    await expect(box).toHaveValue('');
    await accessibleInEveryLook(page, 'today-captured');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'More' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'More' })).toBeVisible();
    await accessibleInEveryLook(page, 'more');
    await page.getByRole('main').getByRole('link', { name: /^Reminders/ }).click();
    await expect(page.getByText('call mom', { exact: true })).toBeVisible();
    await expect(page.getByText('water the plants', { exact: true })).toHaveCount(0);

    // A task due today: suggested now with a small first step, on the day's timeline, and done in one tap.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }).click();
    await page.getByLabel('What needs doing?').fill('pay the rent');
    await page.getByLabel('When (optional)').fill('today');
    await page.getByRole('button', { name: 'Add task' }).click();
    await expect(page.getByText(/^Got it: pay the rent/)).toBeVisible();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
    const now = page.getByRole('region', { name: 'Now' });
    await expect(now.getByText('pay the rent', { exact: true })).toBeVisible();
    await expect(now.getByText(/^First small step: /)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Your day' }).getByText('pay the rent')).toBeVisible();
    await accessibleInEveryLook(page, 'today-suggestion');
    await now.getByRole('button', { name: 'Done: pay the rent' }).click();
    await expect(now.getByText('Done: pay the rent. Nicely handled.')).toBeVisible();
    const done = page.getByRole('region', { name: 'Done today' });
    await expect(done.getByText('One thing done today.')).toBeVisible();
    await expect(done.getByText('pay the rent')).toBeVisible();
    await accessibleInEveryLook(page, 'today-done');

    // The capture went to a conversation of its own, which the chat lists.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat' }).click();
    await expect(page.getByRole('button', { name: /Quick capture/ }).first()).toBeVisible();
    expect(problems.list()).toEqual([]);
  });

  test('on a phone the five destinations sit in a bar at the bottom, and More reaches Notes', async ({ page, problems }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await signUpAndOpenToday(page, 'Robin');

    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link')).toHaveCount(5);
    await expect(nav.getByRole('link', { name: 'Today' })).toHaveAttribute('aria-current', 'page');
    const bar = await nav.boundingBox();
    expect(bar).not.toBeNull();
    expect((bar?.y ?? 0) + (bar?.height ?? 0)).toBeCloseTo(740, 0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await accessibleInEveryLook(page, 'today-empty');

    // The end of the page is not hidden behind the bar.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const footer = await page.getByRole('contentinfo').boundingBox();
    expect((footer?.y ?? 0) + (footer?.height ?? 0)).toBeLessThanOrEqual((bar?.y ?? 740) + 1);

    await nav.getByRole('link', { name: 'More' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'More' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'More' })).toHaveAttribute('aria-current', 'page');
    await accessibleInEveryLook(page, 'more');
    await page.getByRole('main').getByRole('link', { name: /^Notes/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Notes' })).toBeVisible();
    await expect(page.getByRole('main')).toBeFocused();
    expect(problems.list()).toEqual([]);
  });

  test('an administrator finds Administration under More', async ({ page }) => {
    await signIn(page, administrator, '/more');
    await expect(page.getByRole('heading', { level: 1, name: 'More' })).toBeVisible();

    await page.getByRole('main').getByRole('link', { name: /^Administration/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Texts' })).toBeVisible();
  });

  test('the landing page invites to sign up, explains texting and privacy, and is accessible in every look', async ({ page, problems }) => {
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto('/');
      await expect(page.getByRole('main').getByRole('link', { name: 'Create an account' })).toBeVisible();
      await expect(page.getByRole('region', { name: 'How texting works' })).toContainText('Reply STOP');
      await accessibleInEveryLook(page, 'landing');
    }
    await page.getByRole('main').getByRole('link', { name: 'Create an account' }).click();
    await expect(page).toHaveURL(/\/register$/);
    expect(problems.list()).toEqual([]);
  });
});
