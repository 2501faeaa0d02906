import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { addDays, dateIn, instantFromWallTime, todayIn, wallTimeIn, weekdayOf } from '../../ui/dates';

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

/** The `yyyy-mm-dd` of the Monday of the week `offset` weeks from now, in the person's zone. */
export function weekStart(timeZone: string, offset: number, now: Date = new Date()): string {
  const today = todayIn(timeZone, now);
  return addDays(today, offset * 7 - weekdayOf(today));
}

/** The occurrences of the week starting on `start` (midnight to midnight in the person's zone; repeats expanded by the server). */
export function weekQuery(start: string, timeZone: string) {
  const from = instantFromWallTime(start, timeZone).toISOString();
  const to = instantFromWallTime(addDays(start, 7), timeZone).toISOString();
  return queryOptions({
    queryKey: eventKeys.week(from),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/events', { params: { query: { from, to } }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** The seven `yyyy-mm-dd` of the week starting on `start`. */
export function weekDays(start: string): string[] {
  return Array.from({ length: 7 }, (_, index) => addDays(start, index));
}

/** Whether an occurrence takes whole days in the person's zone (midnight to a later midnight), as an imported all-day event does. */
export function isAllDay(occurrence: Occurrence, timeZone: string): boolean {
  const start = wallTimeIn(occurrence.start, timeZone);
  const end = wallTimeIn(occurrence.end, timeZone);
  return start.endsWith('T00:00') && end.endsWith('T00:00') && end > start;
}

/** Occurrences grouped by the day (`yyyy-mm-dd`) they start on in the person's zone, in order, all-day ones first. */
export function byDay(occurrences: readonly Occurrence[], timeZone: string): { day: string; items: Occurrence[] }[] {
  const days = new Map<string, Occurrence[]>();
  const inOrder = [...occurrences].sort(
    (a, b) => Date.parse(a.start) - Date.parse(b.start) || Number(isAllDay(b, timeZone)) - Number(isAllDay(a, timeZone)),
  );
  for (const occurrence of inOrder) {
    const day = dateIn(occurrence.start, timeZone);
    days.set(day, [...(days.get(day) ?? []), occurrence]);
  }
  return [...days].map(([day, items]) => ({ day, items }));
}
