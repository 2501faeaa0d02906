import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { stubApi } from '../../test/fakeApi';
import { endSignedInSession, renderApp, renderWithClient } from '../../test/render';
import { stubSignedInApi } from '../../test/signedIn';
import { page, task } from '../../test/tasks';
import { pauseFocus, startFocus } from './focusTimer';
import { TasksPage } from './TasksPage';

const minute = 60_000;


const bank = task('call the bank');

/** The tasks list with "call the bank" open, until it is completed. */
function stubTasks() {
  let open = [bank];
  return stubApi({
    'GET /api/v1/tasks': () => page(open),
    'POST /api/v1/tasks/:id/complete': () => {
      open = [];
      return { ...bank, status: 'done' };
    },
  });
}

/** Time passes as the page sees it: the clock moves on and its tick each second runs, one more to be sure it read the end of `ms`. */
function pass(ms: number) {
  act(() => {
    vi.advanceTimersByTime(ms + 1000);
  });
}

function stored(timer: ReturnType<typeof startFocus>) {
  localStorage.setItem('pa.focus', JSON.stringify(timer));
}

/**
 * Lets the page finish mounting: React runs effects (the clock's ticking among them) on the real event loop, which a
 * page restored in the background has not reached yet when its text is found.
 */
async function settle() {
  await act(() => new Promise<void>((resolve) => { setTimeout(resolve, 50); }));
}

const status = () => screen.getAllByRole('status').find((element) => element.tagName === 'P' && element.hasAttribute('tabindex'));

beforeEach(() => {
  // Time moves on its own for the test library's waiting, and jumps when the test says so.
  vi.useFakeTimers({ shouldAdvanceTime: true });
  vi.setSystemTime(new Date('2026-12-07T09:00:00Z'));
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  localStorage.clear();
});

async function startFocusOnBank(user: ReturnType<typeof userEvent.setup>, length?: string) {
  await user.click(await screen.findByRole('button', { name: 'Focus: call the bank' }));
  const lengths = screen.getByRole('group', { name: 'How long?' });
  expect(within(lengths).getByRole('button', { name: '15 min' })).toHaveAttribute('aria-pressed', 'true');
  if (length) {
    await user.click(within(lengths).getByRole('button', { name: length }));
  }
  await user.click(screen.getByRole('button', { name: 'Start' }));
  return screen.getByRole('region', { name: 'Focus' });
}

