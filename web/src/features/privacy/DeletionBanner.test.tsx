import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach } from 'vitest';
import { endSignedInSession, renderApp, stubSignedInSession } from '../../test/render';

afterEach(() => {
  endSignedInSession();
});

describe('DeletionBanner', () => {
  it('shows the date of a scheduled deletion and keeps the account on request', async () => {
    const deleted: string[] = [];
    stubSignedInSession({ deletionDueAt: '2026-12-13T20:00:00Z' }, (path) => {
      if (path === '/api/v1/users/me/deletion') {
        deleted.push(path);
        return new Response(null, { status: 204 });
      }
      return undefined;
    });
    renderApp('/more', { restoreSession: true });

    expect(await screen.findByRole('heading', { name: /Your account will be deleted on Sunday, December 13, 2026/ })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Keep my account' }));
    expect(deleted).toEqual(['/api/v1/users/me/deletion']);
    expect(screen.queryByRole('heading', { name: /will be deleted/ })).not.toBeInTheDocument();
  });

  it('is not there for an account nobody asked to delete', async () => {
    stubSignedInSession({ deletionDueAt: null });
    renderApp('/more', { restoreSession: true });
    expect(await screen.findByRole('heading', { name: 'More' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Keep my account' })).not.toBeInTheDocument();
  });
});
