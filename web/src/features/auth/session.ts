import { api } from '../../api/client';

/**
 * The signed-in session, kept in memory only: the access token never touches localStorage, sessionStorage or a
 * cookie readable by script. The refresh token lives in an httpOnly cookie the browser sends to
 * /api/v1/auth/refresh and nowhere else. A reused refresh token ends the whole session on the server, so refreshes
 * are serialised: one in flight per tab, and one at a time across tabs through the Web Locks API.
 */
let accessToken: string | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let inFlight: Promise<RefreshOutcome> | null = null;
const listeners = new Set<() => void>();

export interface IssuedTokens {
  accessToken: string;
  expiresIn: number;
}

export function currentAccessToken(): string | null {
  return accessToken;
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Keeps new tokens and schedules a quiet refresh a minute before they expire. */
export function acceptTokens(tokens: IssuedTokens | null): void {
  accessToken = tokens?.accessToken ?? null;
  clearTimeout(refreshTimer);
  if (tokens) {
    const delay = Math.max(5, tokens.expiresIn - 60) * 1000;
    refreshTimer = setTimeout(() => {
      void refreshSession();
    }, delay);
  }
  listeners.forEach((listener) => {
    listener();
  });
}

/**
 * What a refresh came to: a session restored, no session (the server said no), or the server out of reach (offline,
 * or the host down): then the person stays signed in on this device and the app shows what was saved.
 */
export type RefreshOutcome = 'restored' | 'signedOut' | 'unreachable';

/** Exchanges the refresh cookie for new tokens; true when a session was restored. */
export async function refreshSession(): Promise<boolean> {
  return (await restoreSession()) === 'restored';
}

/** Whether an earlier visit left someone signed in on this device: the server's script-readable hint (no secret in it) beside the httpOnly refresh cookie. */
export function hasSignInHint(): boolean {
  return document.cookie.split('; ').includes('pa_signed_in=1');
}

/** Exchanges the refresh cookie for new tokens, telling "signed out" from "the server could not be reached". */
export function restoreSession(): Promise<RefreshOutcome> {
  inFlight ??= withCrossTabLock(async (): Promise<RefreshOutcome> => {
    try {
      const response = await globalThis.fetch('/api/v1/auth/refresh', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
      });
      if (response.status >= 500) {
        return 'unreachable';
      }
      if (!response.ok) {
        acceptTokens(null);
        return 'signedOut';
      }
      const tokens = (await response.json()) as Partial<IssuedTokens>;
      if (typeof tokens.accessToken !== 'string' || typeof tokens.expiresIn !== 'number') {
        acceptTokens(null);
        return 'signedOut';
      }
      acceptTokens({ accessToken: tokens.accessToken, expiresIn: tokens.expiresIn });
      return 'restored';
    } catch {
      return 'unreachable';
    }
  }).finally(() => {
    inFlight = null;
  });
  return inFlight;
}

export async function signOut(): Promise<void> {
  if (accessToken) {
    await api.POST('/api/v1/auth/logout').catch(() => undefined);
  }
  acceptTokens(null);
}

/**
 * One refresh at a time across this browser's tabs: the Web Locks API where there is one, else turns taken over a
 * BroadcastChannel. A tab that waited presents the cookie the other tab's refresh left, never a used one.
 */
async function withCrossTabLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (locks) {
    return locks.request('pa-refresh', work);
  }
  return typeof BroadcastChannel === 'undefined' ? work() : withBroadcastTurn(work);
}

/** How long a tab waits for another tab's refresh before going ahead (that tab may have closed mid-way). */
const otherTabPatienceMs = 10_000;
/** How long a tab listens after saying "mine" in case another tab said it at the same moment. */
const claimSettleMs = 50;

let refreshChannel: BroadcastChannel | null = null;
const tabId = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : String(Math.random());
/** The other tabs refreshing now, by id, with when they said so. */
const othersRefreshing = new Map<string, number>();
const waiting = new Set<() => void>();

interface TurnMessage {
  type: 'start' | 'done';
  id: string;
}

function channel(): BroadcastChannel {
  if (!refreshChannel) {
    refreshChannel = new BroadcastChannel('pa-refresh');
    refreshChannel.onmessage = (event: MessageEvent<TurnMessage>) => {
      if (event.data.type === 'start') {
        othersRefreshing.set(event.data.id, Date.now());
      } else {
        othersRefreshing.delete(event.data.id);
        waiting.forEach((wake) => {
          wake();
        });
      }
    };
  }
  return refreshChannel;
}

/** Waits until no tab that should go first is refreshing (or it has been too long). */
async function othersDone(goesFirst: (id: string) => boolean): Promise<void> {
  for (;;) {
    const now = Date.now();
    const ahead = [...othersRefreshing].filter(([id, since]) => goesFirst(id) && now - since < otherTabPatienceMs);
    if (ahead.length === 0) {
      return;
    }
    const oldest = Math.min(...ahead.map(([, since]) => since));
    await new Promise<void>((resolve) => {
      const wake = () => {
        waiting.delete(wake);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(wake, otherTabPatienceMs - (now - oldest));
      waiting.add(wake);
    });
  }
}

async function withBroadcastTurn<T>(work: () => Promise<T>): Promise<T> {
  const turns = channel();
  await othersDone(() => true);
  turns.postMessage({ type: 'start', id: tabId } satisfies TurnMessage);
  // Two tabs that said "mine" at the same moment: the smaller id goes first.
  await new Promise((resolve) => setTimeout(resolve, claimSettleMs));
  await othersDone((id) => id < tabId);
  try {
    return await work();
  } finally {
    turns.postMessage({ type: 'done', id: tabId } satisfies TurnMessage);
  }
}

const retried = new WeakSet<Request>();
const originals = new Map<string, Request>();

/**
 * Every API call carries the access token; a 401 gets one refresh and one retry, so an expired token is
 * invisible to the person. The auth endpoints themselves are never retried.
 */
api.use({
  onRequest({ request, id }) {
    if (accessToken && !request.headers.has('Authorization')) {
      request.headers.set('Authorization', `Bearer ${accessToken}`);
    }
    if (!new URL(request.url, 'http://localhost').pathname.startsWith('/api/v1/auth/')) {
      originals.set(id, request.clone());
    }
    return request;
  },
  async onResponse({ response, id }) {
    const original = originals.get(id);
    originals.delete(id);
    if (response.status !== 401 || !original || retried.has(original)) {
      return response;
    }
    if (!(await refreshSession()) || !accessToken) {
      return response;
    }
    retried.add(original);
    original.headers.set('Authorization', `Bearer ${accessToken}`);
    return globalThis.fetch(original);
  },
});
