import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { problem, stubApi } from '../../test/fakeApi';
import { endSignedInSession, renderApp } from '../../test/render';

/** Sam signed in with `roles`, the host's other routes faked by `routes` (the session restore fetches a plain URL). */
function signedIn(roles: string[], routes: Parameters<typeof stubApi>[0] = {}) {
  document.cookie = 'pa_signed_in=1';
  const host = stubApi({
    'POST /api/v1/auth/refresh': () => ({ accessToken: 'token', expiresIn: 900 }),
    'GET /api/v1/users/me': () => ({ id: 'u1', email: 'sam@example.test', displayName: 'Sam', timeZone: 'Europe/Paris', locale: 'en', roles }),
    'GET /api/v1/notifications': () => ({ items: [], unread: 0 }),
    'GET /api/v1/admin/sms/usage': () => ({
      from: '2026-11-06',
      to: '2026-12-06',
      currency: 'USD',
      totals: { messagesIn: 0, segmentsIn: 0, messagesOut: 0, segmentsOut: 0, estimatedCost: 0 },
      people: [],
      numbers: [],
      countries: [],
      delivery: { outbound: 0, final: 0, delivered: 0, successRate: null },
      topErrors: [],
      months: [],
    }),
    'GET /api/v1/admin/sms/allowances': () => [
      { role: 'user', daily: 20, monthly: 300, source: 'configuration' },
      { role: 'premium', daily: 60, monthly: 1000, source: 'configuration' },
    ],
    'GET /api/v1/admin/sms/numbers': () => problem(404, 'Twilio is not configured on this instance.'),
    'GET /api/v1/admin/outbox': () => ({ items: [], page: 1, pageSize: 50, total: 0 }),
    ...routes,
  });
  const fake = globalThis.fetch as (request: Request) => Promise<Response>;
  vi.stubGlobal('fetch', (input: Request | string, init?: RequestInit) =>
    fake(input instanceof Request ? input : new Request(new URL(input, 'http://localhost'), init)),
  );
  return host;
}

afterEach(() => {
  endSignedInSession();
  vi.unstubAllGlobals();
});

it('is one Administration entry under More, with the admin pages linked from each other', async () => {
  signedIn(['user', 'premium', 'administrator']);
  renderApp('/more', { restoreSession: true });

  await userEvent.click(await within(await screen.findByRole('main')).findByRole('link', { name: /^Administration/ }));

  expect(await screen.findByRole('heading', { level: 1, name: 'Texts' })).toBeInTheDocument();
  const header = screen.getByRole('navigation', { name: 'Main' });
  expect(within(header).getByRole('link', { name: 'More' })).toHaveClass('bg-teal-100');
  const adminPages = screen.getByRole('navigation', { name: 'Administration pages' });
  expect(within(adminPages).getByRole('link', { name: 'Texts' })).toHaveAttribute('aria-current', 'page');
  for (const section of ['Usage', 'Allowances', 'Numbers']) {
    expect(screen.getByRole('heading', { level: 2, name: section })).toBeInTheDocument();
    expect(within(screen.getByRole('navigation', { name: 'On this page' })).getByRole('link', { name: section })).toBeInTheDocument();
  }
  expect(await screen.findByText(/Twilio is not set up on this instance/)).toBeInTheDocument();

  await userEvent.click(within(adminPages).getByRole('link', { name: 'Outbox' }));
  expect(await screen.findByRole('heading', { level: 1, name: 'Outbox' })).toBeInTheDocument();
  expect(within(header).getByRole('link', { name: 'More' })).toHaveClass('bg-teal-100');
});

it('is for administrators only', async () => {
  const host = signedIn(['user']);
  renderApp('/admin/sms', { restoreSession: true });

  expect(await screen.findByText('This page is for the administrators of this assistant.')).toBeInTheDocument();
  expect(screen.queryByRole('link', { name: 'Administration' })).not.toBeInTheDocument();
  expect(host.calls.some((call) => call.path.startsWith('/api/v1/admin/'))).toBe(false);
});
