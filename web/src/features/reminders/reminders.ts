import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Reminder = components['schemas']['ReminderResponse'];

export const reminderKeys = { all: ['reminders'] as const };

/** Done with: nothing more will be sent for these, so they leave the upcoming list. */
const finished = new Set(['acknowledged', 'cancelled']);

/** The reminders still ahead (or sent and waiting for "got it"), soonest first as the server orders them. */
export const upcomingRemindersQuery = queryOptions({
  queryKey: reminderKeys.all,
  queryFn: async ({ signal }) => {
    const page = await unwrap(api.GET('/api/v1/reminders', { params: { query: { pageSize: 100 } }, signal }));
    return page.items.filter((reminder) => !finished.has(reminder.status));
  },
});
