import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { formatDateTime, instantFromWallTime } from '../../ui/dates';
import { browserTimeZone } from '../../ui/timeZone';
import { problem, stubApi } from '../../test/fakeApi';
import { renderWithClient } from '../../test/render';
import { weekStart, type Occurrence } from './events';
import { EventsPage } from './EventsPage';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  localStorage.clear();
});

/** A screen as wide as Tailwind's `md:` (a desktop window), or a phone's. */
function screenIsWide(wide: boolean) {
  vi.stubGlobal('matchMedia', (media: string) => ({ matches: wide, media, addEventListener: vi.fn(), removeEventListener: vi.fn() }));
}

const longDay = (day: Date) => new Intl.DateTimeFormat('en', { weekday: 'long', month: 'long', day: 'numeric' }).format(day);

/** Tomorrow at 14:30 local, or today when tomorrow is next week, so the event is always in this week's list. */
function thisWeekAfternoon(): Date {
  const day = new Date();
  const monday = instantFromWallTime(weekStart(browserTimeZone(), 0), browserTimeZone());
  const next = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1, 14, 30);
  return next.getTime() < monday.getTime() + 7 * 24 * 3600 * 1000 ? next : new Date(day.getFullYear(), day.getMonth(), day.getDate(), 14, 30);
}

function eventsHost() {
  let occurrences: Occurrence[] = [];
  let feedOn = false;
  const api = stubApi({
    'GET /api/v1/events/feed': () => ({ enabled: feedOn, since: feedOn ? '2026-11-25T10:00:00Z' : null }),
    'POST /api/v1/events/feed/rotate': () => {
      feedOn = true;
      return { url: `https://pa.example.test/calendar/${String(api.calls.length)}.ics` };
    },
    'GET /api/v1/events': ({ query }) => {
      const from = Date.parse(query.get('from') ?? '');
      const to = Date.parse(query.get('to') ?? '');
      return occurrences.filter((o) => Date.parse(o.start) >= from && Date.parse(o.start) < to);
    },
    'POST /api/v1/events': ({ body }) => {
      const request = body as { title: string; location: string | null };
      const start = thisWeekAfternoon();
      const end = new Date(start.getTime() + 60 * 60 * 1000);
      occurrences = [...occurrences, { eventId: 'e1', title: request.title, start: start.toISOString(), end: end.toISOString(), location: request.location, repeats: false, repeatBroken: false }];
      return {
        id: 'e1',
        title: request.title,
        start: start.toISOString(),
        end: end.toISOString(),
        timeZone: 'Europe/Paris',
        location: request.location,
        notes: null,
        rrule: null,
        createdAt: '2026-11-25T10:00:00Z',
        updatedAt: '2026-11-25T10:00:00Z',
      };
    },
    'POST /api/v1/events/import': ({ body }) => {
      if (typeof body !== 'string' || !body.startsWith('BEGIN:VCALENDAR')) {
        return problem(400, 'Please check what you sent.', { file: ['That file is not a calendar (.ics).'] });
      }
      const start = thisWeekAfternoon();
      occurrences = [
        ...occurrences,
        { eventId: 'e9', title: 'yoga', start: start.toISOString(), end: new Date(start.getTime() + 3600_000).toISOString(), location: null, repeats: false, repeatBroken: false },
      ];
      return { imported: 12, alreadyThere: 3, skipped: 0 };
    },
    'DELETE /api/v1/events/:id': () => {
      occurrences = [];
      return undefined;
    },
  });
  return api;
}

const calendarFile = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:yoga-1', 'SUMMARY:yoga', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');

