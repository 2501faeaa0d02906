import { vi } from 'vitest';

/**
 * Two tabs of the same browser, each with its own copy of the session module, share one cookie jar. The fake
 * server rotates the refresh cookie on every refresh and, like the real one, ends the session when a used cookie
 * comes back. Both tabs starting together must both end up signed in.
 */
function fakeServer() {
  let cookie = 1;
  const used = new Set<number>();
  let inFlight = 0;
  let mostAtOnce = 0;
  const fetchMock = vi.fn(async () => {
    const presented = cookie;
    inFlight += 1;
    mostAtOnce = Math.max(mostAtOnce, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 20));
    inFlight -= 1;
    if (used.has(presented)) {
      return new Response(JSON.stringify({ title: 'Unauthorized', status: 401 }), { status: 401 });
    }
    used.add(presented);
    cookie = presented + 1;
    return new Response(JSON.stringify({ accessToken: `token-${String(cookie)}`, expiresIn: 900 }), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  return { fetchMock, mostAtOnce: () => mostAtOnce };
}

async function openTab() {
  vi.resetModules();
  return import('./session');
}

/** A Web Locks API shared by the tabs: one holder per name, the others queue. */
function fakeLocks() {
  const tails = new Map<string, Promise<unknown>>();
  const request = vi.fn((name: string, work: () => Promise<unknown>) => {
    const previous = tails.get(name) ?? Promise.resolve();
    const run = previous.then(work, work);
    tails.set(name, run.catch(() => undefined));
    return run;
  });
  return { request };
}

describe('tabs sharing one refresh', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('takes turns through the Web Locks API: each tab presents a fresh cookie, both stay signed in', async () => {
    const server = fakeServer();
    vi.stubGlobal('fetch', server.fetchMock);
    const locks = fakeLocks();
    vi.stubGlobal('navigator', { locks, onLine: true });
    const first = await openTab();
    const second = await openTab();

    const results = await Promise.all([first.restoreSession(), second.restoreSession()]);

    expect(results).toEqual(['restored', 'restored']);
    expect(locks.request).toHaveBeenCalledWith('pa-refresh', expect.any(Function));
    expect(server.mostAtOnce()).toBe(1);
    expect(first.currentAccessToken()).not.toBe(second.currentAccessToken());
  });

  it('takes turns over a BroadcastChannel where the browser has no Web Locks', async () => {
    const server = fakeServer();
    vi.stubGlobal('fetch', server.fetchMock);
    vi.stubGlobal('navigator', { locks: undefined, onLine: true });
    const first = await openTab();
    const second = await openTab();

    const results = await Promise.all([first.restoreSession(), second.restoreSession()]);

    expect(results).toEqual(['restored', 'restored']);
    expect(server.fetchMock).toHaveBeenCalledTimes(2);
    expect(server.mostAtOnce()).toBe(1);
  });

  it('tells "no network" from "signed out", and keeps the session for later', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
    vi.stubGlobal('navigator', { locks: undefined, onLine: true });
    const tab = await openTab();

    expect(await tab.restoreSession()).toBe('unreachable');
  });
});
