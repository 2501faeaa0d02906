import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { addDays, dateIn, instantFromWallTime } from '../../ui/dates';
import { eventKeys, type Occurrence } from '../events/events';
import type { Reminder } from '../reminders/reminders';
import { taskKeys, type Task } from '../tasks/tasks';

/** One thing on today's timeline; `at` is null for a task due today with no time. */
export interface PlanItem {
  key: string;
  kind: 'event' | 'reminder' | 'task';
  title: string;
  at: string | null;
  end?: string;
}

/** Today's events (midnight to midnight in the person's zone; repeats expanded by the server). */
export function todaysEventsQuery(today: string, timeZone: string) {
  const from = instantFromWallTime(today, timeZone).toISOString();
  const to = instantFromWallTime(addDays(today, 1), timeZone).toISOString();
  return queryOptions({
    queryKey: [...eventKeys.all, 'day', from] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/events', { params: { query: { from, to } }, signal })),
  });
}

/**
 * Finished tasks, newest first as far as one page goes; Today keeps those completed today. The server has no
 * "completed since" filter, so a person with more than a page of finished tasks may see only part of today's.
 */
export function doneTasksQuery() {
  return queryOptions({
    queryKey: [...taskKeys.all, 'done'] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/tasks', { params: { query: { status: 'done', pageSize: 100 } }, signal })),
  });
}

/** Tasks (top-level) completed on `today` in the person's zone, in the order they were done. */
export function doneOn(tasks: readonly Task[], today: string, timeZone: string): Task[] {
  return tasks
    .filter((task) => task.completedAt !== null && dateIn(task.completedAt, timeZone) === today)
    .sort((a, b) => Date.parse(a.completedAt ?? '') - Date.parse(b.completedAt ?? ''));
}

/** Events, reminders and tasks of `today` as one timeline: timed things in order, then what has no set time. */
export function planFor(
  today: string,
  timeZone: string,
  { events, reminders, tasks }: { events: readonly Occurrence[]; reminders: readonly Reminder[]; tasks: readonly Task[] },
): PlanItem[] {
  const items: PlanItem[] = [
    ...events.map((event) => ({ key: `event-${event.eventId}-${event.start}`, kind: 'event' as const, title: event.title, at: event.start, end: event.end })),
    ...reminders
      .filter((reminder) => reminder.nextAt !== null && dateIn(reminder.nextAt, timeZone) === today)
      .map((reminder) => ({ key: `reminder-${reminder.id}`, kind: 'reminder' as const, title: reminder.text, at: reminder.nextAt })),
    ...tasks.map((task) => ({ key: `task-${task.id}`, kind: 'task' as const, title: task.title, at: task.dueAt })),
  ];
  return items.sort((a, b) => {
    if (a.at === null || b.at === null) {
      return a.at === null ? (b.at === null ? 0 : 1) : -1;
    }
    return Date.parse(a.at) - Date.parse(b.at);
  });
}
