import { QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { createQueryClient } from '../../api/queryClient';
import { I18nProvider } from '../../i18n';
import { jsonResponse } from '../../test/render';
import { AssistantPage } from './AssistantPage';
import type { AssistantConnection, Conversation, Message } from './hub';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Stands in for the SignalR connection: the page subscribes through it, the test plays the server's events. */
class FakeHub implements AssistantConnection {
  private readonly handlers = new Map<string, Set<(payload: never) => void>>();
  started = false;

  on(event: string, handler: (payload: never) => void) {
    const set = this.handlers.get(event) ?? new Set();
    set.add(handler);
    this.handlers.set(event, set);
  }

  off(event: string, handler: (payload: never) => void) {
    this.handlers.get(event)?.delete(handler);
  }

  start() {
    this.started = true;
    return Promise.resolve();
  }

  stop() {
    this.started = false;
    return Promise.resolve();
  }

  emit(event: string, payload: unknown) {
    act(() => {
      for (const handler of this.handlers.get(event) ?? []) {
        (handler as (value: unknown) => void)(payload);
      }
    });
  }
}

const groceries: Conversation = {
  id: '0193a000-0000-7000-8000-0000000000c1',
  title: 'Groceries',
  channel: 'web',
  archived: false,
  awaitingAnswer: false,
  createdAt: '2026-11-25T10:00:00Z',
  updatedAt: '2026-11-25T10:00:00Z',
};

function message(id: number, role: 'user' | 'assistant', text: string, extra: Partial<Message> = {}): Message {
  return {
    id,
    conversationId: groceries.id,
    role,
    channel: 'web',
    text,
    replyTo: null,
    actions: [],
    createdAt: '2026-11-25T10:00:00Z',
    ...extra,
  };
}

interface Posted {
  path: string;
  body: unknown;
}

/**
 * An in-memory host: conversations (current or archived), messages in pages of two (newest page first), every POST
 * it received, and every PATCH and DELETE of a conversation (`changes`).
 */
function fakeHost({
  conversations = [] as Conversation[],
  messages = [] as Message[],
  onSend = undefined as ((text: string) => Response | undefined) | undefined,
  onChange = undefined as ((change: Partial<Conversation>) => Response | undefined) | undefined,
} = {}) {
  const posted: Posted[] = [];
  const changes: { method: string; path: string; body: unknown }[] = [];
  let nextId = 100;
  const fetchMock = vi.fn(async (request: Request) => {
    const url = new URL(request.url);
    const path = url.pathname;
    const thread = /^\/api\/v1\/conversations\/([^/]+)\/messages$/.exec(path);
    const one = /^\/api\/v1\/conversations\/([^/]+)$/.exec(path);
    if (request.method === 'GET' && path === '/api/v1/conversations') {
      const archived = url.searchParams.get('archived') === 'true';
      const items = conversations.filter((conversation) => conversation.archived === archived);
      return jsonResponse({ items, page: 1, pageSize: 50, total: items.length });
    }
    if (request.method === 'DELETE' && one) {
      changes.push({ method: 'DELETE', path, body: null });
      conversations = conversations.filter((conversation) => conversation.id !== one[1]);
      return new Response(null, { status: 204 });
    }
    if (request.method === 'PATCH' && one) {
      const change = (await request.json()) as Partial<Conversation>;
      const refused = onChange?.(change);
      if (refused) {
        return refused;
      }
      changes.push({ method: 'PATCH', path, body: change });
      conversations = conversations.map((conversation) => (conversation.id === one[1] ? { ...conversation, ...change } : conversation));
      return jsonResponse(conversations.find((conversation) => conversation.id === one[1]));
    }
    if (request.method === 'GET' && thread) {
      const before = url.searchParams.get('before');
      const older = messages.filter((m) => m.conversationId === thread[1] && (before === null || Number(m.id) < Number(before)));
      const page = older.slice(-2);
      const first = page[0];
      return jsonResponse({ items: page, nextBefore: older.length > page.length && first ? first.id : null });
    }
    const body: unknown = await request.json();
    posted.push({ path, body });
    if (path === '/api/v1/conversations') {
      const created = { ...groceries, id: '0193a000-0000-7000-8000-0000000000c2', title: null };
      conversations = [created, ...conversations];
      return jsonResponse(created, 201);
    }
    if (thread?.[1]) {
      const text = (body as { text: string }).text;
      const refused = onSend?.(text);
      if (refused) {
        return refused;
      }
      const id = nextId++;
      messages.push(message(id, 'user', text, { conversationId: thread[1] }));
      return jsonResponse({ messageId: id, conversationId: thread[1] }, 202);
    }
    return jsonResponse({ title: 'Not found', status: 404 }, 404, 'application/problem+json');
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    posted,
    changes,
    fetchMock,
    /** What the host stores at the end of a turn (the page reads it again after turnCompleted). */
    store(reply: Message) {
      messages.push(reply);
    },
    messageReads: () => fetchMock.mock.calls.filter(([request]) => request.method === 'GET' && request.url.includes('/messages')).length,
  };
}

function renderPage(hub = new FakeHub()) {
  render(
    <QueryClientProvider client={createQueryClient({ queries: { retryDelay: 0 } })}>
      <I18nProvider language="en">
        <AssistantPage connect={() => hub} />
      </I18nProvider>
    </QueryClientProvider>,
  );
  return hub;
}

describe('AssistantPage', () => {
  it('greets a first visit with examples that fill the message box', async () => {
    fakeHost();
    renderPage();

    expect(await screen.findByText('No conversations yet.')).toBeInTheDocument();
    expect(screen.getByText('What is on your mind? One line is enough.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'add milk and eggs to the grocery list' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'remember that my sister is Julie' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'call mom tomorrow at 3pm' }));

    const box = screen.getByRole('textbox', { name: 'Message' });
    expect(box).toHaveValue('call mom tomorrow at 3pm');
    expect(box).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Send' })).toBeEnabled();
  });

  it('sends with Enter: starts the conversation, posts the message, shows it and keeps the focus', async () => {
    const host = fakeHost();
    renderPage();
    await screen.findByText('No conversations yet.');

    const box = screen.getByRole('textbox', { name: 'Message' });
    await userEvent.type(box, 'call mom{Shift>}{Enter}{/Shift}tomorrow at 3pm{Enter}');

    const messages = await screen.findByRole('list', { name: 'Messages' });
    expect(await within(messages).findByText(/call mom\s+tomorrow at 3pm/)).toBeInTheDocument();
    expect(host.posted).toEqual([
      { path: '/api/v1/conversations', body: {} },
      { path: '/api/v1/conversations/0193a000-0000-7000-8000-0000000000c2/messages', body: { text: 'call mom\ntomorrow at 3pm' } },
    ]);
    expect(box).toHaveValue('');
    expect(box).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent('Thinking…');
  });

  it('streams the reply, then shows the stored one with its action chips and offers undo', async () => {
    const host = fakeHost({ conversations: [groceries] });
    const hub = renderPage();
    await userEvent.click(await screen.findByRole('button', { name: /Groceries/ }));
    await waitFor(() => {
      expect(hub.started).toBe(true);
    });

    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'add milk and eggs to the grocery list');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    const list = await screen.findByRole('list', { name: 'Messages' });
    expect(await within(list).findByText('add milk and eggs to the grocery list')).toBeInTheDocument();

    hub.emit('turnStarted', { conversationId: groceries.id, messageId: 100 });
    hub.emit('textDelta', { conversationId: groceries.id, messageId: 100, text: 'Added to ' });
    hub.emit('textDelta', { conversationId: groceries.id, messageId: 100, text: 'your list' });
    expect(within(list).getByText('Added to your list')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Thinking…');

    const readsBefore = host.messageReads();
    const reply = message(101, 'assistant', 'Added to your list:\n- **milk**\n- eggs\n- bread\nReply UNDO to cancel.', {
      replyTo: 100,
      actions: ['milk', 'eggs', 'bread'].map((summary, index) => ({ kind: 'list-item.added', summary, entityId: `0193a000-0000-7000-8000-00000000000${index}` })),
    });
    host.store(reply);
    hub.emit('turnCompleted', reply);

    const chips = await within(list).findByRole('list', { name: 'What the assistant did' });
    expect(within(chips).getAllByRole('listitem').map((chip) => chip.textContent)).toEqual(['milk', 'eggs', 'bread']);
    expect(within(list).getByText('milk', { selector: 'strong' })).toBeInTheDocument();
    expect(within(list).queryByText('Added to your list')).not.toBeInTheDocument();
    expect(screen.getByRole('status')).not.toHaveTextContent('Thinking…');
    await waitFor(() => {
      expect(host.messageReads()).toBeGreaterThan(readsBefore);
    });

    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => {
      expect(host.posted.at(-1)).toEqual({ path: `/api/v1/conversations/${groceries.id}/messages`, body: { text: 'undo' } });
    });
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveFocus();
  });

  it('shows the problem the host gave and puts the words back in the box', async () => {
    fakeHost({
      conversations: [groceries],
      messages: [message(1, 'user', 'hi'), message(2, 'assistant', 'Hi! What is on your mind?', { replyTo: 1 })],
      onSend: () =>
        jsonResponse(
          { title: 'Too Many Requests', status: 429, detail: 'That is a lot of messages at once. Give it a minute.' },
          429,
          'application/problem+json',
        ),
    });
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: /Groceries/ }));
    await screen.findByText('Hi! What is on your mind?');

    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'dentist thu 2:30{Enter}');

    expect(await screen.findByRole('alert')).toHaveTextContent('That is a lot of messages at once. Give it a minute.');
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveValue('dentist thu 2:30');
    expect(screen.getByRole('status')).not.toHaveTextContent('Thinking…');
  });

  it('says a message is too long beside the box, without sending it', async () => {
    const host = fakeHost({ conversations: [groceries] });
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: /Groceries/ }));

    const box = screen.getByRole('textbox', { name: 'Message' });
    await userEvent.click(box);
    await userEvent.paste('a'.repeat(4001));
    await userEvent.keyboard('{Enter}');

    expect(await screen.findByText('A little long: 4000 characters at most.')).toBeInTheDocument();
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(box).toHaveFocus();
    expect(host.posted).toEqual([]);
  });

  it('puts the field error the host gave beside the box and keeps the words', async () => {
    fakeHost({
      conversations: [groceries],
      onSend: () =>
        jsonResponse(
          { title: 'One or more validation errors occurred.', status: 400, errors: { Text: ['Say it in fewer words, please.'] } },
          400,
          'application/problem+json',
        ),
    });
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: /Groceries/ }));

    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'dentist thu 2:30{Enter}');

    expect(await screen.findByText('Say it in fewer words, please.')).toBeInTheDocument();
    const box = screen.getByRole('textbox', { name: 'Message' });
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(box).toHaveValue('dentist thu 2:30');
    expect(screen.getByRole('alert')).toHaveTextContent('');
  });

  it('loads older messages above the newest page', async () => {
    fakeHost({
      conversations: [groceries],
      messages: [message(1, 'user', 'first'), message(2, 'assistant', 'second'), message(3, 'user', 'third'), message(4, 'assistant', 'fourth')],
    });
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: /Groceries/ }));
    const list = await screen.findByRole('list', { name: 'Messages' });
    await within(list).findByText('fourth');
    expect(within(list).queryByText('first')).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Load older messages' }));

    await within(list).findByText('first');
    const texts = within(list)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(texts.map((text) => /first|second|third|fourth/.exec(text)?.[0])).toEqual(['first', 'second', 'third', 'fourth']);
    expect(screen.queryByRole('button', { name: 'Load older messages' })).not.toBeInTheDocument();
  });

  it('renames the open conversation in place: Escape cancels, Enter saves, and the focus comes back', async () => {
    const host = fakeHost({ conversations: [groceries] });
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: /Groceries/ }));
    const rename = await screen.findByRole('button', { name: 'Rename' });

    await userEvent.click(rename);
    const title = screen.getByRole('textbox', { name: 'Conversation title' });
    expect(title).toHaveFocus();
    expect(title).toHaveValue('Groceries');
    await userEvent.type(title, ' list{Escape}');
    expect(screen.getByRole('heading', { level: 2, name: 'Groceries' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Rename' })).toHaveFocus();

    await userEvent.click(screen.getByRole('button', { name: 'Rename' }));
    await userEvent.clear(screen.getByRole('textbox', { name: 'Conversation title' }));
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByText('Please fill this in.')).toBeInTheDocument();
    expect(host.changes).toEqual([]);

    await userEvent.type(screen.getByRole('textbox', { name: 'Conversation title' }), 'Weekly shop{Enter}');

    expect(await screen.findByRole('heading', { level: 2, name: 'Weekly shop' })).toBeInTheDocument();
    expect(host.changes).toEqual([{ method: 'PATCH', path: `/api/v1/conversations/${groceries.id}`, body: { title: 'Weekly shop' } }]);
    expect(screen.getByRole('status')).toHaveTextContent('Renamed: Weekly shop.');
    expect(screen.getByRole('button', { name: 'Rename' })).toHaveFocus();
    const list = screen.getByRole('region', { name: 'Conversations' });
    expect(within(list).getByRole('button', { name: /Weekly shop/ })).toBeInTheDocument();
  });

  it('puts the field error the host gave beside the title and keeps the form open', async () => {
    fakeHost({
      conversations: [groceries],
      onChange: () =>
        jsonResponse(
          { title: 'One or more validation errors occurred.', status: 400, errors: { Title: ['A little long: 120 characters at most.'] } },
          400,
          'application/problem+json',
        ),
    });
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: /Groceries/ }));
    await userEvent.click(await screen.findByRole('button', { name: 'Rename' }));

    await userEvent.type(screen.getByRole('textbox', { name: 'Conversation title' }), ' for the week{Enter}');

    expect(await screen.findByText('A little long: 120 characters at most.')).toBeInTheDocument();
    const title = screen.getByRole('textbox', { name: 'Conversation title' });
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(title).toHaveValue('Groceries for the week');
    expect(title).toHaveFocus();
  });

  it('archives the open conversation for a fresh one, shows it under Archived, and brings it back', async () => {
    const host = fakeHost({ conversations: [groceries] });
    renderPage();
    const list = await screen.findByRole('region', { name: 'Conversations' });
    await userEvent.click(await within(list).findByRole('button', { name: /Groceries/ }));

    await userEvent.click(await screen.findByRole('button', { name: 'Archive' }));

    await waitFor(() => {
      expect(screen.getByRole('status')).toHaveTextContent('Archived: Groceries. You will find it under Archived.');
    });
    expect(host.changes).toEqual([{ method: 'PATCH', path: `/api/v1/conversations/${groceries.id}`, body: { archived: true } }]);
    expect(screen.getByRole('heading', { level: 2, name: 'New conversation' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveFocus();
    expect(await within(list).findByText('No conversations yet.')).toBeInTheDocument();

    await userEvent.click(within(list).getByRole('button', { name: 'Archived' }));
    expect(within(list).getByRole('button', { name: 'Archived' })).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(await within(list).findByRole('button', { name: /Groceries/ }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Groceries' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Unarchive' }));

    await waitFor(() => {
      expect(screen.getByRole('status')).toHaveTextContent('Groceries is back with your current conversations.');
    });
    expect(host.changes.at(-1)).toEqual({ method: 'PATCH', path: `/api/v1/conversations/${groceries.id}`, body: { archived: false } });
    expect(screen.getByRole('button', { name: 'Archive' })).toHaveFocus();
    expect(await within(list).findByText('No archived conversations.')).toBeInTheDocument();
  });

  it('deletes the open conversation only after a confirmation naming it', async () => {
    const host = fakeHost({ conversations: [groceries] });
    renderPage();
    const list = await screen.findByRole('region', { name: 'Conversations' });
    await userEvent.click(await within(list).findByRole('button', { name: /Groceries/ }));
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);

    await userEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    expect(confirm).toHaveBeenLastCalledWith('Delete the conversation “Groceries” and all its messages?');
    expect(host.changes).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));

    await waitFor(() => {
      expect(screen.getByRole('status')).toHaveTextContent('Deleted: Groceries.');
    });
    expect(host.changes).toEqual([{ method: 'DELETE', path: `/api/v1/conversations/${groceries.id}`, body: null }]);
    expect(screen.getByRole('heading', { level: 2, name: 'New conversation' })).toBeInTheDocument();
    expect(await within(list).findByText('No conversations yet.')).toBeInTheDocument();
    confirm.mockRestore();
  });

  it('names a conversation without a title by where and when it started', async () => {
    fakeHost({
      conversations: [
        { ...groceries, id: '0193a000-0000-7000-8000-0000000000c3', title: null, channel: 'sms' },
        { ...groceries, id: '0193a000-0000-7000-8000-0000000000c4', title: null },
      ],
    });
    renderPage();
    const list = await screen.findByRole('region', { name: 'Conversations' });

    expect(await within(list).findByRole('button', { name: /Text messages from November 25, 2026/ })).toBeInTheDocument();
    await userEvent.click(within(list).getByRole('button', { name: /Conversation from November 25, 2026/ }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Conversation from November 25, 2026' })).toBeInTheDocument();
  });
});
