import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { problem } from '../../test/fakeApi';
import { endSignedInSession, renderApp } from '../../test/render';
import { stubSignedInApi } from '../../test/signedIn';

const admin = ['user', 'premium', 'administrator'];
const robin = '7d7c6a9e-0000-4000-8000-000000000001';
const sam = 'u1';

function entry(overrides: Record<string, unknown>) {
  return {
    id: crypto.randomUUID(),
    occurredAt: '2026-12-06T17:05:00Z',
    action: 'access.role_granted',
    outcome: 'Success',
    actorUserId: sam,
    subjectUserId: robin,
    ipAddress: '127.0.0.1',
    userAgent: 'test',
    detail: { kind: 'roles', values: ['premium', 'administrator'] },
    ...overrides,
  };
}

afterEach(() => {
  endSignedInSession();
  vi.unstubAllGlobals();
});

describe('Audit', () => {
  it('says it is loading until the entries arrive', async () => {
    stubSignedInApi({ 'GET /api/v1/admin/audit': () => new Promise(() => undefined) }, admin);
    renderApp('/admin/audit', { restoreSession: true });

    expect(await screen.findByRole('heading', { level: 1, name: 'Audit' }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByText('Loading…')).toHaveAttribute('role', 'status');
  });

  it('names each kind from the catalog, in the viewer’s zone, and a kind it does not know by its code', async () => {
    stubSignedInApi(
      {
        'GET /api/v1/admin/audit': () => ({
          items: [entry({}), entry({ action: 'something.new', outcome: 'Denied', detail: null, subjectUserId: sam })],
          page: 1,
          pageSize: 25,
          total: 2,
        }),
      },
      admin,
    );
    renderApp('/admin/audit', { restoreSession: true });

    const list = await screen.findByRole('list', { name: 'Audit entries' }, { timeout: 5000 });
    const [firstItem, secondItem] = within(list).getAllByRole('listitem');
    if (!firstItem || !secondItem) {
      throw new Error('two entries');
    }
    const first = firstItem;
    const second = secondItem;
    expect(within(first).getByText('Role given')).toBeInTheDocument();
    // 17:05 UTC is 18:05 in Paris, Sam's zone.
    expect(within(first).getByText('Dec 6, 2026, 6:05:00 PM')).toBeInTheDocument();
    expect(within(first).getByRole('link', { name: 'you' })).toHaveAttribute('href', '/admin/users/u1');
    expect(within(first).getByRole('link', { name: 'account 00000001' })).toHaveAttribute('href', `/admin/users/${robin}`);
    expect(within(first).getByText('Roles: Premium, Administrator')).toBeInTheDocument();
    expect(within(second).getByText('Other event (something.new)')).toBeInTheDocument();
    expect(within(second).getByText(/Refused/)).toBeInTheDocument();
    expect(screen.getByText(/Times are in Europe\/Paris/)).toBeInTheDocument();
  });

  it('words each detail from the catalog, and shows one it does not know, or an old text, as it is', async () => {
    const details = [
      { kind: 'wrong_password', values: [] },
      { kind: 'changes', values: ['display_name', 'deactivated'] },
      { kind: 'sms_allowances', values: ['user=2/10', 'premium=default'] },
      { kind: 'method', values: ['totp'] },
      { kind: 'deletion_due', values: ['2026-12-20T09:00:00Z'] },
      { kind: 'note', values: ['wrong password'] },
      { kind: 'something_new', values: ['a', 'b'] },
    ];
    stubSignedInApi(
      {
        'GET /api/v1/admin/audit': () => ({ items: details.map((detail) => entry({ detail })), page: 1, pageSize: 25, total: details.length }),
      },
      admin,
    );
    renderApp('/admin/audit', { restoreSession: true });

    const list = await screen.findByRole('list', { name: 'Audit entries' }, { timeout: 5000 });
    for (const words of [
      'Wrong password.',
      'Changed: name, deactivated',
      'New allowances: User: 2 a day, 10 a month; Premium: back to the default',
      'With: Authenticator app',
      // 09:00 UTC is 10:00 in Paris, Sam's zone.
      'Deletion planned for Sun, Dec 20, 10:00 AM',
      'Detail: wrong password',
      'Other detail (something_new): a, b',
    ]) {
      expect(within(list).getByText(words)).toBeInTheDocument();
    }
  });

  it('filters by kind, account and days in the viewer’s zone', async () => {
    const host = stubSignedInApi({ 'GET /api/v1/admin/audit': () => ({ items: [], page: 1, pageSize: 25, total: 0 }) }, admin);
    renderApp(`/admin/audit?userId=${robin}`, { restoreSession: true });

    expect(await screen.findByText('Nothing matches these filters.')).toBeInTheDocument();
    expect(screen.getByText('Showing the entries about one account.')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('What happened'), 'Signed out of sessions');
    await userEvent.type(screen.getByLabelText('From (day)'), '2026-12-01');
    await userEvent.type(screen.getByLabelText('To (day, included)'), '2026-12-06');

    await vi.waitFor(() => {
      const last = host.calls.filter((call) => call.path === '/api/v1/admin/audit').at(-1);
      expect(last?.query.get('to')).toBe('2026-12-06T23:00:00.000Z');
    });
    const last = host.calls.filter((call) => call.path === '/api/v1/admin/audit').at(-1);
    expect(last?.query.get('userId')).toBe(robin);
    expect(last?.query.get('action')).toBe('session.revoked');
    // Midnight in Paris is 23:00 UTC the day before.
    expect(last?.query.get('from')).toBe('2026-11-30T23:00:00.000Z');

    await userEvent.click(screen.getByRole('button', { name: 'Show everything' }));
    expect(await screen.findByText('Nothing recorded yet.')).toBeInTheDocument();
  });

  it('says when it does not load', async () => {
    stubSignedInApi({ 'GET /api/v1/admin/audit': () => problem(500, 'The audit trail is resting.') }, admin);
    renderApp('/admin/audit', { restoreSession: true });

    expect(await screen.findByText('The audit trail is resting.', {}, { timeout: 5000 })).toHaveAttribute('role', 'alert');
  });
});
