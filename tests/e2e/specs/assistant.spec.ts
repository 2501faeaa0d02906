import { expect, seriousViolations, signUp, test } from './fixtures';

const password = 'maple orbit lantern 47';

test.describe('assistant', () => {
  test('a message is answered over the hub, what it did is shown, and Undo takes it back', async ({ page, problems }) => {
    // A new account lands on its day; these steps start from Settings.
    await signUp(page, { name: 'Sam', emailPrefix: 'e2e-chat', password, then: 'settings' });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Assistant' })).toBeVisible();
    await expect(page.getByText('What is on your mind? One line is enough.')).toBeVisible();

    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('call mom tomorrow at 3pm');
    await box.press('Enter');

    // The reply arrives through the SignalR hub (202 from the POST), not from the POST's answer.
    const messages = page.getByRole('list', { name: 'Messages' });
    await expect(messages).toContainText('call mom tomorrow at 3pm');
    await expect(messages).toContainText('Got it: call mom');
    // The Undo button stands beside the reply; the words for SMS ("Reply UNDO") are not shown on the web.
    await expect(messages).not.toContainText('UNDO');
    await expect(page.getByRole('list', { name: 'What the assistant did' })).toBeVisible();
    await expect(box).toHaveValue('');

    // The conversation is named by its first message.
    const conversations = page.getByRole('region', { name: 'Conversations' });
    await expect(conversations.getByRole('button', { name: /call mom tomorrow at 3pm/ })).toBeVisible();

    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(messages).toContainText('Undone: call mom');

    const serious = await seriousViolations(page);
    expect(serious).toEqual([]);
    expect(problems.list()).toEqual([]);
  });
});
