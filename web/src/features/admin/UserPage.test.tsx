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

  it('says when the account is not there', async () => {
    stubSignedInApi({ 'GET /api/v1/admin/users/:id': () => problem(404, 'There is no such account.') }, admin);
    renderApp(`/admin/users/${id}`, { restoreSession: true });

    expect(await screen.findByText('There is no such account.')).toHaveAttribute('role', 'alert');
    expect(screen.queryByRole('region', { name: 'Roles' })).not.toBeInTheDocument();
  });
});
