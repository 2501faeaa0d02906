import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, vi } from 'vitest';
import { endSignedInSession, renderApp } from '../../test/render';
import { stubSignedInApi } from '../../test/signedIn';
import { previewDelayMs } from './understanding';

afterEach(() => {
  endSignedInSession();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  // Back online for the next test: TanStack Query keeps the last online or offline event it heard.
  window.dispatchEvent(new Event('online'));
  localStorage.clear();
});

const page = <T,>(items: T[]) => ({ items, page: 1, pageSize: 100, total: items.length });
const conversation = { id: 'c1', title: 'Quick capture', channel: 'web', archived: false, awaitingAnswer: false, createdAt: '2026-11-25T08:00:00Z', updatedAt: '2026-11-25T08:00:00Z' };

/** What the host's engine reads in a few words: the day and time where they are in the text. */
function understood(text: string) {
  const parts = [];
  for (const [words, part, label] of [
    ['tomorrow', 'date', 'tomorrow'],
    ['at 3pm', 'time', '3:00 PM'],
    ['to the grocery list', 'list', 'Groceries'],
  ] as const) {
    const start = text.indexOf(words);
    if (start >= 0) {
      parts.push({ part, label, start, length: words.length });
    }
  }
  return { kind: text.includes('grocery') ? 'list' : 'reminder', title: 'call mom', parts };
}

function host() {
  return stubSignedInApi({
    'GET /api/v1/tasks/next': () => ({ task: null, reasons: [], message: 'Nothing is open.' }),
    'GET /api/v1/tasks': () => page([]),
    'GET /api/v1/events': () => [],
    'GET /api/v1/reminders': () => page([]),
    'POST /api/v1/assistant/understand': ({ body }) => understood((body as { text: string }).text),
    'POST /api/v1/conversations': () => conversation,
    'POST /api/v1/conversations/:id/messages': () =>
      new Response(JSON.stringify({ messageId: 5, conversationId: 'c1' }), { status: 202, headers: { 'Content-Type': 'application/json' } }),
  });
}

const previews = (api: ReturnType<typeof host>) => api.posted().filter((call) => call.path === '/api/v1/assistant/understand').map((call) => call.body);

