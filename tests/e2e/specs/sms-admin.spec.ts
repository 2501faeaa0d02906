import { readFile } from 'node:fs/promises';
import { accessibleInEveryLook, administrator, expect, signUp, test } from './fixtures';

const password = 'maple orbit lantern 47';

test.describe('SMS administration', () => {
  test('the administrator sees usage, downloads it, changes an allowance that stays after a reload, and reads why there are no numbers', async ({
    page,
    request,
    problems,
  }) => {
    test.setTimeout(180_000);
    // A text of our own, so the usage has something whatever ran before: administrators may text from any number.
    const login = await request.post('/api/v1/auth/login', { data: { ...administrator, tokenDelivery: 'body' } });
    expect(login.ok(), await login.text()).toBe(true);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const from = `+1438555${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`;
    const sent = await request.post('/api/v1/sms/simulator/messages', {
      data: { from, text: 'HELP' },
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    expect(sent.ok(), await sent.text()).toBe(true);

    // Without Twilio the numbers list answers 404 (the API's way of saying so): the browser logs each as a failed load.
    let numbersNotConfigured = 0;
    page.on('response', (response) => {
      if (response.status() === 404 && new URL(response.url()).pathname === '/api/v1/admin/sms/numbers') {
        numbersNotConfigured += 1;
      }
    });

    await page.goto('/login?from=/admin/sms');
    await page.getByLabel('Email').fill(administrator.email);
    await page.getByLabel('Password').fill(administrator.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Texts' })).toBeVisible();
    // Administration is one level down, under More.
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'More' })).toBeVisible();

    // Usage: the text above is in the totals.
    const totals = page.getByRole('table', { name: 'Totals' });
    await expect(totals.getByRole('row').nth(1).getByRole('cell').first()).not.toHaveText('0');
    await expect(page.getByRole('table', { name: 'Per country' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Cost by month' })).toBeVisible();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^sms-usage-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile(await file.path(), 'utf8');
    expect(csv).toMatch(/^section,key,metric,value,unit\r?\n/);
    expect(csv).toContain('total,all,messages_in,');

    // Numbers: Twilio is not configured in these tests.
    await expect(page.getByText(/Twilio is not set up on this instance, so there are no numbers to manage\./)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Numbers' }).getByRole('button')).toHaveCount(0);

    await accessibleInEveryLook(page, 'sms-admin');

    // Allowances: a wrong value is named next to its field, a right one is saved and still there after a reload.
    const users = page.getByRole('form', { name: 'Everyone (user role)' });
    await users.getByLabel('Segments a day').fill('lots');
    await users.getByRole('button', { name: 'Save' }).click();
    await expect(users.getByLabel('Segments a day')).toHaveAccessibleDescription(/Enter a whole number from 0 to 100,000\./);
    const daily = String(2000 + Math.floor(Math.random() * 1000));
    await users.getByLabel('Segments a day').fill(daily);
    await users.getByLabel('Segments a month').fill('60000');
    await users.getByRole('button', { name: 'Save' }).click();
    await expect(users.getByText('Saved.')).toBeVisible();
    await page.reload();
    await expect(users.getByLabel('Segments a day')).toHaveValue(daily);
    await expect(users.getByLabel('Segments a month')).toHaveValue('60000');
    await expect(users.getByText('Now: set here by an administrator.')).toBeVisible();

    // Leave the instance as it was for the specs after this one.
    await users.getByRole('button', { name: "Go back to the instance's default" }).click();
    await expect(users.getByText("Now: the instance's default.")).toBeVisible();

    await page.getByRole('navigation', { name: 'Administration pages' }).getByRole('link', { name: 'Outbox' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Outbox' })).toBeVisible();
    expect(numbersNotConfigured).toBeGreaterThan(0);
    const others = [...problems.list()];
    for (let expected = 0; expected < numbersNotConfigured; expected += 1) {
      const index = others.indexOf('console error: Failed to load resource: the server responded with a status of 404 (Not Found)');
      if (index >= 0) {
        others.splice(index, 1);
      }
    }
    expect(others).toEqual([]);
  });

  test('an ordinary person finds their texts and allowance in Settings, and no administration', async ({ page, problems }) => {
    test.setTimeout(120_000);
    // A new account lands on its day; these steps start from Settings.
    await signUp(page, { emailPrefix: 'e2e-sms-admin', password, then: 'settings' });

    const texts = page.getByRole('region', { name: 'Your texts' });
    await expect(texts.getByText('No texts yet this month.')).toBeVisible();
    await expect(texts.getByRole('progressbar', { name: /^Today: 0 of [\d,]+ segments used\.$/ })).toBeVisible();
    await expect(texts.getByRole('progressbar', { name: /^This month: 0 of [\d,]+ segments used\.$/ })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Administration' })).toHaveCount(0);
    await texts.scrollIntoViewIfNeeded();
    await accessibleInEveryLook(page, 'settings-texts');

    await page.goto('/admin/sms');
    await expect(page.getByText('This page is for the administrators of this assistant.')).toBeVisible();
    expect(problems.list()).toEqual([]);
  });
});
