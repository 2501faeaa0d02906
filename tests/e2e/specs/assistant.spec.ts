import { accessibleInEveryLook, expect, seriousViolations, signUp, test } from './fixtures';

const password = 'maple orbit lantern 47';

test.describe('assistant', () => {
  test('a message is answered over the hub, what it did is shown, Undo takes it back, and the conversation is renamed, archived and deleted', async ({ page, problems }) => {
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

    // Renamed in place: Escape leaves the title as it was, Enter saves the new one.
    await page.getByRole('button', { name: 'Rename' }).click();
    const title = page.getByRole('textbox', { name: 'Conversation title' });
    await expect(title).toBeFocused();
    await accessibleInEveryLook(page, 'assistant-rename');
    await title.press('Escape');
    await expect(page.getByRole('heading', { level: 2, name: 'call mom tomorrow at 3pm' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Rename' })).toBeFocused();
    await page.getByRole('button', { name: 'Rename' }).click();
    await title.fill('Calls to make');
    await title.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: 'Calls to make' })).toBeVisible();
    await expect(page.getByText('Renamed: Calls to make.')).toBeVisible();
    await expect(conversations.getByRole('button', { name: /Calls to make/ })).toBeVisible();

    // Archived: a fresh conversation takes its place, and it waits under Archived.
    await page.getByRole('button', { name: 'Archive', exact: true }).click();
    await expect(page.getByText('Archived: Calls to make. You will find it under Archived.')).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'New conversation' })).toBeVisible();
    await expect(conversations.getByText('No conversations yet.')).toBeVisible();
    await conversations.getByRole('button', { name: 'Archived' }).click();
    await conversations.getByRole('button', { name: /Calls to make/ }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Calls to make' })).toBeVisible();
    await expect(messages).toContainText('Undone: call mom');
    await accessibleInEveryLook(page, 'assistant-archived');

    // Deleted after a confirmation that names it.
    page.once('dialog', (dialog) => {
      expect(dialog.message()).toBe('Delete the conversation “Calls to make” and all its messages?');
      void dialog.accept();
    });
    await page.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByText('Deleted: Calls to make.')).toBeVisible();
    await expect(conversations.getByText('No archived conversations.')).toBeVisible();

    const serious = await seriousViolations(page);
    expect(serious).toEqual([]);
    expect(problems.list()).toEqual([]);
  });
});