/** A repeating event with two occurrences this week (Tuesday and Thursday at 9:30 local), as the server expands it. */
function repeatingHost() {
  const monday = instantFromWallTime(weekStart(browserTimeZone(), 0), browserTimeZone());
  const at = (days: number) => new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + days, 9, 30);
  let occurrences: Occurrence[] = [1, 3].map((days) => ({
    eventId: 'e7',
    title: 'standup',
    start: at(days).toISOString(),
    end: new Date(at(days).getTime() + 15 * 60 * 1000).toISOString(),
    location: null,
    repeats: true,
    repeatBroken: false,
  }));
  const api = stubApi({
    'GET /api/v1/events/feed': () => ({ enabled: false, since: null }),
    'GET /api/v1/events': () => occurrences,
    'DELETE /api/v1/events/:id/occurrences/:start': ({ params }) => {
      const start = decodeURIComponent(params[1] ?? '');
      occurrences = occurrences.filter((o) => o.start !== start);
      return undefined;
    },
    'DELETE /api/v1/events/:id': () => {
      occurrences = [];
      return undefined;
    },
  });
  return { api, tuesday: at(1), thursday: at(3) };
}

describe('EventsPage', () => {
  it('shows an empty week, adds an event in words, lists it under its day, and deletes it after confirming', async () => {
    const api = eventsHost();
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    renderWithClient(<EventsPage />);

    expect(await screen.findByText('Nothing on the calendar this week.')).toBeInTheDocument();
    const weekRequest = api.calls.find((call) => call.path === '/api/v1/events');
    expect(weekRequest?.query.get('from')).toBe(instantFromWallTime(weekStart(browserTimeZone(), 0), browserTimeZone()).toISOString());

    await userEvent.type(screen.getByLabelText('What'), 'dentist');
    await userEvent.type(screen.getByLabelText('When'), 'tomorrow at 2:30pm');
    await userEvent.type(screen.getByLabelText('Where (optional)'), 'Rue Oberkampf');
    await userEvent.click(screen.getByRole('button', { name: 'Add event' }));

    const start = thisWeekAfternoon();
    expect(await screen.findByText(`Got it: dentist, ${formatDateTime('en', start.toISOString(), browserTimeZone())}.`)).toBeInTheDocument();
    const dayName = new Intl.DateTimeFormat('en', { weekday: 'long', month: 'long', day: 'numeric' }).format(start);
    const day = await screen.findByRole('region', { name: dayName });
    expect(within(day).getByText('dentist')).toBeInTheDocument();
    expect(within(day).getByText(/Rue Oberkampf/)).toBeInTheDocument();
    expect(api.posted()[0]?.body).toEqual({ title: 'dentist', start: 'tomorrow at 2:30pm', durationMinutes: null, location: 'Rue Oberkampf' });

    await userEvent.click(within(day).getByRole('button', { name: 'Delete: dentist' }));
    expect(await screen.findByText('Deleted: dentist.')).toBeInTheDocument();
    expect(await screen.findByText('Nothing on the calendar this week.')).toBeInTheDocument();
  });

  it('says what is missing beside the field without asking the server', async () => {
    const api = eventsHost();
    renderWithClient(<EventsPage />);
    expect(await screen.findByText('Nothing on the calendar this week.')).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText('What'), 'dentist');
    await userEvent.type(screen.getByLabelText('How long, in minutes (optional)'), '0');
    await userEvent.click(screen.getByRole('button', { name: 'Add event' }));

    expect(await screen.findByText('Please fill this in.')).toBeInTheDocument();
    expect(screen.getByLabelText('When')).toHaveAccessibleDescription(expect.stringContaining('Please fill this in.'));
    expect(screen.getByLabelText('When')).toHaveFocus();
    expect(screen.getByLabelText('How long, in minutes (optional)')).toHaveAccessibleDescription('A whole number from 1 to 20160.');
    expect(api.posted()).toEqual([]);
  });

  it("shows the server's word about the start beside the field", async () => {
    stubApi({
      'GET /api/v1/events/feed': () => ({ enabled: false, since: null }),
      'GET /api/v1/events': () => [],
      'POST /api/v1/events': () => problem(400, 'Please check what you sent.', { start: ['That time is not one I can read yet.'] }),
    });
    renderWithClient(<EventsPage />);
    expect(await screen.findByText('Nothing on the calendar this week.')).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText('What'), 'dentist');
    await userEvent.type(screen.getByLabelText('When'), 'someday');
    await userEvent.click(screen.getByRole('button', { name: 'Add event' }));

    expect(await screen.findByText('That time is not one I can read yet.')).toBeInTheDocument();
    expect(screen.getByLabelText('When')).toHaveAccessibleDescription(expect.stringContaining('That time is not one I can read yet.'));
    expect(screen.getByLabelText('When')).toHaveFocus();
    expect(screen.getByLabelText('What')).toHaveValue('dentist');
  });

  it('imports an .ics file as it is, says what was added and what was already here, and refreshes the week', async () => {
    const api = eventsHost();
    renderWithClient(<EventsPage />);
    expect(await screen.findByText('Nothing on the calendar this week.')).toBeInTheDocument();
    const section = screen.getByRole('region', { name: 'Import from another calendar' });

    await userEvent.click(within(section).getByRole('button', { name: 'Import' }));
    expect(within(section).getByLabelText('Calendar file (.ics)')).toHaveAccessibleDescription('Choose an .ics file first.');
    expect(api.posted()).toEqual([]);

    await userEvent.upload(within(section).getByLabelText('Calendar file (.ics)'), new File([calendarFile], 'work.ics', { type: 'text/calendar' }));
    await userEvent.click(within(section).getByRole('button', { name: 'Import' }));

    expect(await within(section).findByRole('status')).toHaveTextContent('12 events added. 3 were already here.');
    expect(api.posted()).toEqual([expect.objectContaining({ method: 'POST', path: '/api/v1/events/import', body: calendarFile })]);
    const dayName = new Intl.DateTimeFormat('en', { weekday: 'long', month: 'long', day: 'numeric' }).format(thisWeekAfternoon());
    expect(within(await screen.findByRole('region', { name: dayName })).getByText('yoga')).toBeInTheDocument();
    expect(api.calls.filter((call) => call.path === '/api/v1/events').length).toBeGreaterThan(1);
  });

  it('says a file larger than the host takes is too large, beside the file, without sending it', async () => {
    const api = eventsHost();
    renderWithClient(<EventsPage />);
    const section = await screen.findByRole('region', { name: 'Import from another calendar' });
    const input = within(section).getByLabelText('Calendar file (.ics)');

    await userEvent.upload(input, new File([`BEGIN:VCALENDAR${'x'.repeat(1024 * 1024)}`], 'everything.ics', { type: 'text/calendar' }));
    await userEvent.click(within(section).getByRole('button', { name: 'Import' }));

    await vi.waitFor(() => {
      expect(input).toHaveAccessibleDescription('A little large: 1 MB at most.');
    });
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(api.posted()).toEqual([]);
  });

  it('shows why a file that is not a calendar was refused, beside the file', async () => {
    eventsHost();
    renderWithClient(<EventsPage />, 'fr');
    const section = await screen.findByRole('region', { name: 'Importer depuis un autre agenda' });

    await userEvent.upload(within(section).getByLabelText('Fichier d’agenda (.ics)'), new File(['hello'], 'notes.ics', { type: 'text/calendar' }));
    await userEvent.click(within(section).getByRole('button', { name: 'Importer' }));

    const input = within(section).getByLabelText('Fichier d’agenda (.ics)');
    await vi.waitFor(() => {
      expect(input).toHaveAccessibleDescription('That file is not a calendar (.ics).');
    });
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(within(section).getByRole('status')).toHaveTextContent('');
  });

  it('turns on the private calendar link, shows it, and makes a new one after confirming', async () => {
    eventsHost();
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    renderWithClient(<EventsPage />);

    const feed = await screen.findByRole('region', { name: 'Subscribe to your calendar' });
    expect(await within(feed).findByText('The private link is off.')).toBeInTheDocument();
    await userEvent.click(within(feed).getByRole('button', { name: 'Make my private link' }));

    const link = await within(feed).findByLabelText<HTMLInputElement>('Your private calendar link');
    const first = link.value;
    expect(first).toMatch(/^https:\/\/pa\.example\.test\/calendar\/\d+\.ics$/);
    expect(within(feed).getByText('Here is your link. Copy it now: it is shown only once.')).toBeInTheDocument();

    await userEvent.click(await within(feed).findByRole('button', { name: 'Make a new link' }));
    expect(confirm).toHaveBeenCalledWith('Make a new link? The old one will stop working.');
    await vi.waitFor(() => {
      expect(within(feed).getByLabelText('Your private calendar link')).not.toHaveValue(first);
    });
  });

  it('asks "only this one or the whole series" before deleting a repeating event, and deletes what was chosen', async () => {
    const { api, tuesday, thursday } = repeatingHost();
    const confirm = vi.spyOn(window, 'confirm');
    renderWithClient(<EventsPage />);
    const dayName = (day: Date) => new Intl.DateTimeFormat('en', { weekday: 'long', month: 'long', day: 'numeric' }).format(day);
    const tuesdayList = await screen.findByRole('region', { name: dayName(tuesday) });

    await userEvent.click(within(tuesdayList).getByRole('button', { name: 'Delete: standup' }));
    const choice = within(tuesdayList).getByRole('group', { name: '“standup” repeats. Delete which?' });
    const onlyThisOne = within(choice).getByRole('button', { name: `Only this one (${formatDateTime('en', tuesday.toISOString(), browserTimeZone())})` });
    expect(onlyThisOne).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(within(tuesdayList).queryByRole('group')).not.toBeInTheDocument();
    expect(api.posted()).toEqual([]);

    await userEvent.click(within(tuesdayList).getByRole('button', { name: 'Delete: standup' }));
    await userEvent.click(within(tuesdayList).getByRole('button', { name: /^Only this one/ }));

    expect(await screen.findByText(`Deleted: standup on ${formatDateTime('en', tuesday.toISOString(), browserTimeZone())}. The other repeats stay.`)).toBeInTheDocument();
    await vi.waitFor(() => {
      expect(screen.queryByRole('region', { name: dayName(tuesday) })).not.toBeInTheDocument();
    });
    const thursdayList = screen.getByRole('region', { name: dayName(thursday) });
    expect(within(thursdayList).getByText('standup')).toBeInTheDocument();

    await userEvent.click(within(thursdayList).getByRole('button', { name: 'Delete: standup' }));
    await userEvent.click(within(thursdayList).getByRole('button', { name: 'The whole series' }));

    expect(await screen.findByText('Deleted: standup.')).toBeInTheDocument();
    expect(await screen.findByText('Nothing on the calendar this week.')).toBeInTheDocument();
    expect(confirm).not.toHaveBeenCalled();
    expect(api.posted().map((call) => `${call.method} ${decodeURIComponent(call.path)}`)).toEqual([
      `DELETE /api/v1/events/e7/occurrences/${tuesday.toISOString()}`,
      'DELETE /api/v1/events/e7',
    ]);
  });

  it('asks the same question in French', async () => {
    const { tuesday } = repeatingHost();
    renderWithClient(<EventsPage />, 'fr');
    const dayName = new Intl.DateTimeFormat('fr', { weekday: 'long', month: 'long', day: 'numeric' }).format(tuesday);
    const tuesdayList = await screen.findByRole('region', { name: dayName });

    await userEvent.click(within(tuesdayList).getByRole('button', { name: 'Supprimer : standup' }));

    const choice = within(tuesdayList).getByRole('group', { name: '« standup » se répète. Que supprimer ?' });
    expect(within(choice).getByRole('button', { name: /^Seulement celui-ci/ })).toHaveFocus();
    expect(within(choice).getByRole('button', { name: 'Toute la série' })).toBeInTheDocument();
    expect(within(choice).getByRole('button', { name: 'Le garder' })).toBeInTheDocument();
  });

  it('shows the week as a grid of seven days on a wide screen, switches to the list, and remembers the choice', async () => {
    screenIsWide(true);
    const { tuesday, thursday } = repeatingHost();
    const { unmount } = renderWithClient(<EventsPage />);
    const monday = instantFromWallTime(weekStart(browserTimeZone(), 0), browserTimeZone());
    const week = Array.from({ length: 7 }, (_, days) => new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + days, 12));

    const views = await screen.findByRole('group', { name: 'Show the week as' });
    expect(within(views).getByRole('button', { name: 'Week' })).toHaveAttribute('aria-pressed', 'true');
    const tuesdayColumn = await screen.findByRole('region', { name: longDay(tuesday) });
    expect(screen.getAllByRole('region', { name: /day, / }).map((day) => day.getAttribute('aria-label'))).toEqual(week.map(longDay));
    expect(within(tuesdayColumn).getByText('standup')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: longDay(thursday) })).getByText('standup')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: longDay(week[0] ?? monday) })).getByText('Nothing planned')).toBeInTheDocument();
    const today = screen.getByRole('region', { current: 'date' });
    expect(today).toHaveAccessibleName(longDay(new Date()));
    expect(within(today).getByText('(today)')).toBeInTheDocument();

    // The same delete as in the list, inside a day's column.
    await userEvent.click(within(tuesdayColumn).getByRole('button', { name: 'Delete: standup' }));
    expect(within(tuesdayColumn).getByRole('button', { name: /^Only this one/ })).toHaveFocus();
    await userEvent.keyboard('{Escape}');

    await userEvent.click(within(views).getByRole('button', { name: 'List' }));
    expect(within(views).getByRole('button', { name: 'List' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getAllByRole('region', { name: /day, / }).map((day) => day.getAttribute('aria-label'))).toEqual([longDay(tuesday), longDay(thursday)]);
    expect(localStorage.getItem('pa.calendarView')).toBe('list');

    unmount();
    renderWithClient(<EventsPage />);
    expect(within(await screen.findByRole('group', { name: 'Show the week as' })).getByRole('button', { name: 'List' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('moves the grid a week at a time', async () => {
    screenIsWide(true);
    repeatingHost();
    renderWithClient(<EventsPage />);
    const nextMonday = instantFromWallTime(weekStart(browserTimeZone(), 1), browserTimeZone());
    await screen.findByRole('region', { name: longDay(new Date()) });

    await userEvent.click(screen.getByRole('button', { name: 'Next week' }));

    expect(await screen.findByRole('heading', { level: 2, name: `Week of ${new Intl.DateTimeFormat('en', { month: 'long', day: 'numeric' }).format(nextMonday)}` })).toBeInTheDocument();
    expect(await screen.findByRole('region', { name: longDay(nextMonday) })).toBeInTheDocument();
    expect(screen.getAllByRole('region', { name: /day, / })).toHaveLength(7);
    expect(screen.queryByRole('region', { current: 'date' })).not.toBeInTheDocument();
  });

  it('keeps the list on a phone, whatever was chosen on a wider screen', async () => {
    screenIsWide(false);
    localStorage.setItem('pa.calendarView', 'week');
    const { tuesday, thursday } = repeatingHost();
    renderWithClient(<EventsPage />);

    await screen.findByRole('region', { name: longDay(tuesday) });
    expect(screen.queryByRole('group', { name: 'Show the week as' })).not.toBeInTheDocument();
    expect(screen.getAllByRole('region', { name: /day, / }).map((day) => day.getAttribute('aria-label'))).toEqual([longDay(tuesday), longDay(thursday)]);
  });
});
