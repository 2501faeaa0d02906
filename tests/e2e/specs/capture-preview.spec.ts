import type { Page } from '@playwright/test';
import { accessibleInEveryLook, expect, signUp, test } from './fixtures';

// The person's zone is the browser's: UTC, so "3pm" is today until 15:00 UTC and tomorrow after.
test.use({ timezoneId: 'UTC' });

async function signUpAndOpenToday(page: Page) {
  await signUp(page, { emailPrefix: 'e2e-capture-preview' });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
}

test.describe('quick capture preview', () => {
  test('shows what the assistant understood as chips; a dismissed date is not saved', async ({ page, problems }) => {
    await signUpAndOpenToday(page);
    const capture = page.getByRole('region', { name: 'Quick capture' });
    const box = capture.getByRole('textbox', { name: 'What is on your mind?' });
    const chips = capture.getByRole('list', { name: 'What the assistant understood' });

    await box.fill('remind me to call mom tomorrow at 3pm');

    await expect(chips.getByRole('listitem')).toHaveText(['Reminder', 'tomorrow×', '3:00 PM×']);
    await accessibleInEveryLook(page, 'capture-preview');

    await chips.getByRole('button', { name: 'Remove tomorrow' }).click();
    await expect(box).toHaveValue('remind me to call mom at 3pm');
    await expect(box).toBeFocused();
    await expect(chips.getByRole('button', { name: 'Remove tomorrow' })).toHaveCount(0);
    await expect(chips.getByRole('listitem')).toHaveText(['Reminder', '3:00 PM×']);

    await capture.getByRole('button', { name: 'Save' }).click();
    const day = new Date().getUTCHours() < 15 ? 'today' : 'tomorrow';
    await expect(capture.getByRole('list', { name: 'What the assistant did' })).toHaveText(`call mom, ${day} 3:00 PM`);
    await expect(chips).toHaveCount(0);
    await expect(box).toHaveValue('');

    // What was saved, as the Reminders page lists it.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'More' }).click();
    await page.getByRole('main').getByRole('link', { name: /^Reminders/ }).click();
    await expect(page.getByText('call mom', { exact: true })).toBeVisible();
    expect(problems.list()).toEqual([]);
  });

  test('a list chip takes the list out of the line', async ({ page, problems }) => {
    await signUpAndOpenToday(page);
    const capture = page.getByRole('region', { name: 'Quick capture' });
    const box = capture.getByRole('textbox', { name: 'What is on your mind?' });
    const chips = capture.getByRole('list', { name: 'What the assistant understood' });

    await box.fill('add milk to the grocery list');

    await expect(chips.getByRole('listitem')).toHaveText(['List item', 'Groceries×']);
    await page.setViewportSize({ width: 360, height: 800 });
    // Above the phone's bottom bar.
    await chips.evaluate((element) => {
      element.scrollIntoView({ block: 'center' });
    });
    const directory = process.env.E2E_SCREENSHOT_DIR;
    if (directory) {
      // What a phone shows (a full-page picture would put the bottom bar over the chips).
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await page.screenshot({ path: `${directory}/capture-preview-list-360-${colorScheme}-screen.png` });
      }
      await page.emulateMedia({ colorScheme: 'light' });
    }
    await chips.getByRole('button', { name: 'Remove Groceries' }).click();
    await expect(box).toHaveValue('add milk');
    await expect(chips.getByRole('button', { name: 'Remove Groceries' })).toHaveCount(0);
    expect(problems.list()).toEqual([]);
  });

  test.describe('in French', () => {
    test.use({ locale: 'fr-FR' });

    test('the chips speak French; a dismissed day is not saved', async ({ page, problems }) => {
      await signUp(page, {
        emailPrefix: 'e2e-apercu-note',
        labels: { name: "Comment l'assistant doit-il t'appeler ?", email: 'Adresse e-mail', password: 'Mot de passe', submit: 'Créer mon compte' },
      });
      await page.getByRole('navigation', { name: 'Principale' }).getByRole('link', { name: 'Aujourd’hui' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Aujourd’hui' })).toBeVisible();
      const capture = page.getByRole('region', { name: 'Note rapide' });
      const box = capture.getByRole('textbox', { name: 'Qu’as-tu en tête ?' });
      const chips = capture.getByRole('list', { name: 'Ce que l’assistant a compris' });

      await box.fill("rappelle-moi d'appeler le plombier demain à 15h");

      await expect(chips.getByRole('listitem')).toHaveText(['Rappel', 'demain×', '15:00×']);
      await accessibleInEveryLook(page, 'capture-preview-fr');

      await chips.getByRole('button', { name: 'Retirer demain' }).click();
      await expect(box).toHaveValue("rappelle-moi d'appeler le plombier à 15h");
      await expect(box).toBeFocused();
      await expect(chips.getByRole('listitem')).toHaveText(['Rappel', '15:00×']);

      await capture.getByRole('button', { name: 'Noter' }).click();
      // The server's French writes this apostrophe straight, the web app's curly.
      const day = new Date().getUTCHours() < 15 ? 'aujourd[\'’]hui' : 'demain';
      await expect(capture.getByRole('list', { name: 'Ce que l’assistant a fait' })).toHaveText(new RegExp(`^appeler le plombier, ${day} 15:00$`));
      await expect(chips).toHaveCount(0);
      await expect(box).toHaveValue('');
      expect(problems.list()).toEqual([]);
    });
  });
});
