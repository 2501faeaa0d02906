import { accessibleInEveryLook, expect, seriousViolations, signUp, test } from './fixtures';

const password = 'maple orbit lantern 47';

test.describe('resources', () => {
  test('a new person adds a task, completes it, and puts milk on the grocery list', async ({ page, problems }) => {
    // A new account lands on its day; these steps start from Settings.
    await signUp(page, { password, then: 'settings' });

    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Tasks' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
    await expect(page.getByText('Nothing due today. Nice.')).toBeVisible();

    await page.getByLabel('What needs doing?').fill('call the bank');
    await page.getByLabel('When (optional)').fill('today');
    await page.getByRole('button', { name: 'Add task' }).click();
    await expect(page.getByText(/^Got it: call the bank, /)).toBeVisible();

    const done = page.getByRole('button', { name: 'Done: call the bank' });
    await expect(done).toBeVisible();
    await done.click();
    await expect(page.getByText('Done: call the bank. Nice.')).toBeVisible();
    await expect(page.getByText('Nothing due today. Nice.')).toBeVisible();

    await nav.getByRole('link', { name: 'More' }).click();
    await page.getByRole('main').getByRole('link', { name: /^Lists/ }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Groceries' })).toBeVisible();
    await page.getByLabel('Item', { exact: true }).fill('milk');
    await page.getByRole('button', { name: 'Add to the list' }).click();
    await expect(page.getByText('Added: milk.')).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'milk' })).not.toBeChecked();

    expect(problems.list()).toEqual([]);
  });

  test('the tasks page, with a breakdown open, has no serious or critical accessibility violations', async ({ page }) => {
    // A new account lands on its day; these steps start from Settings.
    await signUp(page, { name: 'Sam', password, then: 'settings' });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }).click();
    await page.getByLabel('What needs doing?').fill('water the plants');
    await page.getByRole('button', { name: 'Add task' }).click();
    await page.getByRole('button', { name: 'All open tasks' }).click();
    await expect(page.getByRole('button', { name: 'Done: water the plants' })).toBeVisible();
    await page.getByRole('button', { name: 'Break it down: water the plants' }).click();
    const steps = page.getByRole('region', { name: 'Small steps' });
    await expect(steps.getByRole('textbox', { name: 'Step 1' })).toBeVisible();

    const serious = await seriousViolations(page);

    expect(serious).toEqual([]);

    // The person rewords the first step; what is saved is what they see.
    await steps.getByRole('textbox', { name: 'Step 1' }).fill('Fill the watering can');
    await steps.getByRole('button', { name: 'Save steps' }).click();
    const saved = page.getByRole('region', { name: 'Saved as steps' });
    await expect(saved.getByText('1. Fill the watering can')).toBeVisible();
  });

  test('a note and a reminder that cannot be saved say why beside the field, and the forms stay accessible in every look', async ({ page, problems }) => {
    await signUp(page, { name: 'Sam', password });

    // Checked in the browser: nothing is sent for an empty note.
    await page.goto('/notes');
    await page.getByRole('button', { name: 'New note' }).click();
    const note = page.getByRole('form', { name: 'New note' });
    await note.getByRole('button', { name: 'Save note' }).click();
    await expect(note.getByLabel('Note', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(note.getByText('Write something in the title or the note.')).toBeVisible();
    await accessibleInEveryLook(page, 'notes-editor-refused');

    // Checked by the server: words it cannot read as a time, said beside When, what was typed kept.
    await page.goto('/reminders');
    const reminder = page.getByRole('form', { name: 'Add a reminder' });
    await reminder.getByLabel('Remind me to').fill('call the dentist');
    await reminder.getByLabel('When', { exact: true }).fill('whenever it suits');
    await reminder.getByRole('button', { name: 'Add reminder' }).click();
    const when = reminder.getByLabel('When', { exact: true });
    await expect(when).toHaveAttribute('aria-invalid', 'true');
    await expect(when).toBeFocused();
    await expect(reminder.getByText(/^Could not read this as a time/)).toBeVisible();
    await expect(reminder.getByLabel('Remind me to')).toHaveValue('call the dentist');
    await accessibleInEveryLook(page, 'reminders-refused');

    // The browser logs the one refusal (400) the reminder got; nothing else.
    expect(problems.list()).toEqual(['console error: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  });

  test('a person imports an .ics file, sees the week as a grid on a wide screen, and the calendar is accessible in every look', async ({ page, problems }) => {
    await signUp(page, { name: 'Sam', emailPrefix: 'e2e-calendar', password });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calendar' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Calendar' })).toBeVisible();

    // Today in the browser's zone, which is the new person's: an all-day event and one late in the evening.
    const now = new Date();
    const today = `${String(now.getFullYear())}${String(now.getMonth() + 1).padStart(2, '0')}${String(now.getDate()).padStart(2, '0')}`;
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//e2e//calendar//EN',
      'BEGIN:VEVENT',
      `UID:holiday-${today}@e2e.test`,
      `DTSTART;VALUE=DATE:${today}`,
      'SUMMARY:day off',
      'END:VEVENT',
      'BEGIN:VEVENT',
      `UID:concert-${today}@e2e.test`,
      `DTSTART:${today}T230000`,
      `DTEND:${today}T235000`,
      'SUMMARY:late concert',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const importing = page.getByRole('region', { name: 'Import from another calendar' });
    const file = { name: 'other.ics', mimeType: 'text/calendar', buffer: Buffer.from(ics) };
    await importing.getByLabel('Calendar file (.ics)').setInputFiles(file);
    await importing.getByRole('button', { name: 'Import' }).click();
    await expect(importing.getByRole('status')).toHaveText('2 events added.');

    await expect(page.getByRole('group', { name: 'Show the week as' }).getByRole('button', { name: 'Week' })).toHaveAttribute('aria-pressed', 'true');
    const todayColumn = page.locator('section[aria-current="date"]');
    await expect(todayColumn.getByRole('listitem')).toHaveText([/All day.*day off/, /late concert/]);
    await expect(page.getByRole('region', { name: /day, / })).toHaveCount(7);
    await accessibleInEveryLook(page, 'calendar-week');

    // The same file again adds nothing twice.
    await importing.getByLabel('Calendar file (.ics)').setInputFiles(file);
    await importing.getByRole('button', { name: 'Import' }).click();
    await expect(importing.getByRole('status')).toHaveText('No new events. 2 were already here.');

    await page.getByRole('group', { name: 'Show the week as' }).getByRole('button', { name: 'List' }).click();
    await expect(page.getByRole('region', { name: /day, / })).toHaveCount(1);
    expect(problems.list()).toEqual([]);
  });
});
