import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { problem } from '../../test/fakeApi';
import { endSignedInSession, renderApp } from '../../test/render';
import { stubSignedInApi } from '../../test/signedIn';
import { account } from './testAccounts';

const admin = ['user', 'premium', 'administrator'];
const id = '7d7c6a9e-0000-4000-8000-000000000001';

/** What the page asked the admin API to change (the session's own refresh left out). */
function adminCalls(host: { posted: () => { method: string; path: string }[] }) {
  return host.posted().filter((call) => call.path.startsWith('/api/v1/admin/'));
}

afterEach(() => {
  endSignedInSession();
  vi.unstubAllGlobals();
});

describe('One account', () => {
  it('says it is loading until the account arrives', async () => {
    stubSignedInApi({ 'GET /api/v1/admin/users/:id': () => new Promise(() => undefined) }, admin);
    renderApp(`/admin/users/${id}`, { restoreSession: true });

    expect(await screen.findByRole('heading', { level: 1, name: 'Account' }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByText('Loading…')).toBeInTheDocument();
  });

  it('gives and removes roles as the hierarchy says, and announces each change', async () => {
    let roles = ['user'];
    const host = stubSignedInApi(
      {
        'GET /api/v1/admin/users/:id': () => account({ roles }),
        'POST /api/v1/admin/users/:id/roles': ({ body }) => {
          const role = (body as { role: string }).role;
          roles = role === 'administrator' ? ['user', 'premium', 'administrator'] : ['user', 'premium'];
          return account({ roles });
        },
        'DELETE /api/v1/admin/users/:id/roles/:role': ({ params }) => {
          roles = params[1] === 'premium' ? ['user'] : ['user', 'premium'];
          return account({ roles });
        },
      },
      admin,
    );
    renderApp(`/admin/users/${id}`, { restoreSession: true });

    expect(await screen.findByRole('heading', { level: 1, name: 'Robin' })).toBeInTheDocument();
    const section = screen.getByRole('region', { name: 'Roles' });
    expect(within(section).getByText(/Giving a role also gives the ones before it/)).toBeInTheDocument();
    expect(within(section).getByText('Every account has it.')).toBeInTheDocument();

    await userEvent.click(within(section).getByRole('button', { name: 'Give Administrator' }));
    expect(await screen.findByText('Administrator given. Roles now: User, Premium, Administrator.')).toHaveAttribute('role', 'status');
    expect(within(section).getByRole('button', { name: 'Remove Premium' })).toBeInTheDocument();

    await userEvent.click(within(section).getByRole('button', { name: 'Remove Premium' }));
    expect(await screen.findByText('Premium removed. Roles now: User.')).toBeInTheDocument();
    expect(within(section).getByRole('button', { name: 'Give Premium' })).toBeInTheDocument();
    expect(adminCalls(host).map((call) => `${call.method} ${call.path}`)).toEqual([
      `POST /api/v1/admin/users/${id}/roles`,
      `DELETE /api/v1/admin/users/${id}/roles/premium`,
    ]);
  });

  it("says what the server refused, in its words", async () => {
    stubSignedInApi(
      {
        'GET /api/v1/admin/users/:id': () => account({ roles: admin }),
        'DELETE /api/v1/admin/users/:id/roles/:role': () => problem(409, 'You cannot remove your own administrator role.'),
      },
      admin,
    );
    renderApp(`/admin/users/${id}`, { restoreSession: true });

    await userEvent.click(await screen.findByRole('button', { name: 'Remove Administrator' }));
    expect(await screen.findByText('You cannot remove your own administrator role.')).toBeInTheDocument();
  });

  it('signs the account out everywhere and says how many sessions ended', async () => {
    stubSignedInApi(
      {
        'GET /api/v1/admin/users/:id': () => account(),
        'DELETE /api/v1/admin/users/:id/sessions': () => ({ revoked: 3 }),
      },
      admin,
    );
    renderApp(`/admin/users/${id}`, { restoreSession: true });

    await userEvent.click(await screen.findByRole('button', { name: 'Sign this account out everywhere' }));
    expect(await screen.findByText('Signed out of 3 sessions.')).toHaveAttribute('role', 'status');
  });

  it('deletes only once the address is typed, after saying there is no grace period', async () => {
    const host = stubSignedInApi(
      {
        'GET /api/v1/admin/users/:id': () => account(),
        'DELETE /api/v1/admin/users/:id': () => undefined,
      },
      admin,
    );
    renderApp(`/admin/users/${id}`, { restoreSession: true });

    const section = await screen.findByRole('region', { name: 'Delete this account' });
    expect(within(section).getByText(/erased as soon as you confirm, and this cannot be undone/)).toBeInTheDocument();
    await userEvent.click(within(section).getByRole('button', { name: 'Delete this account…' }));
    const field = within(section).getByLabelText('To confirm, type the address robin@example.test');
    await userEvent.type(field, 'robin@');
    await userEvent.click(within(section).getByRole('button', { name: 'Delete the account for good' }));
    expect(field).toHaveAccessibleDescription('Type the address exactly as shown above.');
    expect(adminCalls(host)).toEqual([]);

    await userEvent.type(field, 'example.test');
    await userEvent.click(within(section).getByRole('button', { name: 'Delete the account for good' }));
    expect(await screen.findByText('The account robin@example.test and everything in it are deleted.')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Delete this account' })).not.toBeInTheDocument();
    expect(adminCalls(host).map((call) => `${call.method} ${call.path}`)).toEqual([`DELETE /api/v1/admin/users/${id}`]);
  });

  it('asks for the address beside the field, starts afresh after "keep", and shows a refusal in the alert', async () => {
    const host = stubSignedInApi(
      {
        'GET /api/v1/admin/users/:id': () => account(),
        'DELETE /api/v1/admin/users/:id': () => problem(409, 'This account cannot be deleted right now.'),
      },
      admin,
    );
    renderApp(`/admin/users/${id}`, { restoreSession: true });

    const section = await screen.findByRole('region', { name: 'Delete this account' });
    await userEvent.click(within(section).getByRole('button', { name: 'Delete this account…' }));
    await userEvent.click(within(section).getByRole('button', { name: 'Delete the account for good' }));
    const field = within(section).getByLabelText('To confirm, type the address robin@example.test');
    expect(field).toHaveAccessibleDescription('Type the address exactly as shown above.');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveFocus();
    expect(adminCalls(host)).toEqual([]);

    await userEvent.type(field, 'robin@example');
    await userEvent.click(within(section).getByRole('button', { name: 'Keep the account' }));
    await userEvent.click(within(section).getByRole('button', { name: 'Delete this account…' }));
    const again = within(section).getByLabelText('To confirm, type the address robin@example.test');
    expect(again).toHaveValue('');
    expect(again).not.toHaveAttribute('aria-invalid');

    // Case and spaces around the address do not matter.
    await userEvent.type(again, ' Robin@Example.test ');
    await userEvent.click(within(section).getByRole('button', { name: 'Delete the account for good' }));
    expect(await within(section).findByText('This account cannot be deleted right now.')).toBeInTheDocument();
    expect(within(section).getByRole('alert')).toHaveTextContent('This account cannot be deleted right now.');
    expect(again).not.toHaveAttribute('aria-invalid');
    expect(adminCalls(host).map((call) => `${call.method} ${call.path}`)).toEqual([`DELETE /api/v1/admin/users/${id}`]);
  });

  it('says when the account is not there', async () => {
    stubSignedInApi({ 'GET /api/v1/admin/users/:id': () => problem(404, 'There is no such account.') }, admin);
    renderApp(`/admin/users/${id}`, { restoreSession: true });

    expect(await screen.findByText('There is no such account.')).toHaveAttribute('role', 'alert');
    expect(screen.queryByRole('region', { name: 'Roles' })).not.toBeInTheDocument();
  });
});

describe('One account: signing in and its name', () => {
  /** The PATCH bodies the page sent, in order. */
  function patches(host: { calls: { method: string; path: string; body: unknown }[] }) {
    return host.calls.filter((call) => call.method === 'PATCH' && call.path === `/api/v1/admin/users/${id}`).map((call) => call.body);
  }
  const nothing = { isActive: null, unlock: null, forcePasswordReset: null, displayName: null };

  it('deactivates only after saying what that does, then activates again', async () => {
    let active = true;
    const host = stubSignedInApi(
      {
        'GET /api/v1/admin/users/:id': () => account({ isActive: active }),
        'PATCH /api/v1/admin/users/:id': ({ body }) => {
          active = (body as { isActive: boolean }).isActive;
          return account({ isActive: active });
        },
      },
      admin,
    );
    renderApp(`/admin/users/${id}`, { restoreSession: true });

    const section = await screen.findByRole('region', { name: 'Signing in' });
    expect(within(section).getByText('Active: this person can sign in.')).toBeInTheDocument();
    await userEvent.click(within(section).getByRole('button', { name: 'Deactivate this account…' }));
    const explain = within(section).getByText(/signs this person out everywhere and stops them signing in/);
    expect(explain).toHaveTextContent('Their reminders are no longer texted, emailed or pushed; they wait in the app.');
    expect(explain).toHaveFocus();
    await userEvent.click(within(section).getByRole('button', { name: 'Keep it active' }));
    expect(within(section).queryByText(/signs this person out everywhere/)).not.toBeInTheDocument();
    expect(patches(host)).toEqual([]);

    await userEvent.click(within(section).getByRole('button', { name: 'Deactivate this account…' }));
    await userEvent.click(within(section).getByRole('button', { name: 'Deactivate the account' }));
    expect(await screen.findByText('Account deactivated: this person is signed out and cannot sign in.')).toHaveAttribute('role', 'status');
    expect(within(section).getByText('Deactivated: this person cannot sign in.')).toBeInTheDocument();
    expect(screen.getByText(/^Deactivated$/)).toBeInTheDocument();

    await userEvent.click(within(section).getByRole('button', { name: 'Activate this account again' }));
    expect(await screen.findByText('Account active again: this person can sign in.')).toHaveAttribute('role', 'status');
    expect(within(section).getByRole('button', { name: 'Deactivate this account…' })).toBeInTheDocument();
    expect(patches(host)).toEqual([{ ...nothing, isActive: false }, { ...nothing, isActive: true }]);
  });

  it("says until when a locked account is locked, in the viewer's zone, and unlocks it", async () => {
    let lockedOutUntil: string | null = '2030-01-15T14:30:00Z';
    const host = stubSignedInApi(
      {
        'GET /api/v1/admin/users/:id': () => account({ lockedOutUntil }),
        'PATCH /api/v1/admin/users/:id': () => {
          lockedOutUntil = null;
          return account({ lockedOutUntil });
        },
      },
      admin,
    );
    renderApp(`/admin/users/${id}`, { restoreSession: true });

    const section = await screen.findByRole('region', { name: 'Signing in' });
    expect(within(section).getByText('Locked after failed sign-ins until Jan 15, 2030, 3:30 PM.')).toBeInTheDocument();
    await userEvent.click(within(section).getByRole('button', { name: 'Unlock now' }));
    expect(await screen.findByText('Unlocked: this person can try to sign in again now.')).toHaveAttribute('role', 'status');
    expect(within(section).queryByRole('button', { name: 'Unlock now' })).not.toBeInTheDocument();
    expect(within(section).queryByText(/Locked after failed sign-ins/)).not.toBeInTheDocument();
    expect(patches(host)).toEqual([{ ...nothing, unlock: true }]);
  });

  it('offers no unlock when the account is not locked', async () => {
    stubSignedInApi({ 'GET /api/v1/admin/users/:id': () => account({ lockedOutUntil: '2020-01-01T00:00:00Z' }) }, admin);
    renderApp(`/admin/users/${id}`, { restoreSession: true });

    const section = await screen.findByRole('region', { name: 'Signing in' });
    expect(within(section).queryByRole('button', { name: 'Unlock now' })).not.toBeInTheDocument();
  });

  it('asks for a new password after saying what happens, and shows the account waiting for it', async () => {
    let required = false;
    const host = stubSignedInApi(
      {
        'GET /api/v1/admin/users/:id': () => account({ passwordResetRequired: required }),
        'PATCH /api/v1/admin/users/:id': () => {
          required = true;
          return account({ passwordResetRequired: required });
        },
      },
      admin,
    );
    renderApp(`/admin/users/${id}`, { restoreSession: true });

    const section = await screen.findByRole('region', { name: 'Signing in' });
    await userEvent.click(within(section).getByRole('button', { name: 'Ask for a new password…' }));
    expect(within(section).getByText(/gets an email with a link to choose a new password/)).toBeInTheDocument();
    await userEvent.click(within(section).getByRole('button', { name: 'Ask for a new password' }));
    expect(await screen.findByText('Done: robin@example.test must choose a new password, and an email with a link is on its way.')).toHaveAttribute(
      'role',
      'status',
    );
    expect(within(section).getByText(/Waiting for a new password/)).toBeInTheDocument();
    expect(patches(host)).toEqual([{ ...nothing, forcePasswordReset: true }]);
  });

  it('offers neither deactivating nor a new password on your own account', async () => {
    stubSignedInApi({ 'GET /api/v1/admin/users/:id': () => account({ id: 'u1', roles: admin }) }, admin);
    renderApp('/admin/users/u1', { restoreSession: true });

    const section = await screen.findByRole('region', { name: 'Signing in' });
    expect(within(section).getByText(/This is your own account: another administrator can deactivate it/)).toBeInTheDocument();
    expect(within(section).queryByRole('button', { name: 'Deactivate this account…' })).not.toBeInTheDocument();
    expect(within(section).queryByRole('button', { name: 'Ask for a new password…' })).not.toBeInTheDocument();
  });

  it("says what the server refused (409), in its words, and keeps the account as it was", async () => {
    stubSignedInApi(
      {
        'GET /api/v1/admin/users/:id': () => account(),
        'PATCH /api/v1/admin/users/:id': () => problem(409, 'You cannot deactivate or force a password reset on your own account; ask another administrator.'),
      },
      admin,
    );
    renderApp(`/admin/users/${id}`, { restoreSession: true });

    const section = await screen.findByRole('region', { name: 'Signing in' });
    await userEvent.click(within(section).getByRole('button', { name: 'Deactivate this account…' }));
    await userEvent.click(within(section).getByRole('button', { name: 'Deactivate the account' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('You cannot deactivate or force a password reset on your own account');
    expect(within(section).getByText('Active: this person can sign in.')).toBeInTheDocument();
  });

  it('renames the account, refusing an empty name before asking the server', async () => {
    let displayName = 'Robin';
    const host = stubSignedInApi(
      {
        'GET /api/v1/admin/users/:id': () => account({ displayName }),
        'PATCH /api/v1/admin/users/:id': ({ body }) => {
          displayName = (body as { displayName: string }).displayName;
          return account({ displayName });
        },
      },
      admin,
    );
    renderApp(`/admin/users/${id}`, { restoreSession: true });

    const section = await screen.findByRole('region', { name: 'Name' });
    const field = within(section).getByLabelText('Name shown for this account');
    expect(field).toHaveValue('Robin');
    await userEvent.clear(field);
    await userEvent.click(within(section).getByRole('button', { name: 'Save the name' }));
    expect(field).toHaveAccessibleDescription('Please fill this in.');
    expect(patches(host)).toEqual([]);

    await userEvent.type(field, '  Robin B. ');
    await userEvent.click(within(section).getByRole('button', { name: 'Save the name' }));
    expect(await screen.findByText('Name saved: “Robin B.”.')).toHaveAttribute('role', 'status');
    expect(screen.getByRole('heading', { level: 1, name: 'Robin B.' })).toBeInTheDocument();
    expect(patches(host)).toEqual([{ ...nothing, displayName: 'Robin B.' }]);
  });

  it('shows beside the name what the server said about it', async () => {
    stubSignedInApi(
      {
        'GET /api/v1/admin/users/:id': () => account(),
        'PATCH /api/v1/admin/users/:id': () => problem(400, 'Check the name.', { DisplayName: ['The name is at most 100 characters.'] }),
      },
      admin,
    );
    renderApp(`/admin/users/${id}`, { restoreSession: true });

    const section = await screen.findByRole('region', { name: 'Name' });
    await userEvent.click(within(section).getByRole('button', { name: 'Save the name' }));
    expect(await within(section).findByText('The name is at most 100 characters.')).toBeInTheDocument();
    expect(within(section).getByLabelText('Name shown for this account')).toHaveAccessibleDescription('The name is at most 100 characters.');
  });
});
