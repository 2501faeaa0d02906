import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { formatDateTime } from '../../ui/dates';
import { browserTimeZone } from '../../ui/timeZone';
import { problem, stubApi } from '../../test/fakeApi';
import { renderWithClient } from '../../test/render';
import type { Reminder } from './reminders';
import { RemindersPage } from './RemindersPage';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function reminder(text: string, nextAt: string, extra: Partial<Reminder> = {}): Reminder {
  return {
    id: `r-${text.replace(/\W/g, '')}`,
    text,
    when: nextAt,
    nextAt,
    timeZone: 'Europe/Paris',
    rrule: null,
    channels: ['web'],
    taskId: null,
    status: 'scheduled',
    urgent: false,
    nudgesPaused: false,
    upcoming: [],
    deliveries: [],
    createdAt: '2026-11-25T08:00:00Z',
    updatedAt: '2026-11-25T08:00:00Z',
    repeatBroken: false,
    ...extra,
  };
}

const inPlay = new Set(['scheduled', 'snoozed', 'delivered']);

/** A page as the server answers it, with its status filter ("active": still in play) applied. */
function page(items: Reminder[], query = new URLSearchParams()) {
  const status = query.get('status');
  const shown = status === null ? items : items.filter((r) => (status === 'active' ? inPlay.has(r.status) : r.status === status));
  return { items: shown, page: 1, pageSize: 100, total: shown.length };
}

