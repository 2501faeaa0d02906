import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, vi } from 'vitest';
import { endSignedInSession, renderApp } from '../../test/render';
import { stubSignedInApi } from '../../test/signedIn';
import { page, task } from '../../test/tasks';


const payRent = task('pay the rent', { id: 't1' });

/** A day as the service worker saved it: Today's reads answer, whatever the network. */
function savedDay(routes: Parameters<typeof stubSignedInApi>[0] = {}) {
  return stubSignedInApi({
    'GET /api/v1/tasks/next': () => ({ task: null, reasons: [], message: 'Nothing is open.' }),
    'GET /api/v1/tasks': ({ query }) => page(query.get('view') === 'today' ? [payRent] : []),
    'GET /api/v1/events': () => [],
    'GET /api/v1/reminders': () => page([]),
    ...routes,
  });
}

let online = true;

function goOnline(value: boolean) {
  online = value;
  act(() => {
    window.dispatchEvent(new Event(value ? 'online' : 'offline'));
  });
}

beforeEach(() => {
  online = true;
  vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => online);
});

afterEach(() => {
  endSignedInSession();
  vi.unstubAllGlobals();
  localStorage.clear();
});

const unreachable = () => Promise.reject(new TypeError('Failed to fetch'));

describe('offline', () => {
  it('starts as the person last signed in, from the saved profile, with the day and a calm banner', async () => {
    online = false;
    localStorage.setItem('pa.lastSignedIn', 'u1');
    savedDay({ 'POST /api/v1/auth/refresh': unreachable });

    renderApp('/', { restoreSession: true });

    expect(await screen.findByRole('heading', { level: 1, name: 'Today' })).toBeInTheDocument();
    expect(screen.getByText('You’re offline — showing what was saved.')).toHaveAttribute('role', 'status');
    const day = screen.getByRole('region', { name: 'Your day' });
    expect(await within(day).findByText('pay the rent')).toBeInTheDocument();
  });

  it('does not trust a saved profile of someone else: the landing page shows', async () => {
    online = false;
    localStorage.setItem('pa.lastSignedIn', 'someone-else');
    savedDay({ 'POST /api/v1/auth/refresh': unreachable });

    renderApp('/', { restoreSession: true });

    expect(await screen.findByRole('link', { name: 'Create an account' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { level: 1, name: 'Today' })).not.toBeInTheDocument();
  });

  it('shows the banner when the network drops, and takes it away when it is back', async () => {
    savedDay();
    renderApp('/', { restoreSession: true });
    await screen.findByRole('heading', { level: 1, name: 'Today' });
    expect(screen.queryByText('You’re offline — showing what was saved.')).not.toBeInTheDocument();

    goOnline(false);
    expect(screen.getByText('You’re offline — showing what was saved.')).toBeInTheDocument();

    goOnline(true);
    expect(screen.queryByText('You’re offline — showing what was saved.')).not.toBeInTheDocument();
  });

  it('keeps captures typed offline, says they will be sent, then sends them in order, each once, when back online', async () => {
    const host = savedDay({
      'POST /api/v1/conversations': () => ({ id: 'c1', title: 'Quick capture', channel: 'web', archived: false, awaitingAnswer: false, createdAt: '2026-11-25T10:00:00Z', updatedAt: '2026-11-25T10:00:00Z' }),
      // The assistant's answer takes longer than the wait: it will be in the chat.
      'POST /api/v1/conversations/:id/messages': ({ body }) => ({
        message: { id: 'm1', conversationId: 'c1', role: 'user', channel: 'web', text: (body as { text: string }).text, replyTo: null, actions: [], createdAt: '2026-11-25T10:00:00Z' },
      }),
    });
    const user = userEvent.setup();
    renderApp('/', { restoreSession: true });
    const box = await screen.findByRole('textbox', { name: 'What is on your mind?' });
    goOnline(false);

    for (const words of ['buy stamps', 'call the bank tomorrow']) {
      await user.type(box, words);
      await user.click(screen.getByRole('button', { name: 'Save' }));
      await waitFor(() => {
        expect(box).toHaveValue('');
      });
    }

    const capture = screen.getByRole('region', { name: 'Quick capture' });
    const waiting = within(capture).getByRole('list');
    expect(within(waiting).getAllByRole('listitem').map((item) => item.firstChild?.textContent)).toEqual(['buy stamps', 'call the bank tomorrow']);
    expect(within(waiting).getAllByText('Will be sent when you’re back online.')).toHaveLength(2);
    const said = () => host.posted().filter((call) => call.path === '/api/v1/conversations/c1/messages').map((call) => call.body);
    expect(said()).toEqual([]);

    goOnline(true);

    expect(await within(capture).findByText(/^The 2 things you wrote offline are sent\./)).toBeInTheDocument();
    expect(said()).toEqual([{ text: 'buy stamps' }, { text: 'call the bank tomorrow' }]);
    expect(within(capture).queryByText('Will be sent when you’re back online.')).not.toBeInTheDocument();

    goOnline(false);
    goOnline(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(said()).toHaveLength(2);
  });
});
