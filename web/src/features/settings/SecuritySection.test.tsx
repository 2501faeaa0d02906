import { configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { problem } from '../../test/fakeApi';
import { endSignedInSession, renderApp } from '../../test/render';
import { stubSignedInApi } from '../../test/signedIn';

const sam = { id: 'u1', email: 'sam@example.test', emailConfirmed: true, displayName: 'Sam', timeZone: 'Europe/Paris', locale: 'en', roles: ['user'] };
const thisDevice = { id: 's1', device: 'Firefox on Linux', ipAddress: '127.0.0.1', lastSeenAt: '2026-12-01T10:00:00Z', current: true };
const phone = { ...thisDevice, id: 's2', device: 'Safari on iPhone', current: false };

function signedIn(changePassword: () => unknown) {
  let sessions = [thisDevice, phone];
  return stubSignedInApi({
    'GET /api/v1/users/me': () => sam,
    'GET /api/v1/sessions': () => sessions,
    'POST /api/v1/auth/change-password': () => {
      const answer = changePassword();
      if (answer === undefined) {
        sessions = [thisDevice];
      }
      return answer;
    },
  });
}

/** What the page asked the host to change (the session's own refresh aside). */
function changes(host: ReturnType<typeof stubSignedInApi>) {
  return host.posted().filter((call) => call.path !== '/api/v1/auth/refresh');
}

// The whole app renders here; the first page of a file can take a while on a busy machine.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  endSignedInSession();
  vi.unstubAllGlobals();
});

async function fill(current: string, next: string, again = next) {
  const security = within(await screen.findByRole('region', { name: 'Security' }));
  await userEvent.type(security.getByLabelText('Current password'), current);
  await userEvent.type(security.getByLabelText('New password'), next);
  await userEvent.type(security.getByLabelText('New password again'), again);
  await userEvent.click(security.getByRole('button', { name: 'Change password' }));
  return security;
}

it('changes the password, says so, and the other devices leave the list', async () => {
  const host = signedIn(() => undefined);
  renderApp('/settings', { restoreSession: true });
  expect(await screen.findByText('Safari on iPhone')).toBeInTheDocument();

  const security = await fill('maple orbit lantern 47', 'harbor velvet compass 93');

  expect(await security.findByText('Your password is changed. Your other devices were signed out.')).toBeInTheDocument();
  expect(security.getByLabelText('Current password')).toHaveValue('');
  expect(changes(host)).toEqual([
    expect.objectContaining({ path: '/api/v1/auth/change-password', body: { currentPassword: 'maple orbit lantern 47', newPassword: 'harbor velvet compass 93' } }),
  ]);
  await vi.waitFor(() => {
    expect(screen.queryByText('Safari on iPhone')).not.toBeInTheDocument();
  });
});

it('says beside the field when the current password is not right', async () => {
  signedIn(() => problem(400, 'Some fields need a second look.', { currentPassword: ['This is not your current password.'] }));
  renderApp('/settings', { restoreSession: true });

  const security = await fill('not it at all', 'harbor velvet compass 93');

  expect(await security.findByText('This is not your current password.')).toBeInTheDocument();
  expect(security.getByLabelText('Current password')).toHaveAttribute('aria-invalid', 'true');
  expect(security.queryByText(/Your password is changed/)).not.toBeInTheDocument();
});

it('checks the confirmation before sending', async () => {
  const host = signedIn(() => undefined);
  renderApp('/settings', { restoreSession: true });

  const security = await fill('maple orbit lantern 47', 'harbor velvet compass 93', 'harbor velvet compass 39');

  expect(await security.findByText('The two passwords are not the same yet.')).toBeInTheDocument();
  expect(changes(host)).toEqual([]);
});

it('signs out another device from the list', async () => {
  const host = signedIn(() => undefined);
  vi.stubGlobal('confirm', () => true);
  renderApp('/settings', { restoreSession: true });

  await userEvent.click(await screen.findByRole('button', { name: 'Sign out everywhere else' }));

  expect(changes(host)).toEqual([expect.objectContaining({ method: 'DELETE', path: '/api/v1/sessions' })]);
});
