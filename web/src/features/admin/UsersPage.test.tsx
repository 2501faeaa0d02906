import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { problem } from '../../test/fakeApi';
import { endSignedInSession, renderApp } from '../../test/render';
import { stubSignedInApi } from '../../test/signedIn';
import { account } from './testAccounts';

const admin = ['user', 'premium', 'administrator'];

afterEach(() => {
  endSignedInSession();
  vi.unstubAllGlobals();
});

describe('People', () => {
  it('says it is loading until the list arrives', async () => {
    stubSignedInApi({ 'GET /api/v1/admin/users': () => new Promise(() => undefined) }, admin);
    renderApp('/admin/users', { restoreSession: true });

    expect(await screen.findByRole('heading', { level: 1, name: 'People' }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByText('Loading…')).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('list', { name: 'Accounts' })).not.toBeInTheDocument();
  });

  it('lists each account with its roles, date and status', async () => {
    stubSignedInApi(
      {
        'GET /api/v1/admin/users': () => ({
          items: [account(), account({ id: '7d7c6a9e-0000-4000-8000-000000000002', email: 'sam@example.test', displayName: 'Sam', roles: admin, mfaEnabled: true })],
          page: 1,
          pageSize: 20,
          total: 2,
        }),
      },
      admin,
    );
    renderApp('/admin/users', { restoreSession: true });

    expect(await screen.findByRole('heading', { level: 1, name: 'People' }, { timeout: 5000 })).toBeInTheDocument();
    const list = await screen.findByRole('list', { name: 'Accounts' });
    const [robin, sam, ...rest] = within(list).getAllByRole('listitem');
    if (!robin || !sam) {
      throw new Error('two accounts');
    }
    expect(rest).toHaveLength(0);
    expect(within(robin).getByRole('link', { name: 'Robin' })).toHaveAttribute('href', '/admin/users/7d7c6a9e-0000-4000-8000-000000000001');
    expect(within(robin).getByText('Roles: User')).toBeInTheDocument();
    expect(within(robin).getByText(/Joined Nov 2, 2026 · Active/)).toBeInTheDocument();
    expect(within(sam).getByText('Roles: User, Premium, Administrator')).toBeInTheDocument();
    expect(within(sam).getByText(/Two-step sign-in on/)).toBeInTheDocument();
    expect(screen.getByText('2 in all')).toBeInTheDocument();
    expect(within(screen.getByRole('navigation', { name: 'Administration pages' })).getByRole('link', { name: 'People' })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });

  it('says in words, not colour, which accounts are deactivated or locked', async () => {
    stubSignedInApi(
      {
        'GET /api/v1/admin/users': () => ({
          items: [
            account({ isActive: false }),
            account({ id: '7d7c6a9e-0000-4000-8000-000000000002', displayName: 'Sam', lockedOutUntil: '2030-01-15T14:30:00Z' }),
          ],
          page: 1,
          pageSize: 20,
          total: 2,
        }),
      },
      admin,
    );
    renderApp('/admin/users', { restoreSession: true });

    const list = await screen.findByRole('list', { name: 'Accounts' }, { timeout: 5000 });
    const [robin, sam] = within(list).getAllByRole('listitem');
    if (!robin || !sam) {
      throw new Error('two accounts');
    }
    expect(within(robin).getByText(/· Deactivated$/)).toBeInTheDocument();
    expect(within(sam).getByText(/· Active · Locked for now after failed sign-ins$/)).toBeInTheDocument();
  });

  it('searches by what is typed and the chosen role, and pages through many', async () => {
    const host = stubSignedInApi(
      {
        'GET /api/v1/admin/users': ({ query }) => ({
          items: query.get('search') === 'rob' ? [account()] : Array.from({ length: 20 }, (_, i) => account({ id: `id-${String(i)}`, displayName: `Person ${String(i)}` })),
          page: Number(query.get('page') ?? 1),
          pageSize: 20,
          total: query.get('search') === 'rob' ? 1 : 45,
        }),
      },
      admin,
    );
    renderApp('/admin/users', { restoreSession: true });

    expect(await screen.findByText('1–20 of 45')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('21–40 of 45')).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('Role'), 'Premium');
    await userEvent.type(screen.getByRole('searchbox', { name: 'Find a person' }), 'rob');
    expect(await screen.findByText('1 in all', {}, { timeout: 4000 })).toBeInTheDocument();
    const last = host.calls.filter((call) => call.path === '/api/v1/admin/users').at(-1);
    expect(last?.query.get('search')).toBe('rob');
    expect(last?.query.get('role')).toBe('premium');
    expect(last?.query.get('page')).toBe('1');
  });

  it('says kindly when nobody matches, and when there is nobody', async () => {
    stubSignedInApi({ 'GET /api/v1/admin/users': () => ({ items: [], page: 1, pageSize: 20, total: 0 }) }, admin);
    renderApp('/admin/users', { restoreSession: true });

    expect(await screen.findByText('No accounts yet.')).toBeInTheDocument();
    await userEvent.type(screen.getByRole('searchbox', { name: 'Find a person' }), 'zz');
    expect(await screen.findByText('Nobody matches this search. Try part of the address or the name.', {}, { timeout: 4000 })).toBeInTheDocument();
  });

  it("shows the server's words when the list does not load", async () => {
    stubSignedInApi({ 'GET /api/v1/admin/users': () => problem(403, 'You need the users.read permission.') }, admin);
    renderApp('/admin/users', { restoreSession: true });

    expect(await screen.findByRole('alert')).toHaveTextContent('You need the users.read permission.');
  });

  it('is for administrators only', async () => {
    const host = stubSignedInApi({}, ['user']);
    renderApp('/admin/users', { restoreSession: true });

    expect(await screen.findByText('This page is for the administrators of this assistant.')).toBeInTheDocument();
    expect(host.calls.some((call) => call.path.startsWith('/api/v1/admin/'))).toBe(false);
  });
});
