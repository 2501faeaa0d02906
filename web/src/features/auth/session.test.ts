import { vi } from 'vitest';
import { api, unwrap } from '../../api/client';
import { jsonResponse } from '../../test/render';
import { acceptTokens, currentAccessToken, refreshSession } from './session';

afterEach(() => {
  acceptTokens(null);
  vi.unstubAllGlobals();
});

function urlOf(input: unknown): string {
  return input instanceof Request ? new URL(input.url).pathname : String(input);
}

describe('session', () => {
  it('keeps the access token in memory only', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(jsonResponse({ mfaRequired: false, accessToken: 'token-1', tokenType: 'Bearer', expiresIn: 900 }))),
    );

    expect(await refreshSession()).toBe(true);

    expect(currentAccessToken()).toBe('token-1');
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
    expect(document.cookie).not.toContain('token-1');
  });

  it('sends one refresh however many callers ask at once', async () => {
    const fetchMock = vi.fn(() =>
      Promise.resolve(jsonResponse({ mfaRequired: false, accessToken: 'token-2', tokenType: 'Bearer', expiresIn: 900 })),
    );
    vi.stubGlobal('fetch', fetchMock);

    const results = await Promise.all([refreshSession(), refreshSession(), refreshSession()]);

    expect(results).toEqual([true, true, true]);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('answers a 401 by refreshing once and retrying the request with the new token', async () => {
    acceptTokens({ accessToken: 'expired', expiresIn: 900 });
    const seen: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn((input: unknown) => {
        const path = urlOf(input);
        if (path === '/api/v1/auth/refresh') {
          return Promise.resolve(jsonResponse({ mfaRequired: false, accessToken: 'fresh', tokenType: 'Bearer', expiresIn: 900 }));
        }
        const auth = (input as Request).headers.get('Authorization') ?? '';
        seen.push(auth);
        return Promise.resolve(
          auth === 'Bearer fresh'
            ? jsonResponse([])
            : jsonResponse({ title: 'Unauthorized', status: 401 }, 401, 'application/problem+json'),
        );
      }),
    );

    const sessions = await unwrap(api.GET('/api/v1/sessions'));

    expect(sessions).toEqual([]);
    expect(seen).toEqual(['Bearer expired', 'Bearer fresh']);
  });

  it('signs out when the refresh is refused', async () => {
    acceptTokens({ accessToken: 'old', expiresIn: 900 });
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(jsonResponse({ title: 'Session ended', status: 401 }, 401))));

    expect(await refreshSession()).toBe(false);
    expect(currentAccessToken()).toBeNull();
  });
});
