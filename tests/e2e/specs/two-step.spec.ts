import { accessibleInEveryLook, confirmEmail, expect, lastMessageTo, signUp, test, totp } from './fixtures';

const password = 'copper meadow signal 62';

test.describe('Two-step sign-in in Settings', () => {
  test('an authenticator app, new recovery codes, turning it off, then codes by text message', async ({ page, request, problems }) => {
    // Six screens checked in four looks each, on a shared machine.
    test.setTimeout(240_000);
    const { email } = await signUp(page, { emailPrefix: 'e2e-twostep', password });
    await page.goto('/settings');
    const section = page.getByRole('region', { name: 'Two-step sign-in' });
    await expect(section.getByText('Off.', { exact: true })).toBeVisible();
    await expect(section.getByText('Codes by text message need a confirmed phone number first.')).toBeVisible();
    await section.scrollIntoViewIfNeeded();
    await accessibleInEveryLook(page, 'two-step-off');

    // The authenticator app: the test computes the code from the key shown for typing in by hand.
    await section.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await expect(section.getByRole('img', { name: 'QR code to scan with an authenticator app' })).toBeVisible();
    const secret = (await section.locator('code').textContent()) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    await accessibleInEveryLook(page, 'two-step-totp-setup');
    await section.getByLabel('6-digit code').fill(totp(secret));
    await section.getByRole('button', { name: 'Turn on' }).click();
    await expect(section.getByText('Your authenticator app is on.')).toBeVisible();
    await expect(section.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')).toHaveCount(10);
    await expect(section.getByText('On. 10 recovery codes left.')).toBeVisible();
    await expect(section.getByText('Authenticator app: on')).toBeVisible();
    await accessibleInEveryLook(page, 'two-step-recovery-codes');
    await section.getByRole('button', { name: 'I kept them' }).click();
    await expect(section.getByRole('list', { name: 'Recovery codes' })).toHaveCount(0);

    // New recovery codes need a fresh code: the one after (the server takes the next period too, never one used).
    await section.getByRole('button', { name: 'Make new recovery codes' }).click();
    await accessibleInEveryLook(page, 'two-step-new-codes');
    await section.getByLabel('6-digit code').fill(totp(secret, 1));
    await section.getByRole('button', { name: 'Make new codes' }).click();
    await expect(section.getByText('Here are your new recovery codes. The old ones no longer work.')).toBeVisible();
    const fresh = await section.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allTextContents();
    expect(fresh).toHaveLength(10);

    // Turning it off: the password and one of the new recovery codes.
    await section.getByRole('button', { name: 'Turn off two-step sign-in' }).click();
    const off = section.locator('form');
    await off.getByLabel('Password').fill(password);
    await off.getByRole('radio', { name: 'Recovery code' }).check();
    await off.getByRole('textbox', { name: 'Recovery code' }).fill(fresh[0] ?? '');
    await accessibleInEveryLook(page, 'two-step-turn-off');
    await off.getByRole('button', { name: 'Turn it off' }).click();
    await expect(section.getByText('Two-step sign-in is off. Your password alone signs you in now.')).toBeVisible();
    await expect(section.getByText('Off.', { exact: true })).toBeVisible();

    // Codes by text message need a confirmed number (which needs a confirmed email); the codes are read from the outbox.
    await confirmEmail(request, email);
    const number = `+1514556${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`;
    await page.getByLabel('Add a number').fill(number);
    await page.getByRole('region', { name: 'Phone numbers' }).getByRole('button', { name: 'Text me a code' }).click();
    await expect(page.getByText('We texted a code to that number.')).toBeVisible();
    const phoneCode = /\b(\d{6})\b/.exec(await lastMessageTo(request, number, 'sms'))?.[1];
    await page.getByLabel('Code from the text message').fill(phoneCode ?? '');
    await page.getByRole('region', { name: 'Phone numbers' }).getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByText('Main number')).toBeVisible();

    await section.getByRole('button', { name: 'Get codes by text message' }).click();
    const before = await lastMessageTo(request, number, 'sms');
    await section.getByRole('button', { name: 'Text me a code' }).click();
    await expect(section.getByText('We texted a code to your main number.')).toBeVisible();
    let smsCode = '';
    await expect
      .poll(async () => {
        const body = await lastMessageTo(request, number, 'sms');
        smsCode = body === before ? '' : (/\b(\d{6})\b/.exec(body)?.[1] ?? '');
        return smsCode;
      })
      .not.toBe('');
    await accessibleInEveryLook(page, 'two-step-sms');
    await section.getByLabel('6-digit code').fill(smsCode);
    await section.getByRole('button', { name: 'Turn on' }).click();
    await expect(section.getByText('Codes by text message are on.')).toBeVisible();
    await expect(section.getByText('Codes by text message: on')).toBeVisible();
    await expect(section.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')).toHaveCount(10);
    expect(problems.list()).toEqual([]);
  });
});
