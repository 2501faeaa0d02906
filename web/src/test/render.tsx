import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createQueryClient } from '../api/queryClient';
import { Providers } from '../app/Providers';
import { routes } from '../app/routes';
import { I18nProvider, type Language } from '../i18n';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import { acceptTokens } from '../features/auth/session';

/** Renders the whole app (real routes, real query client, no retry delays) at a given path. */
export function renderApp(
  path = '/',
  { language = 'en', restoreSession = false }: { language?: Language; restoreSession?: boolean } = {},
) {
  const queryClient = createQueryClient({ queries: { retryDelay: 0, staleTime: 0 } });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const result = render(
    <Providers queryClient={queryClient} language={language} restoreSession={restoreSession}>
      <RouterProvider router={router} />
    </Providers>,
  );
  return { ...result, router, queryClient };
}

export function jsonResponse(body: unknown, status = 200, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

/**
 * A restored session for a signed-in person: the sign-in cookie, a refresh answer with a token, the profile (with
 * `profile` over Sam's defaults), and `other` for any other path it answers. Call
 * {@link endSignedInSession} after the test.
 */
export function stubSignedInSession(profile: Record<string, unknown> = {}, other?: (path: string) => Response | undefined) {
  document.cookie = 'pa_signed_in=1';
  vi.stubGlobal(
    'fetch',
    vi.fn((input: Request | string) => {
      const path = new URL(input instanceof Request ? input.url : input, 'http://localhost').pathname;
      return Promise.resolve(
        path === '/api/v1/auth/refresh'
          ? jsonResponse({ accessToken: 'token', expiresIn: 900 })
          : (other?.(path) ??
              jsonResponse({ id: 'u1', email: 'sam@example.test', displayName: 'Sam', timeZone: 'Europe/Paris', locale: 'en', roles: ['user'], ...profile })),
      );
    }),
  );
}

export function endSignedInSession() {
  acceptTokens(null);
  document.cookie = 'pa_signed_in=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
}

export const sampleMeta = {
  name: 'Personal Assistant TDAH',
  version: '0.1.0',
  databaseProvider: 'Sqlite',
  channels: ['web'],
  understanding: 'offline',
} as const;

/** Renders one page or section with a fresh query client and the chosen language, outside the router. */
export function renderWithClient(ui: ReactElement, language: Language = 'en') {
  const queryClient = createQueryClient({ queries: { retryDelay: 0, staleTime: 0 } });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <I18nProvider language={language}>{ui}</I18nProvider>
    </QueryClientProvider>,
  );
  return { ...result, queryClient };
}