describe('Quick capture chips', () => {
  it('shows what the assistant understood once typing pauses, asked once for the whole line', async () => {
    const api = host();
    const user = userEvent.setup();
    renderApp('/', { restoreSession: true });

    await user.type(await screen.findByRole('textbox', { name: 'What is on your mind?' }), 'remind me to call mom tomorrow at 3pm');

    const chips = await screen.findByRole('list', { name: 'What the assistant understood' });
    expect(within(chips).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Reminder', 'tomorrow×', '3:00 PM×']);
    expect(within(chips).getByRole('button', { name: 'Remove tomorrow' })).toBeInTheDocument();
    expect(within(chips).getByRole('button', { name: 'Remove 3:00 PM' })).toBeInTheDocument();
    // Not announced at every key: the chips are no live region.
    expect(chips.closest('[aria-live]')).toBeNull();
    expect(previews(api)).toEqual([{ text: 'remind me to call mom tomorrow at 3pm' }]);
  });

  it('takes the words of a dismissed chip out of the box, refreshes the preview and saves the shorter line', async () => {
    const api = host();
    const user = userEvent.setup();
    renderApp('/', { restoreSession: true });
    const box = await screen.findByRole('textbox', { name: 'What is on your mind?' });
    await user.type(box, 'remind me to call mom tomorrow at 3pm');

    await user.click(await screen.findByRole('button', { name: 'Remove tomorrow' }));

    expect(box).toHaveValue('remind me to call mom at 3pm');
    expect(box).toHaveFocus();
    await waitFor(() => {
      expect(screen.queryByRole('button', { name: 'Remove tomorrow' })).not.toBeInTheDocument();
    });
    expect(screen.getByRole('button', { name: 'Remove 3:00 PM' })).toBeInTheDocument();
    expect(previews(api)).toEqual([{ text: 'remind me to call mom tomorrow at 3pm' }, { text: 'remind me to call mom at 3pm' }]);

    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => {
      expect(api.posted().filter((call) => call.path === '/api/v1/conversations/c1/messages').map((call) => call.body)).toEqual([
        { text: 'remind me to call mom at 3pm' },
      ]);
    });
    expect(await screen.findByText(/The assistant is still on it/)).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'What the assistant understood' })).not.toBeInTheDocument();
  });

  it('takes a list out the same way', async () => {
    host();
    const user = userEvent.setup();
    renderApp('/', { restoreSession: true });
    const box = await screen.findByRole('textbox', { name: 'What is on your mind?' });
    await user.type(box, 'add milk to the grocery list');

    const chips = await screen.findByRole('list', { name: 'What the assistant understood' });
    expect(within(chips).getByText('List item')).toBeInTheDocument();
    await user.click(within(chips).getByRole('button', { name: 'Remove Groceries' }));

    expect(box).toHaveValue('add milk');
  });

  it('asks nothing for an empty line, and shows no chips', async () => {
    const api = host();
    const user = userEvent.setup();
    renderApp('/', { restoreSession: true });
    const box = await screen.findByRole('textbox', { name: 'What is on your mind?' });

    await user.type(box, '   ');
    await new Promise((resolve) => setTimeout(resolve, previewDelayMs + 200));

    expect(previews(api)).toEqual([]);
    expect(screen.queryByRole('list', { name: 'What the assistant understood' })).not.toBeInTheDocument();
  });

  it('asks nothing offline: the capture is queued as before', async () => {
    const api = host();
    const user = userEvent.setup();
    renderApp('/', { restoreSession: true });
    const box = await screen.findByRole('textbox', { name: 'What is on your mind?' });
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    act(() => {
      window.dispatchEvent(new Event('offline'));
    });

    await user.type(box, 'call mom tomorrow');
    await new Promise((resolve) => setTimeout(resolve, previewDelayMs + 200));

    expect(previews(api)).toEqual([]);
    expect(screen.queryByRole('list', { name: 'What the assistant understood' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('call mom tomorrow')).toBeInTheDocument();
    expect(api.posted().filter((call) => call.path.startsWith('/api/v1/conversations'))).toEqual([]);
  });

  it('stays quiet when the preview fails: no chips and no error', async () => {
    const user = userEvent.setup();
    const failing = stubSignedInApi({
      'GET /api/v1/tasks/next': () => ({ task: null, reasons: [], message: 'Nothing is open.' }),
      'GET /api/v1/tasks': () => page([]),
      'GET /api/v1/events': () => [],
      'GET /api/v1/reminders': () => page([]),
      'POST /api/v1/assistant/understand': () => new Response(JSON.stringify({ title: 'Oops', status: 500 }), { status: 500, headers: { 'Content-Type': 'application/problem+json' } }),
    });
    renderApp('/', { restoreSession: true });

    await user.type(await screen.findByRole('textbox', { name: 'What is on your mind?' }), 'call mom tomorrow');
    await waitFor(() => {
      expect(failing.posted().some((call) => call.path === '/api/v1/assistant/understand')).toBe(true);
    });

    expect(screen.queryByRole('list', { name: 'What the assistant understood' })).not.toBeInTheDocument();
    expect(screen.getByRole('alert')).toBeEmptyDOMElement();
  });

  it('shows no chips, and no error, when the preview is over the limit (429), even after earlier chips', async () => {
    const user = userEvent.setup();
    const limited = stubSignedInApi({
      'GET /api/v1/tasks/next': () => ({ task: null, reasons: [], message: 'Nothing is open.' }),
      'GET /api/v1/tasks': () => page([]),
      'GET /api/v1/events': () => [],
      'GET /api/v1/reminders': () => page([]),
      // Over the limit by the time the person types on.
      'POST /api/v1/assistant/understand': ({ body }) =>
        !(body as { text: string }).text.includes('3pm')
          ? understood((body as { text: string }).text)
          : new Response(JSON.stringify({ title: 'Too many requests', detail: 'Too many attempts. Try again in 42 seconds.', status: 429 }), {
              status: 429,
              headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '42' },
            }),
    });
    renderApp('/', { restoreSession: true });
    const box = await screen.findByRole('textbox', { name: 'What is on your mind?' });
    await user.type(box, 'call mom tomorrow');
    expect(await screen.findByRole('button', { name: 'Remove tomorrow' })).toBeInTheDocument();

    await user.type(box, ' at 3pm');
    await waitFor(() => {
      expect(previews(limited)).toContainEqual({ text: 'call mom tomorrow at 3pm' });
    });

    await waitFor(() => {
      expect(screen.queryByRole('list', { name: 'What the assistant understood' })).not.toBeInTheDocument();
    });
    expect(screen.getByRole('alert')).toBeEmptyDOMElement();
    expect(screen.queryByText(/Try again/)).not.toBeInTheDocument();
  });
});

describe('Quick capture checks', () => {
  const sent = (api: ReturnType<typeof host>) => api.posted().filter((call) => call.path.startsWith('/api/v1/conversations'));

  it('says a line is too long beside the box, without sending it', async () => {
    const api = host();
    const user = userEvent.setup();
    renderApp('/', { restoreSession: true });
    const box = await screen.findByRole('textbox', { name: 'What is on your mind?' });

    await user.click(box);
    await user.paste('a'.repeat(4001));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('A little long: 4000 characters at most.')).toBeInTheDocument();
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(box).toHaveFocus();
    expect(sent(api)).toEqual([]);
  });

  it('puts the field error the host gave beside the box and keeps the line', async () => {
    stubSignedInApi({
      'GET /api/v1/tasks/next': () => ({ task: null, reasons: [], message: 'Nothing is open.' }),
      'GET /api/v1/tasks': () => page([]),
      'GET /api/v1/events': () => [],
      'GET /api/v1/reminders': () => page([]),
      'POST /api/v1/assistant/understand': ({ body }) => understood((body as { text: string }).text),
      'POST /api/v1/conversations': () => conversation,
      'POST /api/v1/conversations/:id/messages': () =>
        new Response(JSON.stringify({ title: 'One or more validation errors occurred.', status: 400, errors: { Text: ['Say it in fewer words, please.'] } }), {
          status: 400,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
    });
    const user = userEvent.setup();
    renderApp('/', { restoreSession: true });
    const box = await screen.findByRole('textbox', { name: 'What is on your mind?' });

    await user.type(box, 'call mom tomorrow');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Say it in fewer words, please.')).toBeInTheDocument();
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(box).toHaveValue('call mom tomorrow');
    expect(screen.getByRole('alert')).toBeEmptyDOMElement();
  });
});
