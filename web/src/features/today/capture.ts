import { ApiProblem, api, unwrap } from '../../api/client';
import type { Message } from '../assistant/hub';

/** How long to wait for the assistant's answer before saying it will be in the chat. */
const waitSeconds = 15;

/**
 * Captures go to one conversation of their own ("Quick capture"), so they neither interrupt the chat's current
 * conversation (a question it is waiting on) nor add a new conversation per line. Its id is kept on this device.
 */
const conversationStorageKey = (userId: string) => `pa.captureConversation.${userId}`;

function storedConversation(userId: string): string | null {
  try {
    return localStorage.getItem(conversationStorageKey(userId));
  } catch {
    return null;
  }
}

function storeConversation(userId: string, id: string | null) {
  try {
    if (id) {
      localStorage.setItem(conversationStorageKey(userId), id);
    } else {
      localStorage.removeItem(conversationStorageKey(userId));
    }
  } catch {
    // Private browsing: a new capture conversation next visit.
  }
}

export type Said = { reply: Message | null; conversationId: string };

async function conversation(userId: string, title: string): Promise<string> {
  const known = storedConversation(userId);
  if (known) {
    return known;
  }
  const created = await unwrap(api.POST('/api/v1/conversations', { body: { title } }));
  storeConversation(userId, created.id);
  return created.id;
}

/** Says `words` in the conversation and waits a little for the assistant's answer. */
export async function say(words: string, conversationId: string): Promise<Said> {
  const result = await unwrap(
    api.POST('/api/v1/conversations/{id}/messages', {
      params: { path: { id: conversationId } },
      body: { text: words },
      headers: { Prefer: `wait=${String(waitSeconds)}` },
    }),
  );
  return { reply: 'reply' in result ? result.reply : null, conversationId };
}

/** Sends one capture to the person's capture conversation (`title` names it when it has to be created). */
export async function sendCapture(userId: string, words: string, title: string): Promise<Said> {
  const id = await conversation(userId, title);
  try {
    return await say(words, id);
  } catch (failure) {
    // The capture conversation was deleted (by the person, or by retention): start a new one once.
    if (failure instanceof ApiProblem && failure.status === 404) {
      storeConversation(userId, null);
      return say(words, await conversation(userId, title));
    }
    throw failure;
  }
}

/** A failure that says nothing about the capture itself: no network, or the host not reachable. Worth keeping it. */
export function isUnreachable(failure: unknown): boolean {
  return !(failure instanceof ApiProblem) || failure.status >= 500 || failure.status === 408 || failure.status === 429;
}
