import { accessibleInEveryLook, confirmEmail, expect, lastMessageTo, seriousViolations, signUp, test } from './fixtures';

const password = 'maple orbit lantern 47';

test.describe('SMS simulator', () => {
  test('a confirmed number texts the assistant, gets its reply, texts STOP, and Settings shows texts paused', async ({
    page,
    request,
    problems,
  }) => {
    // A number nobody else in this run uses: STOP is remembered per number.
    const number = `+1514555${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`;
    // A new account lands on its day; these steps start from Settings.
    const { email } = await signUp(page, { name: 'Sam', emailPrefix: 'e2e-sms', password, then: 'settings' });

    // A phone number needs a confirmed email address first.
    await confirmEmail(request, email);

    // Add the number and confirm it with the code the instance would have texted (kept in its outbox).
    await page.getByLabel('Add a number').fill(number);
    await page.getByRole('button', { name: 'Text me a code' }).click();
    await expect(page.getByText('We texted a code to that number.')).toBeVisible();
    const code = /\b(\d{6})\b/.exec(await lastMessageTo(request, number, 'sms'))?.[1];
    expect(code).toBeDefined();
    await page.getByLabel('Code from the text message').fill(code ?? '');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByText('Main number')).toBeVisible();

    await page.getByRole('link', { name: 'Try it in the simulator' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Text the assistant' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Text from' })).toHaveValue(number);
    await expect(page.getByText('Try HELP, STOP, START, or anything you would ask the assistant.')).toBeVisible();

    // The thread is the number's: the code texted to it is already there.
    const thread = page.getByRole('list', { name: number });
    await expect(thread.getByRole('listitem').first()).toContainText('Your Personal Assistant code is');

    // The reply is written by a background job; the page polls the thread until it appears.
    const box = page.getByRole('textbox', { name: 'Your text' });
    // Longer than the instance keeps a text: said beside the box, and nothing is sent.
    await box.fill('a'.repeat(1601));
    await box.press('Enter');
    await expect(box).toHaveAccessibleDescription(/^A little long: 1600 characters at most\./);
    await expect(box).toHaveAttribute('aria-invalid', 'true');
    await accessibleInEveryLook(page, 'sms-simulator-too-long');
    await expect(thread.getByRole('listitem')).toHaveCount(1);

    await box.fill('remind me at 2 pm to call mom');
    await expect(box).not.toHaveAttribute('aria-invalid');
    await expect(page.getByText('1 text', { exact: true })).toBeVisible();
    await box.press('Enter');
    await expect(box).toHaveValue('');
    await expect(box).toBeFocused();
    await expect(thread).toContainText('remind me at 2 pm to call mom');
    await expect(thread.getByRole('listitem').last()).toContainText(/Assistant: .*call mom/);
    await expect(page.getByText('The assistant replied.')).toBeVisible();

    const serious = await seriousViolations(page);
    expect(serious).toEqual([]);

    await box.fill('STOP');
    await box.press('Enter');
    await expect(thread.getByRole('listitem').last()).toContainText('You are unsubscribed');

    await page.getByRole('banner').getByRole('link', { name: 'Sam' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Texts paused: this number replied STOP. Text START to resume.' })).toBeVisible();
    expect(problems.list()).toEqual([]);
  });
});
