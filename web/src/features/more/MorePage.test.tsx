import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, vi } from 'vitest';
import { endSignedInSession, renderApp } from '../../test/render';
import { stubSignedInApi } from '../../test/signedIn';

afterEach(() => {
  endSignedInSession();
  vi.unstubAllGlobals();
});

const everyone = [
  ['Reminders', '/reminders'],
  ['Lists', '/lists'],
  ['Notes', '/notes'],
  ['Expenses', '/expenses'],
  ['Memories', '/memories'],
  ['Settings', '/settings'],
  ['Privacy', '/privacy'],
  ['Text simulator', '/simulator'],
  ['Status', '/status'],
];

function links() {
  return within(screen.getByRole('main'))
    .getAllByRole('link')
    .map((link) => [link.querySelector('span')?.textContent, link.getAttribute('href')]);
}

describe('More', () => {
  it('leads a person to everything that is not one of the five destinations, without Administration', async () => {
    stubSignedInApi({});
    renderApp('/more', { restoreSession: true });

    expect(await screen.findByRole('heading', { level: 1, name: 'More' })).toBeInTheDocument();
    expect(links()).toEqual(everyone);
    expect(screen.queryByRole('link', { name: /Administration/ })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });

  it('adds Administration for an administrator', async () => {
    stubSignedInApi({}, ['user', 'administrator']);
    renderApp('/more', { restoreSession: true });

    expect(await screen.findByRole('link', { name: /Administration/ })).toHaveAttribute('href', '/admin/sms');
    expect(links()).toEqual([...everyone, ['Administration', '/admin/sms']]);
  });

  it('signs out, and the sign-in page follows', async () => {
    const host = stubSignedInApi({ 'POST /api/v1/auth/logout': () => undefined });
    const user = userEvent.setup();
    renderApp('/more', { restoreSession: true });

    await user.click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(host.calls.some((call) => call.method === 'POST' && call.path === '/api/v1/auth/logout')).toBe(true);
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Sign in' })).toBeInTheDocument();
  });
});