describe('RemindersPage', () => {
  it('starts empty, keeps what was typed on a refusal, adds a reminder and shows it in local time', async () => {
    let all: Reminder[] = [reminder('old one', '2026-11-20T08:00:00Z', { status: 'acknowledged' })];
    const api = stubApi({
      'GET /api/v1/reminders': ({ query }) => page(all, query),
      'POST /api/v1/reminders': ({ body }) => {
        const { text, when } = body as { text: string; when: string };
        if (when === 'whenever') {
          return problem(400, 'One or more fields are not right.', { when: ['“whenever” is not a time I understand.'] });
        }
        all = [...all, reminder(text, '2026-11-26T14:30:00Z')];
        return all.at(-1);
      },
    });
    renderWithClient(<RemindersPage />);

    expect(await screen.findByText(/No reminders coming up/)).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText('Remind me to'), 'call the dentist');
    await userEvent.type(screen.getByLabelText('When'), 'whenever');
    await userEvent.click(screen.getByRole('button', { name: 'Add reminder' }));
    expect(await screen.findByText('“whenever” is not a time I understand.')).toBeInTheDocument();
    expect(screen.getByLabelText('Remind me to')).toHaveValue('call the dentist');

    await userEvent.clear(screen.getByLabelText('When'));
    await userEvent.type(screen.getByLabelText('When'), 'tomorrow at 3:30pm');
    await userEvent.click(screen.getByRole('button', { name: 'Add reminder' }));

    const local = formatDateTime('en', '2026-11-26T14:30:00Z', browserTimeZone());
    expect(await screen.findByText(`Got it: call the dentist, ${local}.`)).toBeInTheDocument();
    expect(await screen.findByText(local)).toBeInTheDocument();
    expect(screen.queryByText('old one')).not.toBeInTheDocument();
    expect(api.posted().at(-1)?.body).toEqual({ text: 'call the dentist', when: 'tomorrow at 3:30pm' });
  });

  it('snoozes, says got it, and deletes after confirming', async () => {
    let all = [reminder('take the pills', '2026-11-25T09:00:00Z', { status: 'delivered' })];
    const api = stubApi({
      'GET /api/v1/reminders': ({ query }) => page(all, query),
      'POST /api/v1/reminders/:id/snooze': ({ body }) => {
        const snoozed = reminder('take the pills', '2026-11-25T09:10:00Z', { status: 'snoozed' });
        all = [snoozed];
        expect(body).toEqual({ minutes: 10 });
        return snoozed;
      },
      'POST /api/v1/reminders/:id/acknowledge': () => ({ ...all[0], status: 'acknowledged' }),
      'DELETE /api/v1/reminders/:id': () => {
        all = [];
        return undefined;
      },
    });
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    renderWithClient(<RemindersPage />);

    expect(await screen.findByText('Sent')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Snooze 10 min: take the pills' }));
    expect(await screen.findByText(`Snoozed: take the pills, now ${formatDateTime('en', '2026-11-25T09:10:00Z', browserTimeZone())}.`)).toBeInTheDocument();
    expect(await screen.findByText('Snoozed')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Got it: take the pills' }));
    expect(await screen.findByText('Done with: take the pills.')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Delete: take the pills' }));
    expect(await screen.findByText('Deleted: take the pills.')).toBeInTheDocument();
    expect(api.posted().map((call) => `${call.method} ${call.path}`)).toEqual([
      'POST /api/v1/reminders/r-takethepills/snooze',
      'POST /api/v1/reminders/r-takethepills/acknowledge',
      'DELETE /api/v1/reminders/r-takethepills',
    ]);
  });

  it('shows the reminders still in play by default, and all of them, finished ones included, on request', async () => {
    const all = [
      reminder('water the plants', '2026-11-26T08:00:00Z'),
      reminder('take the pills', '2026-11-25T09:00:00Z', { status: 'delivered' }),
      reminder('call mom', '2026-11-24T15:00:00Z', { status: 'acknowledged', nextAt: null }),
      reminder('old idea', '2026-11-20T12:00:00Z', { status: 'cancelled', nextAt: null }),
    ];
    const api = stubApi({ 'GET /api/v1/reminders': ({ query }) => page(all, query) });
    renderWithClient(<RemindersPage />);

    expect(await screen.findByText('water the plants')).toBeInTheDocument();
    expect(screen.getByText('take the pills')).toBeInTheDocument();
    expect(screen.queryByText('call mom')).not.toBeInTheDocument();
    expect(api.calls.at(-1)?.query.get('status')).toBe('active');
    const views = screen.getByRole('group', { name: 'Which reminders' });
    expect(within(views).getByRole('button', { name: 'Still to come' })).toHaveAttribute('aria-pressed', 'true');

    await userEvent.click(within(views).getByRole('button', { name: 'All, with finished ones' }));

    expect(await screen.findByText('call mom')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'All reminders' })).toBeInTheDocument();
    expect(api.calls.at(-1)?.query.has('status')).toBe(false);
    expect(within(views).getByRole('button', { name: 'All, with finished ones' })).toHaveAttribute('aria-pressed', 'true');
    const done = screen.getByText('call mom').closest('li');
    expect(done).not.toBeNull();
    expect(within(done as HTMLElement).getByText('Done')).toBeInTheDocument();
    expect(within(done as HTMLElement).queryByRole('button', { name: 'Got it: call mom' })).not.toBeInTheDocument();
    expect(within(done as HTMLElement).getByRole('button', { name: 'Delete: call mom' })).toBeInTheDocument();
    expect(screen.getByText('Cancelled')).toBeInTheDocument();

    await userEvent.click(within(views).getByRole('button', { name: 'Still to come' }));
    await vi.waitFor(() => {
      expect(screen.queryByText('call mom')).not.toBeInTheDocument();
    });
  });
  it('checks a reminder before sending it, puts the server\'s field errors beside their fields and the rest in the alert', async () => {
    let answer = () => problem(400, 'One or more fields are not right.', { text: ['Keep the reminder under 500 characters.'] });
    const api = stubApi({
      'GET /api/v1/reminders': ({ query }) => page([], query),
      'POST /api/v1/reminders': () => answer(),
    });
    renderWithClient(<RemindersPage />);
    const form = await screen.findByRole('form', { name: 'Add a reminder' });

    await userEvent.type(within(form).getByLabelText('When'), 'x'.repeat(201));
    await userEvent.click(within(form).getByRole('button', { name: 'Add reminder' }));
    expect(await within(form).findByText('Please fill this in.')).toBeInTheDocument();
    expect(within(form).getByLabelText('Remind me to')).toHaveAccessibleDescription('Please fill this in.');
    expect(within(form).getByLabelText('When')).toHaveAccessibleDescription(
      'Words work: tomorrow at 9am, in 20 minutes, every weekday at 8am. A little long: 200 characters at most.',
    );
    expect(api.posted()).toEqual([]);

    await userEvent.type(within(form).getByLabelText('Remind me to'), 'call the dentist');
    await userEvent.clear(within(form).getByLabelText('When'));
    await userEvent.type(within(form).getByLabelText('When'), 'tomorrow');
    await userEvent.click(within(form).getByRole('button', { name: 'Add reminder' }));
    await vi.waitFor(() => {
      expect(within(form).getByLabelText('Remind me to')).toHaveAccessibleDescription('Keep the reminder under 500 characters.');
    });
    expect(within(form).getByLabelText('Remind me to')).toHaveFocus();
    expect(screen.getByRole('alert')).toHaveTextContent('');

    answer = () => problem(429, 'That is a lot of reminders at once. Try again in a minute.');
    await userEvent.click(within(form).getByRole('button', { name: 'Add reminder' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That is a lot of reminders at once. Try again in a minute.');
    expect(within(form).getByLabelText('Remind me to')).not.toHaveAttribute('aria-invalid');
  });
});
