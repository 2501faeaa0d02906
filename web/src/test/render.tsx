import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createQueryClient } from '../api/queryClient';
import { Providers } from '../app/Providers';
import { routes } from '../app/routes';
import { I18nProvider, type Language } from '../i18n';
import type { ReactElement } from 'react';

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
