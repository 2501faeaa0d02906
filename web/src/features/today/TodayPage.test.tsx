import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, vi } from 'vitest';
import { problem, type ApiCall } from '../../test/fakeApi';
import { endSignedInSession, renderApp } from '../../test/render';
import { stubSignedInApi } from '../../test/signedIn';
import { page, task } from '../../test/tasks';
import { addDays, instantFromWallTime, todayIn } from '../../ui/dates';

/** The profile's zone: Today reads "today" there, as the server does. */
const zone = 'Europe/Paris';
const today = todayIn(zone);
const at = (time: string, day = today) => instantFromWallTime(`${day}T${time}`, zone).toISOString();

afterEach(() => {
  endSignedInSession();
  vi.unstubAllGlobals();
  localStorage.clear();
});



/** A host with nothing in it but what `routes` add. */
function quietDay(routes: Parameters<typeof stubSignedInApi>[0] = {}) {
  return stubSignedInApi({
    'GET /api/v1/tasks/next': () => ({ task: null, reasons: [], message: 'Nothing is open.' }),
    'GET /api/v1/tasks': () => page([]),
    'GET /api/v1/events': () => [],
    'GET /api/v1/reminders': () => page([]),
    ...routes,
  });
}

describe('Today', () => {
  it('is the home page of a signed-in person, with kind words when there is nothing yet', async () => {
    quietDay();
    renderApp('/', { restoreSession: true });

    expect(await screen.findByRole('heading', { level: 1, name: 'Today' })).toBeInTheDocument();
    expect(await screen.findByText('Nothing open right now. Enjoy the break.')).toBeInTheDocument();
    expect(await screen.findByText('Nothing on the calendar and no reminders today. The day is yours.')).toBeInTheDocument();
    expect(await screen.findByText('Nothing ticked off yet. Whatever you get done today counts.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'What is on your mind?' })).toBeInTheDocument();
  });

  it('suggests one task with its reason and a small first step; Done finishes it, Not now offers another', async () => {
    const taxes = task('do the taxes', { dueDate: today });
    const plants = task('water the plants');
    let open = [taxes, plants];
    const host = quietDay({
      'GET /api/v1/tasks/next': () => ({ task: open[0] ?? null, reasons: open[0] ? ['It is due today.'] : [], message: '' }),
      'GET /api/v1/tasks': ({ query }) => page(query.get('status') === 'done' ? [] : query.get('view') === 'today' ? open.filter((t) => t.dueDate === today) : open),
      'POST /api/v1/tasks/:id/breakdown': ({ params }) => ({
        kind: 'general',
        source: 'library',
        steps: [{ title: params[0] === taxes.id ? 'Open the folder' : 'Fill the watering can', estimatedMinutes: 2 }],
        applied: false,
        subtasks: [],
      }),
      'POST /api/v1/tasks/:id/complete': ({ params }) => {
        const done = open.find((t) => t.id === params[0]);
        open = open.filter((t) => t.id !== params[0]);
        return { ...done, status: 'done', completedAt: new Date().toISOString() };
      },
    });
    const user = userEvent.setup();
    renderApp('/', { restoreSession: true });

    const now = await screen.findByRole('region', { name: 'Now' });
    expect(await within(now).findByText('do the taxes')).toBeInTheDocument();
    expect(within(now).getByText('It is due today.')).toBeInTheDocument();
    expect(await within(now).findByText('First small step: Open the folder')).toBeInTheDocument();

    await user.click(within(now).getByRole('button', { name: 'Not now: do the taxes' }));
    expect(await within(now).findByText('water the plants')).toBeInTheDocument();
    expect(within(now).getByText('Another one from your list.')).toBeInTheDocument();
    expect(await within(now).findByText('First small step: Fill the watering can')).toBeInTheDocument();

    await user.click(within(now).getByRole('button', { name: 'Done: water the plants' }));
    expect(await within(now).findByText('Done: water the plants. Nicely handled.')).toBeInTheDocument();
    expect(host.posted().map((call: ApiCall) => call.path)).toContain(`/api/v1/tasks/${plants.id}/complete`);
  });

  it('asks for a task that fits the energy chosen, and remembers the choice', async () => {
    const host = quietDay();
    const user = userEvent.setup();
    const { unmount } = renderApp('/', { restoreSession: true });

    await user.click(await screen.findByRole('button', { name: 'Low' }));

    expect(screen.getByRole('button', { name: 'Low' })).toHaveAttribute('aria-pressed', 'true');
    expect(await screen.findByText(/Nothing on your list fits that energy/)).toBeInTheDocument();
    await waitFor(() => {
      expect(host.calls.some((call) => call.path === '/api/v1/tasks/next' && call.query.get('energy') === 'low')).toBe(true);
    });
    unmount();

    renderApp('/', { restoreSession: true });
    expect(await screen.findByRole('button', { name: 'Low' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('shows the day in order, what rolled over without alarm, and what got done', async () => {
    quietDay({
      'GET /api/v1/events': () => [
        { eventId: 'e1', title: 'Dentist', start: at('14:30'), end: at('15:00'), location: null, repeats: false, repeatBroken: false },
      ],
      'GET /api/v1/reminders': () =>
        page([
          { id: 'r1', text: 'call mom', nextAt: at('09:15'), when: null, timeZone: zone, rrule: null, channels: ['web'], taskId: null, status: 'scheduled', urgent: false, nudgesPaused: false, upcoming: [], deliveries: [], createdAt: at('08:00'), updatedAt: at('08:00'), repeatBroken: false },
          { id: 'r2', text: 'renew passport', nextAt: at('09:00', addDays(today, 3)), when: null, timeZone: zone, rrule: null, channels: ['web'], taskId: null, status: 'scheduled', urgent: false, nudgesPaused: false, upcoming: [], deliveries: [], createdAt: at('08:00'), updatedAt: at('08:00'), repeatBroken: false },
        ]),
      'GET /api/v1/tasks': ({ query }) => {
        if (query.get('view') === 'today') {
          return page([task('pay rent', { dueDate: today })]);
        }
        if (query.get('view') === 'overdue') {
          return page([task('tax forms', { dueDate: addDays(today, -3) }), task('book a table', { dueDate: addDays(today, -1) })]);
        }
        if (query.get('status') === 'done') {
          return page([task('laundry', { status: 'done', completedAt: at('08:30') }), task('old thing', { status: 'done', completedAt: at('08:30', addDays(today, -2)) })]);
        }
        return page([]);
      },
    });
    renderApp('/', { restoreSession: true });

    const day = await screen.findByRole('region', { name: 'Your day' });
    const items = await within(day).findAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual(['9:15 AMcall momReminder', '2:30 PMDentistEvent', 'Any time todaypay rentTask']);
    expect(within(day).getByText(/2 tasks rolled over from before. No rush./)).toBeInTheDocument();
    expect(within(day).getByRole('link', { name: 'See them in Tasks' })).toHaveAttribute('href', '/tasks');

    const done = screen.getByRole('region', { name: 'Done today' });
    expect(await within(done).findByText('One thing done today.')).toBeInTheDocument();
    expect(within(done).getByText('laundry')).toBeInTheDocument();
    expect(within(done).queryByText('old thing')).not.toBeInTheDocument();
  });

  it('captures a line through the assistant, shows what was saved, and undoes it in one tap', async () => {
    const conversation = { id: 'c1', title: 'Quick capture', channel: 'web', archived: false, awaitingAnswer: false, createdAt: at('08:00'), updatedAt: at('08:00') };
    const message = (id: number, role: string, text: string, actions: unknown[] = []) => ({
      id,
      conversationId: 'c1',
      role,
      channel: 'web',
      text,
      replyTo: null,
      actions,
      createdAt: at('08:00'),
    });
    const host = quietDay({
      'POST /api/v1/conversations': () => conversation,
      'POST /api/v1/conversations/:id/messages': ({ body }) =>
        (body as { text: string }).text === 'undo'
          ? { message: message(3, 'user', 'undo'), reply: message(4, 'assistant', 'Undone: call mom.') }
          : {
              message: message(1, 'user', 'remind me to call mom tomorrow at 3pm'),
              reply: message(2, 'assistant', 'Got it: call mom, tomorrow 3:00 PM.', [
                { kind: 'reminder.created', summary: 'call mom, tomorrow 3:00 PM', entityId: 'r9' },
              ]),
            },
    });
    const user = userEvent.setup();
    renderApp('/', { restoreSession: true });

    await user.type(await screen.findByRole('textbox', { name: 'What is on your mind?' }), 'remind me to call mom tomorrow at 3pm');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Got it: call mom, tomorrow 3:00 PM.')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'What the assistant did' })).toHaveTextContent('call mom, tomorrow 3:00 PM');
    expect(screen.getByRole('textbox', { name: 'What is on your mind?' })).toHaveValue('');
    const sent = host.posted().filter((call) => call.path === '/api/v1/conversations/c1/messages');
    expect(sent.map((call) => call.body)).toEqual([{ text: 'remind me to call mom tomorrow at 3pm' }]);
    expect(host.posted().find((call) => call.path === '/api/v1/conversations')?.body).toEqual({ title: 'Quick capture' });

    await user.click(screen.getByRole('button', { name: 'Undo' }));

    expect(await screen.findByText('Undone: call mom.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument();
    expect(host.posted().filter((call) => call.path === '/api/v1/conversations/c1/messages').map((call) => call.body)).toEqual([
      { text: 'remind me to call mom tomorrow at 3pm' },
      { text: 'undo' },
    ]);
  });
  it('says the answer will be in Chat when the assistant takes longer, and keeps what was typed when sending fails', async () => {
    let fail = true;
    const host = quietDay({
      'POST /api/v1/conversations': () => ({ id: 'c1', title: 'Quick capture', channel: 'web', archived: false, awaitingAnswer: false, createdAt: at('08:00'), updatedAt: at('08:00') }),
      'POST /api/v1/conversations/:id/messages': () =>
        fail ? problem(429, 'That is a lot of messages at once. Try again in a minute.') : new Response(JSON.stringify({ messageId: 5, conversationId: 'c1' }), { status: 202, headers: { 'Content-Type': 'application/json' } }),
    });
    const user = userEvent.setup();
    renderApp('/', { restoreSession: true });
    const box = await screen.findByRole('textbox', { name: 'What is on your mind?' });

    await user.type(box, 'milk eggs bread');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('That is a lot of messages at once. Try again in a minute.');
    expect(box).toHaveValue('milk eggs bread');

    fail = false;
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText(/The assistant is still on it/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open Chat' })).toHaveAttribute('href', '/assistant');
    expect(box).toHaveValue('');
    // One capture conversation, created once and reused.
    expect(host.posted().filter((call) => call.path === '/api/v1/conversations')).toHaveLength(1);
    expect(localStorage.getItem('pa.captureConversation.u1')).toBe('c1');
  });
});
