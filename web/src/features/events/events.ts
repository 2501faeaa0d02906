import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Occurrence = components['schemas']['OccurrenceResponse'];

export const eventKeys = {
  all: ['events'] as const,
  week: (from: string) => [...eventKeys.all, 'week', from] as const,
  feed: () => [...eventKeys.all, 'feed'] as const,
};

/** One occurrence among a week's (a repeating event gives several with the same event id). */
export function occurrenceKey(occurrence: Occurrence): string {
  return `${occurrence.eventId}-${occurrence.start}`;
}

/** Midnight starting the Monday of the week `offset` weeks from now, in the browser's zone. */
export function weekStart(now: Date, offset: number): Date {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const sinceMonday = (start.getDay() + 6) % 7;
  start.setDate(start.getDate() - sinceMonday + offset * 7);
  return start;
}

/** The occurrences of a week (repeating events expanded by the server). */
export function weekQuery(start: Date) {
  const end = new Date(start);
  end.setDate(end.getDate() + 7);
  const from = start.toISOString();
  return queryOptions({
    queryKey: eventKeys.week(from),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/events', { params: { query: { from, to: end.toISOString() } }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** Occurrences grouped by local day, in order. */
export function byDay(occurrences: readonly Occurrence[]): { day: Date; items: Occurrence[] }[] {
  const days = new Map<string, { day: Date; items: Occurrence[] }>();
  for (const occurrence of [...occurrences].sort((a, b) => Date.parse(a.start) - Date.parse(b.start))) {
    const start = new Date(occurrence.start);
    const key = start.toDateString();
    const group = days.get(key) ?? { day: new Date(start.getFullYear(), start.getMonth(), start.getDate()), items: [] };
    group.items.push(occurrence);
    days.set(key, group);
  }
  return [...days.values()];
}

