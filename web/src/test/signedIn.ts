import { vi } from 'vitest';
import { stubApi } from './fakeApi';

/**
 * Sam signed in (a user, or an administrator) on a fake host: the session restore, the profile and an empty bell,
 * then `routes`. The session restore fetches a plain URL, which the fake host takes as a Request like the API client's.
 * End it with `endSignedInSession()` after the test.
 */
export function stubSignedInApi(routes: Parameters<typeof stubApi>[0], roles = ['user']) {
  document.cookie = 'pa_signed_in=1';
  const host = stubApi({
    'POST /api/v1/auth/refresh': () => ({ accessToken: 'token', expiresIn: 900 }),
    'GET /api/v1/users/me': () => ({ id: 'u1', email: 'sam@example.test', displayName: 'Sam', timeZone: 'Europe/Paris', locale: 'en', roles }),
    'GET /api/v1/notifications': () => ({ items: [], unread: 0 }),
    ...routes,
  });
  const fake = globalThis.fetch as (request: Request) => Promise<Response>;
  vi.stubGlobal('fetch', (input: Request | string, init?: RequestInit) =>
    fake(input instanceof Request ? input : new Request(new URL(input, 'http://localhost'), init)),
  );
  return host;
}
