import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { formatDate, formatDateTime } from '../../ui/dates';

export type Task = components['schemas']['TaskResponse'];

export const taskViews = ['today', 'overdue', 'upcoming', 'someday', 'all'] as const;
export type TaskView = (typeof taskViews)[number];

export const taskKeys = {
  all: ['tasks'] as const,
  view: (view: TaskView) => [...taskKeys.all, 'view', view] as const,
  subtasks: (id: string) => [...taskKeys.all, 'subtasks', id] as const,
  next: () => [...taskKeys.all, 'next'] as const,
};

/** The open top-level tasks of a view, in the server's order (due date, then priority); "all" is every open task. */
export function tasksQuery(view: TaskView) {
  return queryOptions({
    queryKey: taskKeys.view(view),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/tasks', { params: { query: { view: view === 'all' ? 'open' : view, pageSize: 100 } }, signal })),
  });
}

export function subtasksQuery(parent: string) {
  return queryOptions({
    queryKey: taskKeys.subtasks(parent),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/tasks', { params: { query: { parent, pageSize: 100 } }, signal })),
  });
}

/** When a task is due, in the person's words: a date, or a date and time. */
export function formatDue(language: string, task: Pick<Task, 'dueAt' | 'dueDate'>, timeZone: string): string | null {
  if (task.dueAt) {
    return formatDateTime(language, task.dueAt, timeZone);
  }
  return task.dueDate ? formatDate(language, task.dueDate) : null;
}
