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

const stillOpen = new Set(['open', 'in_progress']);

/** The open top-level tasks of a view, in the server's order (due date, then priority). */
export function tasksQuery(view: TaskView) {
  return queryOptions({
    queryKey: taskKeys.view(view),
    queryFn: async ({ signal }) => {
      // The server has no "all" view, and without a view it also returns done and skipped tasks: keep the open ones.
      const page = await unwrap(
        api.GET('/api/v1/tasks', { params: { query: { view: view === 'all' ? undefined : view, pageSize: 100 } }, signal }),
      );
      return view === 'all' ? { ...page, items: page.items.filter((task) => stillOpen.has(task.status)) } : page;
    },
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
