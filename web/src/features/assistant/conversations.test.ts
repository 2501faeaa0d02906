import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { inOrder, messagesQuery, seedEmptyConversation, showMessage } from './conversations';
import type { Message } from './hub';

function message(id: string, role: 'user' | 'assistant', replyTo: string | null = null): Message {
  return { id, conversationId: 'c1', role, channel: 'web', text: id, replyTo, actions: [], createdAt: '2026-12-06T10:00:00Z' };
}

describe('showMessage', () => {
  it('puts a message at the end of its conversation', async () => {
    const client = new QueryClient();
    seedEmptyConversation(client, 'c1');

    await showMessage(client, message('m1', 'user'));
    await showMessage(client, message('r1', 'assistant', 'm1'));

    expect(inOrder(client.getQueryData(messagesQuery('c1').queryKey)).map((m) => m.id)).toEqual(['m1', 'r1']);
  });

  it('puts the person’s message before its reply when the reply arrived first', async () => {
    const client = new QueryClient();
    seedEmptyConversation(client, 'c1');

    await showMessage(client, message('r1', 'assistant', 'm1'));
    await showMessage(client, message('m1', 'user'));
    await showMessage(client, message('m1', 'user')); // known already: not twice

    expect(inOrder(client.getQueryData(messagesQuery('c1').queryKey)).map((m) => m.id)).toEqual(['m1', 'r1']);
  });
});
