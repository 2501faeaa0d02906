import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, vi } from 'vitest';
import { endSignedInSession, renderApp } from '../../test/render';
import { stubSignedInApi } from '../../test/signedIn';

afterEach(() => {
  endSignedInSession();
  vi.unstubAllGlobals();
});

const summary = {
  stored: [
    { file: 'profile.json', label: 'Profile', count: 1 },
    { file: 'tasks.json', label: 'Tasks and their steps', count: 42 },
    { file: 'notes.json', label: 'Notes', count: 0 },
  ],
  retention: [
    { kind: 'conversations', label: 'Conversations with the assistant', days: 365 },
    { kind: 'audit', label: 'Security log', days: 0 },
  ],
  services: [
    { kind: 'model', leavesServer: true, host: 'models.example.net', description: 'What you write is sent to the language model at models.example.net.' },
  ],
  deletionGraceDays: 7,
  exportHoursAvailable: 24,
};

/** The page, then deleting the account: the server schedules it 7 days out and signs out. */
const deletionRoutes = {
  'GET /api/v1/users/me/privacy': () => summary,
  'GET /api/v1/users/me/consents': () => consents(false),
  'GET /api/v1/users/me/exports': () => [],
  'DELETE /api/v1/users/me': () => ({ deletesAt: '2026-12-14T10:00:00Z', deleted: false }),
  'POST /api/v1/auth/logout': () => undefined,
};

function consents(emailGranted: boolean) {
  const state = (kind: string, granted: boolean, isChannel: boolean) => ({
    kind,
    granted,
    at: granted ? '2026-12-06T10:00:00Z' : null,
    version: granted ? '2026-12-06' : null,
    text: `The words for ${kind}.`,
    currentVersion: '2026-12-06',
    isChannel,
  });
  return {
    current: [state('terms', true, false), state('sms', false, true), state('email', emailGranted, true), state('push', false, true)],
    history: [{ kind: 'terms', granted: true, at: '2026-12-06T10:00:00Z', version: '2026-12-06', text: 'The words for terms.', locale: 'en', source: 'sign-up' }],
  };
}

describe('Privacy', () => {
  it('counts what is kept, most first, says where words go and for how long, and allows a channel', async () => {
    const host = stubSignedInApi({
      'GET /api/v1/users/me/privacy': () => summary,
      'GET /api/v1/users/me/consents': () => consents(false),
      'PUT /api/v1/users/me/consents/:kind': () => consents(true),
      'GET /api/v1/users/me/exports': () => [],
    });
    renderApp('/privacy', { restoreSession: true });

    const table = await screen.findByRole('table', { name: 'What is stored' });
    expect(within(table).getAllByRole('row').map((row) => row.textContent)).toEqual(['KindHow many', 'Tasks and their steps42', 'Profile1']);
    expect(screen.getByText('Nothing stored yet: notes.')).toBeInTheDocument();
    expect(screen.getByText('What you write is sent to the language model at models.example.net.')).toBeInTheDocument();
    expect(screen.getByText('Leaves this server')).toBeInTheDocument();
    expect(screen.getByText('365 days')).toBeInTheDocument();
    expect(screen.getByText('Until you delete them')).toBeInTheDocument();
    expect(screen.getByText('No export yet. It usually takes less than a minute; you get a notification when it is ready.')).toBeInTheDocument();

    await userEvent.click(await screen.findByRole('button', { name: 'Allow Emails' }));

    expect(await screen.findByRole('button', { name: 'Stop Emails' })).toBeInTheDocument();
    expect(screen.getByText('Emails: allowed.')).toBeInTheDocument();
    expect(host.calls.find((call) => call.method === 'PUT')).toMatchObject({ path: '/api/v1/users/me/consents/email', body: { granted: true } });
  });

  it('asks for the password before deleting, and says the grace period', async () => {
    const host = stubSignedInApi({
      ...deletionRoutes,
    });
    const user = userEvent.setup();
    renderApp('/privacy', { restoreSession: true });

    expect(await screen.findByText(/deleted 7 days after you ask/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Delete my account…' }));
    await user.click(screen.getByRole('button', { name: 'Delete my account' }));
    expect(host.calls.some((call) => call.method === 'DELETE')).toBe(false);

    await user.type(screen.getByLabelText('Your password'), 'maple orbit lantern 47');
    await user.click(screen.getByRole('button', { name: 'Delete my account' }));

    expect(await screen.findByText(/^Your account will be deleted on Monday, December 14, 2026/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(host.calls.find((call) => call.method === 'DELETE')).toMatchObject({ body: { password: 'maple orbit lantern 47', method: null, code: null } });
  });

  it('asks for the second factor too when two-step sign-in is on', async () => {
    const host = stubSignedInApi({
      'GET /api/v1/users/me': () => ({ id: 'u1', email: 'sam@example.test', displayName: 'Sam', timeZone: 'Europe/Paris', locale: 'en', roles: ['user'], mfaEnabled: true }),
      'GET /api/v1/mfa': () => ({ totpEnabled: true, smsEnabled: false, methods: ['totp', 'recovery'], recoveryCodesLeft: 10 }),
      ...deletionRoutes,
    });
    const user = userEvent.setup();
    renderApp('/privacy', { restoreSession: true });

    await user.click(await screen.findByRole('button', { name: 'Delete my account…' }));
    await user.type(await screen.findByLabelText('Your password'), 'maple orbit lantern 47');
    await user.click(screen.getByRole('radio', { name: 'Recovery code' }));
    await user.click(screen.getByRole('button', { name: 'Delete my account' }));
    expect(host.calls.some((call) => call.method === 'DELETE')).toBe(false);

    await user.type(screen.getByRole('textbox', { name: 'Recovery code' }), ' abcd-efgh ');
    await user.click(screen.getByRole('button', { name: 'Delete my account' }));

    expect(await screen.findByText(/^Your account will be deleted on Monday, December 14, 2026/)).toBeInTheDocument();
    expect(host.calls.find((call) => call.method === 'DELETE')).toMatchObject({
      body: { password: 'maple orbit lantern 47', method: 'recovery', code: 'abcd-efgh' },
    });
  });
});
