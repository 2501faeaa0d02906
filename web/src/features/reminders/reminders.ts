import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Reminder = components['schemas']['ReminderResponse'];

/** What the list shows: the reminders still in play (the default), or all of them, finished ones included. */
export type ReminderView = 'active' | 'all';

export const reminderKeys = {
  all: ['reminders'] as const,
  view: (view: ReminderView) => [...reminderKeys.all, view] as const,
};

/** Done with: nothing more will be sent for these. */
export const finishedStatuses: ReadonlySet<string> = new Set(['acknowledged', 'cancelled']);

/**
 * The reminders of a view, soonest first as the server orders them. "active" asks the server for those still in play
 * (scheduled, snoozed, or sent and waiting for "got it").
 */
export function remindersQuery(view: ReminderView) {
  return queryOptions({
    queryKey: reminderKeys.view(view),
    queryFn: async ({ signal }) => {
      const query = view === 'active' ? { pageSize: 100, status: 'active' } : { pageSize: 100 };
      const page = await unwrap(api.GET('/api/v1/reminders', { params: { query }, signal }));
      return page.items;
    },
  });
}