describe('FocusTimer', () => {
  it('starts for 15 minutes by default, pauses without losing time, resumes, and tells only the milestones', async () => {
    stubTasks();
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderWithClient(<TasksPage />);

    const timer = await startFocusOnBank(user);
    expect(within(timer).getByText('call the bank')).toBeInTheDocument();
    expect(within(timer).getByText('15 min left')).toBeInTheDocument();
    expect(timer).toHaveFocus();
    expect(status()).toHaveTextContent('Focus started: 15 minutes for call the bank.');
    const progress = within(timer).getByRole('progressbar', { name: 'Time spent' });
    expect(progress).toHaveAttribute('max', '15');
    expect(progress).toHaveAttribute('value', '0');

    pass(4 * minute);
    expect(within(timer).getByText('11 min left')).toBeInTheDocument();
    expect(progress).toHaveAttribute('value', '4');
    expect(progress).toHaveAttribute('aria-valuetext', '11 min left of 15');
    // Minutes passing are not read out.
    expect(status()).toHaveTextContent('Focus started: 15 minutes for call the bank.');

    await user.click(within(timer).getByRole('button', { name: 'Pause' }));
    expect(status()).toHaveTextContent('Paused. 11 min left.');
    pass(30 * minute);
    expect(within(timer).getByText('11 min left')).toBeInTheDocument();
    expect(within(timer).getByText('Paused')).toBeInTheDocument();

    await user.click(within(timer).getByRole('button', { name: 'Resume' }));
    expect(status()).toHaveTextContent('Going again. 11 min left.');
    expect(within(timer).queryByText('Paused')).not.toBeInTheDocument();

    pass(6 * minute);
    expect(within(timer).getByText('5 min left')).toBeInTheDocument();
    expect(status()).toHaveTextContent('5 min left');

    await user.click(within(timer).getByRole('button', { name: '+5 min' }));
    expect(status()).toHaveTextContent('5 more minutes. 10 min left.');
    expect(within(timer).getByText('10 min left')).toBeInTheDocument();
    expect(progress).toHaveAttribute('max', '20');

    await user.click(within(timer).getByRole('button', { name: 'Stop' }));
    expect(screen.queryByRole('region', { name: 'Focus' })).not.toBeInTheDocument();
    expect(status()).toHaveTextContent('Timer stopped. The task stays on the list.');
    expect(status()).toHaveFocus();
    expect(localStorage.getItem('pa.focus')).toBeNull();
  });

  it('ends gently, and Mark done completes the task', async () => {
    const api = stubTasks();
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderWithClient(<TasksPage />);

    const timer = await startFocusOnBank(user, '5 min');
    expect(within(timer).getByText('5 min left')).toBeInTheDocument();

    pass(4 * minute + 30_000);
    expect(status()).toHaveTextContent('1 min left');

    pass(minute);
    const end = 'Time is up for “call the bank”. Every minute you gave it counts.';
    expect(within(timer).getByText(end)).toBeInTheDocument();
    expect(status()).toHaveTextContent(end);
    expect(within(timer).queryByRole('button', { name: 'Pause' })).not.toBeInTheDocument();

    await user.click(within(timer).getByRole('button', { name: 'Mark done' }));
    expect(await screen.findByText('Done: call the bank. Nice.')).toBeVisible();
    expect(status()).toHaveFocus();
    expect(screen.queryByRole('region', { name: 'Focus' })).not.toBeInTheDocument();
    expect(api.posted()).toMatchObject([{ method: 'POST', path: '/api/v1/tasks/t-callthebank/complete' }]);
    expect(await screen.findByText('Nothing due today. Nice.')).toBeInTheDocument();
  });

  it('offers five more minutes or a break at the end', async () => {
    stubTasks();
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderWithClient(<TasksPage />);

    const timer = await startFocusOnBank(user, '5 min');
    pass(5 * minute);
    await user.click(within(timer).getByRole('button', { name: '5 more minutes' }));
    expect(status()).toHaveTextContent('5 more minutes. 5 min left.');
    expect(within(timer).getByText('5 min left')).toBeInTheDocument();
    expect(within(timer).getByRole('progressbar')).toHaveAttribute('max', '5');

    pass(5 * minute);
    await user.click(within(timer).getByRole('button', { name: 'Take a break' }));
    expect(status()).toHaveTextContent('Enjoy the break. The task will be here after it.');
    expect(localStorage.getItem('pa.focus')).toBeNull();
  });

  it('comes back after a reload with the time the clock says, without announcing it again', async () => {
    stubTasks();
    stored(startFocus(bank, 25, Date.now() - 10 * minute));
    const first = renderWithClient(<TasksPage />);

    const timer = await screen.findByRole('region', { name: 'Focus' });
    expect(within(timer).getByText('15 min left')).toBeInTheDocument();
    expect(status()).toHaveTextContent('');
    first.unmount();

    // A paused timer, read back after a long while away.
    stored(pauseFocus(startFocus(bank, 15, Date.now() - 3 * minute), Date.now()));
    vi.setSystemTime(Date.now() + 2 * 60 * minute);
    renderWithClient(<TasksPage />);
    const paused = await screen.findByRole('region', { name: 'Focus' });
    expect(within(paused).getByText('12 min left')).toBeInTheDocument();
    expect(within(paused).getByRole('button', { name: 'Resume' })).toBeInTheDocument();
  });

  it('says when starting replaces the timer of another task, and a cancelled choice gives the keyboard back', async () => {
    stubTasks();
    stored(startFocus({ id: 't-other', title: 'water the plants' }, 15, Date.now()));
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderWithClient(<TasksPage />);

    const open = await screen.findByRole('button', { name: 'Focus: call the bank' });
    await user.click(open);
    expect(open).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('This replaces the timer running now for “water the plants”.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(open).toHaveFocus();
    expect(within(screen.getByRole('region', { name: 'Focus' })).getByText('water the plants')).toBeInTheDocument();

    await startFocusOnBank(user, '25 min');
    const timer = screen.getByRole('region', { name: 'Focus' });
    expect(within(timer).getByText('call the bank')).toBeInTheDocument();
    expect(within(timer).getByText('25 min left')).toBeInTheDocument();
    expect(status()).toHaveTextContent('Focus started: 25 minutes for call the bank.');
  });
});

/** The browser's notifications, with the permission the person gave; what was shown and asked is recorded. */
function stubNotifications(permission: NotificationPermission) {
  const shown = vi.fn<(title: string, body: string | undefined) => void>();
  const requestPermission = vi.fn();
  vi.stubGlobal(
    'Notification',
    Object.assign(
      function Notification(title: string, options?: NotificationOptions) {
        shown(title, options?.body);
      },
      { permission, requestPermission },
    ),
  );
  return { shown, requestPermission };
}

describe('FocusIndicator', () => {
  afterEach(() => {
    endSignedInSession();
  });

  it('shows the running timer in the header away from Tasks, and tells the end once by a notification when allowed', async () => {
    const { shown } = stubNotifications('granted');
    stubSignedInApi({ 'GET /api/v1/tasks': () => page([bank]), 'GET /api/v1/tasks/next': () => ({ task: null, reasons: [], message: '' }) });
    stored(startFocus(bank, 5, Date.now() - 2 * minute));
    renderApp('/more', { restoreSession: true });

    const banner = await screen.findByRole('banner');
    const link = await within(banner).findByRole('link', { name: 'Focus: 3 min' });
    await settle();
    expect(link).toHaveAttribute('href', '/tasks');

    pass(3 * minute);
    expect(within(banner).getByRole('link', { name: 'Focus: time is up' })).toBeInTheDocument();
    expect(shown.mock.calls).toEqual([['Focus time is up', 'call the bank: every minute you gave it counts.']]);
    expect(localStorage.getItem('pa.focus')).toContain('"endTold":true');
    pass(10_000);
    expect(shown).toHaveBeenCalledTimes(1);
  });

  it('asks nothing and shows no notification when notifications were not allowed', async () => {
    const { shown, requestPermission } = stubNotifications('default');
    stubSignedInApi({ 'GET /api/v1/tasks': () => page([bank]) });
    stored(pauseFocus(startFocus(bank, 5, Date.now() - 2 * minute), Date.now()));
    renderApp('/more', { restoreSession: true });

    const banner = await screen.findByRole('banner');
    const link = await within(banner).findByRole('link', { name: 'Focus paused: 3 min' });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.click(link);
    expect(await screen.findByRole('heading', { level: 1, name: 'Tasks' })).toBeInTheDocument();
    // On Tasks the timer itself is shown; the header stays quiet.
    expect(within(banner).queryByRole('link', { name: /^Focus/ })).not.toBeInTheDocument();
    const timer = screen.getByRole('region', { name: 'Focus' });
    await user.click(within(timer).getByRole('button', { name: 'Resume' }));
    pass(3 * minute);
    expect(within(timer).getByText('Time is up for “call the bank”. Every minute you gave it counts.')).toBeInTheDocument();
    expect(shown).not.toHaveBeenCalled();
    expect(requestPermission).not.toHaveBeenCalled();
  });

  it('starts a short focus from the suggestion on Today, and goes to it on Tasks', async () => {
    stubSignedInApi({
      'GET /api/v1/tasks/next': () => ({ task: bank, reasons: ['It is due today.'], message: 'It is due today.' }),
      'GET /api/v1/tasks': () => page([bank]),
      'GET /api/v1/events': () => [],
      'GET /api/v1/reminders': () => page([]),
      'POST /api/v1/tasks/:id/breakdown': () => ({ kind: 'general', source: 'library', steps: [], applied: false, subtasks: [] }),
    });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderApp('/', { restoreSession: true });

    const now = await screen.findByRole('region', { name: 'Now' });
    await user.click(await within(now).findByRole('button', { name: 'Focus 15 min: call the bank' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Tasks' })).toBeInTheDocument();
    const timer = screen.getByRole('region', { name: 'Focus' });
    expect(within(timer).getByText('call the bank')).toBeInTheDocument();
    expect(within(timer).getByText('15 min left')).toBeInTheDocument();
  });
});
