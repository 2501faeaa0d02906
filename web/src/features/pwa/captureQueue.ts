import { useSyncExternalStore } from 'react';
import { storageSignal } from '../../ui/storageSignal';

/**
 * Quick captures typed while offline, kept on this device per person (localStorage) until they are sent: in the
 * order typed, each once. Only the person's own session sends them (the key holds their id).
 */
export interface QueuedCapture {
  id: string;
  text: string;
  at: string;
}

const storageKey = (userId: string) => `pa.captureQueue.${userId}`;
const { notify, subscribe } = storageSignal();
const snapshots = new Map<string, { raw: string | null; items: readonly QueuedCapture[] }>();
const none: readonly QueuedCapture[] = [];

function read(userId: string): readonly QueuedCapture[] {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(storageKey(userId));
  } catch {
    return none;
  }
  const known = snapshots.get(userId);
  if (known?.raw === raw) {
    return known.items;
  }
  let items: readonly QueuedCapture[] = none;
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    items = Array.isArray(parsed) ? (parsed as QueuedCapture[]).filter((item) => typeof item.id === 'string' && typeof item.text === 'string') : none;
  } catch {
    items = none;
  }
  snapshots.set(userId, { raw, items });
  return items;
}

function write(userId: string, items: readonly QueuedCapture[]) {
  try {
    if (items.length === 0) {
      localStorage.removeItem(storageKey(userId));
    } else {
      localStorage.setItem(storageKey(userId), JSON.stringify(items));
    }
  } catch {
    // Storage full or refused: the capture stays only in memory for this page.
  }
  notify();
}

export function queuedCaptures(userId: string): readonly QueuedCapture[] {
  return read(userId);
}

export function enqueueCapture(userId: string, text: string): QueuedCapture {
  const item = { id: crypto.randomUUID(), text, at: new Date().toISOString() };
  write(userId, [...read(userId), item]);
  return item;
}

function remove(userId: string, id: string) {
  write(
    userId,
    read(userId).filter((item) => item.id !== id),
  );
}


export function useQueuedCaptures(userId: string | null): readonly QueuedCapture[] {
  return useSyncExternalStore(
    subscribe,
    () => (userId ? read(userId) : none),
    () => none,
  );
}

let draining: Promise<number> | null = null;
let lastSent = 0;

/** How many queued captures the last round sent (0 until one sends something, and after {@link forgetLastSent}). */
export function useLastSent(): number {
  return useSyncExternalStore(subscribe, () => lastSent, () => 0);
}

export function forgetLastSent(): void {
  lastSent = 0;
  notify();
}

/**
 * Sends what waits, oldest first, one at a time; stops at the first failure that `keep` says is worth retrying
 * (no network), drops one the server refuses for good. One sender at a time, across tabs too (Web Locks), and each
 * capture leaves the queue as soon as the server has it. Resolves with how many were sent.
 */
export function sendQueuedCaptures(
  userId: string,
  send: (text: string) => Promise<unknown>,
  keep: (failure: unknown) => boolean,
): Promise<number> {
  draining ??= withQueueLock(async () => {
    let sent = 0;
    for (let next = read(userId)[0]; next; next = read(userId)[0]) {
      try {
        await send(next.text);
        sent += 1;
      } catch (failure) {
        if (keep(failure)) {
          break;
        }
      }
      remove(userId, next.id);
    }
    if (sent > 0) {
      lastSent = sent;
      notify();
    }
    return sent;
  }).finally(() => {
    draining = null;
  });
  return draining;
}

async function withQueueLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? locks.request('pa-capture-queue', work) : work();
}
