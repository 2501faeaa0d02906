import type { Task } from '../features/tasks/tasks';

/** An open top-level task as the API returns it, with no due date, steps or tags unless `extra` says otherwise. */
export function task(title: string, extra: Partial<Task> = {}): Task {
  return {
    id: `t-${title.replace(/\W/g, '')}`,
    title,
    notes: null,
    due: null,
    dueDate: null,
    dueAt: null,
    priority: 'medium',
    status: 'open',
    tags: [],
    parentId: null,
    position: 0,
    estimatedMinutes: null,
    energy: null,
    missedCount: 0,
    breakdownSuggested: false,
    createdAt: '2026-11-25T10:00:00Z',
    updatedAt: '2026-11-25T10:00:00Z',
    completedAt: null,
    steps: 0,
    stepsDone: 0,
    ...extra,
  };
}

/** One page of a list as the API returns it. */
export const page = <T,>(items: T[]) => ({ items, page: 1, pageSize: 100, total: items.length });
