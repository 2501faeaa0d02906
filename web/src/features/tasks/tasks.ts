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

export const energyLevels = ['low', 'medium', 'high'] as const;
export type Energy = (typeof energyLevels)[number];

/** "What next?": the one task the server suggests for this energy (any energy when null), with its reasons. */
export function nextTaskQuery(energy: Energy | null) {
  return queryOptions({
    queryKey: [...taskKeys.next(), energy ?? 'any'] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/tasks/next', { params: { query: { energy: energy ?? undefined } }, signal })),
  });
}

/** Whether a task asks no more energy than the person has (a task with no energy set fits any). */
export function fitsEnergy(task: Pick<Task, 'energy'>, energy: Energy | null): boolean {
  if (energy === null || !task.energy) {
    return true;
  }
  return energyLevels.indexOf(task.energy as Energy) <= energyLevels.indexOf(energy);
}

/** Proposed small steps for a task (not saved); kept, so the steps shown stay the same while the page is open. */
export function breakdownProposalQuery(taskId: string) {
  return queryOptions({
    queryKey: [...taskKeys.all, 'breakdown', taskId] as const,
    queryFn: () => unwrap(api.POST('/api/v1/tasks/{id}/breakdown', { params: { path: { id: taskId } }, body: { apply: false } })),
    staleTime: Infinity,
  });
}
