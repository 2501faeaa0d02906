import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { problem, stubApi } from '../../test/fakeApi';
import { renderWithClient } from '../../test/render';
import type { Task } from './tasks';
import { TasksPage } from './TasksPage';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function task(title: string, extra: Partial<Task> = {}): Task {
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
    ...extra,
  };
}

const page = (items: Task[]) => ({ items, page: 1, pageSize: 100, total: items.length });

describe('TasksPage', () => {
  it('says there is nothing due today, adds a task from one line and echoes it', async () => {
    let today: Task[] = [];
    const api = stubApi({
      'GET /api/v1/tasks': () => page(today),
      'POST /api/v1/tasks': ({ body }) => {
        const { title } = body as { title: string };
        if (title === 'x') {
          return problem(400, 'One or more fields are not right.', { due: ['“someday maybe” is not a date I understand.'] });
        }
        today = [task(title, { due: '2026-11-25', dueDate: '2026-11-25' })];
        return today[0];
      },
    });
    renderWithClient(<TasksPage />);

    expect(await screen.findByText('Nothing due today. Nice.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Today' })).toHaveAttribute('aria-pressed', 'true');

    await userEvent.type(screen.getByLabelText('What needs doing?'), 'x');
    await userEvent.type(screen.getByLabelText('When (optional)'), 'someday maybe');
    await userEvent.click(screen.getByRole('button', { name: 'Add task' }));
    expect(await screen.findByText('“someday maybe” is not a date I understand.')).toBeInTheDocument();
    expect(screen.getByLabelText('What needs doing?')).toHaveValue('x');
    expect(screen.getByLabelText('When (optional)')).toHaveValue('someday maybe');

    await userEvent.clear(screen.getByLabelText('What needs doing?'));
    await userEvent.type(screen.getByLabelText('What needs doing?'), 'call the bank');
    await userEvent.clear(screen.getByLabelText('When (optional)'));
    await userEvent.type(screen.getByLabelText('When (optional)'), 'today');
    await userEvent.click(screen.getByRole('button', { name: 'Add task' }));

    expect(await screen.findByText(/Got it: call the bank, /)).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Done: call the bank' })).toBeInTheDocument();
    expect(api.posted().at(-1)?.body).toEqual({ title: 'call the bank', due: 'today' });
    expect(screen.getByLabelText('What needs doing?')).toHaveValue('');
  });

  it('completes a task, offers undo, and shows a calm empty state for rolled-over tasks', async () => {
    let open = [task('laundry')];
    const api = stubApi({
      'GET /api/v1/tasks': ({ query }) => {
        const view = query.get('view');
        if (view !== null && !['today', 'overdue', 'upcoming', 'someday'].includes(view)) {
          return problem(400, 'Use today, overdue, upcoming or someday.');
        }
        return page(view === 'overdue' ? [] : open);
      },
      'POST /api/v1/tasks/:id/complete': () => {
        const done = { ...task('laundry'), status: 'done' };
        open = [];
        return done;
      },
      'PATCH /api/v1/tasks/:id': ({ body }) => {
        open = [task('laundry')];
        return { ...task('laundry'), ...(body as object) };
      },
    });
    renderWithClient(<TasksPage />);

    await userEvent.click(await screen.findByRole('button', { name: 'Done: laundry' }));
    expect(await screen.findByText('Done: laundry. Nice.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Undo' })).toHaveFocus();
    expect(await screen.findByText('Nothing due today. Nice.')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByText('laundry is back on the list.')).toBeInTheDocument();
    expect(api.posted().at(-1)).toMatchObject({ method: 'PATCH', body: { status: 'open' } });

    await userEvent.click(screen.getByRole('button', { name: 'Rolled over' }));
    expect(await screen.findByText('Nothing has rolled over. You are all caught up.')).toBeInTheDocument();
    expect(api.calls.some((call) => call.query.get('view') === 'overdue')).toBe(true);

    open = [{ ...task('laundry'), status: 'done' }, task('someday idea')];
    await userEvent.click(screen.getByRole('button', { name: 'All open tasks' }));
    expect(await screen.findByRole('button', { name: 'Done: someday idea' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Done: laundry' })).not.toBeInTheDocument();
    expect(api.calls.at(-1)?.query.has('view')).toBe(false);
  });

  it('breaks a task into steps, saves them as subtasks, and suggests what to do next', async () => {
    const taxes = task('do the taxes');
    const steps = [
      { title: 'Open the folder', estimatedMinutes: 2 },
      { title: 'Find last year’s form', estimatedMinutes: 5 },
      { title: 'Fill in page one', estimatedMinutes: 15 },
    ];
    let subtasks: Task[] = [];
    const api = stubApi({
      'GET /api/v1/tasks/next': () => ({ task: taxes, reasons: ['It has waited the longest.'], message: 'It has waited the longest.' }),
      'GET /api/v1/tasks': ({ query }) => page(query.get('parent') === taxes.id ? subtasks : [taxes]),
      'POST /api/v1/tasks/:id/breakdown': ({ body }) => {
        const apply = (body as { apply: boolean }).apply;
        if (apply) {
          subtasks = steps.map((step, i) => task(step.title, { parentId: taxes.id, position: i }));
        }
        return { kind: 'paperwork', steps, applied: apply, subtasks: apply ? subtasks : [] };
      },
      'POST /api/v1/tasks/:id/complete': ({ params }) => {
        subtasks = subtasks.map((step) => (step.id === params[0] ? { ...step, status: 'done' } : step));
        return subtasks.find((step) => step.id === params[0]);
      },
    });
    renderWithClient(<TasksPage />);

    await userEvent.click(await screen.findByRole('button', { name: 'What next?' }));
    expect(await screen.findByText('Next: do the taxes')).toBeInTheDocument();
    expect(screen.getByText('It has waited the longest.')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Break it down: do the taxes' }));
    const proposal = await screen.findByRole('region', { name: 'Small steps' });
    expect(await within(proposal).findByText('Open the folder')).toBeInTheDocument();
    expect(within(proposal).getByText('(about 2 min)')).toBeInTheDocument();

    await userEvent.click(within(proposal).getByRole('button', { name: 'Save steps' }));
    const saved = await screen.findByRole('region', { name: 'Saved as steps' });
    expect(within(saved).getAllByRole('listitem').map((item) => item.textContent)).toEqual(steps.map((step, i) => `${String(i + 1)}. ${step.title}Done`));
    expect(api.posted().map((call) => call.body)).toEqual([{ apply: false }, { apply: true }]);

    await userEvent.click(within(saved).getByRole('button', { name: 'Done: Open the folder' }));
    expect(await within(saved).findByText('(done)')).toBeInTheDocument();
    expect(within(saved).queryByRole('button', { name: 'Done: Open the folder' })).not.toBeInTheDocument();

    // Closed and opened again, the saved steps are what shows, not a new proposal.
    await userEvent.click(within(saved).getByRole('button', { name: 'Close' }));
    await userEvent.click(screen.getByRole('button', { name: 'Break it down: do the taxes' }));
    expect(await screen.findByRole('region', { name: 'Saved as steps' })).toBeInTheDocument();
    expect(api.posted().filter((call) => call.path.endsWith('/breakdown'))).toHaveLength(2);
  });

  it('deletes only after confirming', async () => {
    let open = [task('old idea')];
    const api = stubApi({
      'GET /api/v1/tasks': () => page(open),
      'DELETE /api/v1/tasks/:id': () => {
        open = [];
        return undefined;
      },
    });
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    renderWithClient(<TasksPage />);

    const remove = await screen.findByRole('button', { name: 'Delete: old idea' });
    await userEvent.click(remove);
    expect(api.posted()).toEqual([]);

    await userEvent.click(remove);
    expect(await screen.findByText('Deleted: old idea.')).toBeInTheDocument();
    expect(confirm).toHaveBeenLastCalledWith('Delete “old idea” and its steps?');
    expect(api.posted()).toMatchObject([{ method: 'DELETE', path: '/api/v1/tasks/t-oldidea' }]);
  });
});
