import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { problem, stubApi } from '../../test/fakeApi';
import { renderWithClient } from '../../test/render';
import { page, task } from '../../test/tasks';
import type { Task } from './tasks';
import { TasksPage } from './TasksPage';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});



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
        if (view !== null && !['today', 'overdue', 'upcoming', 'someday', 'open'].includes(view)) {
          return problem(400, 'Use today, overdue, upcoming, someday or open.');
        }
        // The "open" view is the server's: only what is not finished.
        return page(view === 'overdue' ? [] : view === 'open' ? open.filter((t) => t.status === 'open') : open);
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
    expect(api.calls.at(-1)?.query.get('view')).toBe('open');
  });

  it('breaks a task into steps the person can edit, saves exactly those, and suggests what to do next', async () => {
    const taxes = task('do the taxes');
    const steps = [
      { title: 'Open the folder', estimatedMinutes: 2 },
      { title: 'Find last year’s form', estimatedMinutes: 5 },
      { title: 'Fill in page one', estimatedMinutes: 15 },
    ];
    let subtasks: Task[] = [];
    const api = stubApi({
      'GET /api/v1/tasks/next': () => ({ task: taxes, reasons: ['It has waited the longest.'], message: 'It has waited the longest.' }),
      'GET /api/v1/tasks': ({ query }) =>
        page(
          query.get('parent') === taxes.id
            ? subtasks
            : [{ ...taxes, steps: subtasks.length, stepsDone: subtasks.filter((step) => step.status === 'done').length }],
        ),
      'POST /api/v1/tasks/:id/breakdown': ({ body }) => {
        const request = body as { apply: boolean; steps?: { title: string; estimatedMinutes: number | null }[] };
        if (request.apply) {
          subtasks = (request.steps ?? steps).map((step, i) => task(step.title, { parentId: taxes.id, position: i }));
          return { kind: 'paperwork', source: 'given', steps: request.steps, applied: true, subtasks };
        }
        return { kind: 'paperwork', source: 'library', steps, applied: false, subtasks: [] };
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
    expect(await within(proposal).findByRole('textbox', { name: 'Step 1' })).toHaveValue('Open the folder');
    expect(within(proposal).getByText('(about 2 min)')).toBeInTheDocument();
    expect(within(proposal).getByText(/Steps for this kind of task/)).toBeInTheDocument();
    expect(within(proposal).queryByRole('button', { name: 'Other ideas' })).not.toBeInTheDocument();

    // Reword one step, drop one, add one of their own.
    const second = within(proposal).getByRole('textbox', { name: 'Step 2' });
    await userEvent.clear(second);
    await userEvent.type(second, 'Find the 2025 form');
    await userEvent.click(within(proposal).getByRole('button', { name: 'Remove step 3' }));
    await userEvent.click(within(proposal).getByRole('button', { name: 'Add a step' }));
    await userEvent.type(within(proposal).getByRole('textbox', { name: 'Step 3' }), 'Ask Sam about the receipts');

    await userEvent.click(within(proposal).getByRole('button', { name: 'Save steps' }));
    const saved = await screen.findByRole('region', { name: 'Saved as steps' });
    const expected = ['Open the folder', 'Find the 2025 form', 'Ask Sam about the receipts'];
    expect(within(saved).getAllByRole('listitem').map((item) => item.textContent)).toEqual(expected.map((title, i) => `${String(i + 1)}. ${title}Done`));
    expect(api.posted().map((call) => call.body)).toEqual([
      { apply: false },
      {
        apply: true,
        steps: [
          { title: 'Open the folder', estimatedMinutes: 2 },
          { title: 'Find the 2025 form', estimatedMinutes: 5 },
          { title: 'Ask Sam about the receipts', estimatedMinutes: null },
        ],
      },
    ]);

    expect(await screen.findByText('0 of 3 steps done')).toBeInTheDocument();

    await userEvent.click(within(saved).getByRole('button', { name: 'Done: Open the folder' }));
    expect(await within(saved).findByText('(done)')).toBeInTheDocument();
    expect(await screen.findByText('1 of 3 steps done')).toBeInTheDocument();
    expect(within(saved).queryByRole('button', { name: 'Done: Open the folder' })).not.toBeInTheDocument();

    // Closed and opened again, the saved steps are what shows, not a new proposal.
    await userEvent.click(within(saved).getByRole('button', { name: 'Close' }));
    await userEvent.click(screen.getByRole('button', { name: 'Break it down: do the taxes' }));
    expect(await screen.findByRole('region', { name: 'Saved as steps' })).toBeInTheDocument();
    expect(api.posted().filter((call) => call.path.endsWith('/breakdown'))).toHaveLength(2);
  });

  it('says a step is too long beside it, without saving', async () => {
    const move = task('prepare the move');
    const api = stubApi({
      'GET /api/v1/tasks': ({ query }) => page(query.get('parent') === move.id ? [] : [move]),
      'POST /api/v1/tasks/:id/breakdown': () => ({
        kind: 'general',
        source: 'library',
        steps: [{ title: 'Pack '.repeat(101), estimatedMinutes: 2 }, { title: 'Book the van', estimatedMinutes: 10 }],
        applied: false,
        subtasks: [],
      }),
    });
    renderWithClient(<TasksPage />);
    await userEvent.click(await screen.findByRole('button', { name: 'Break it down: prepare the move' }));
    const proposal = await screen.findByRole('region', { name: 'Small steps' });

    await userEvent.click(await within(proposal).findByRole('button', { name: 'Save steps' }));

    expect(await within(proposal).findByText('A little long: 500 characters at most.')).toBeInTheDocument();
    const first = within(proposal).getByRole('textbox', { name: 'Step 1' });
    expect(first).toHaveAttribute('aria-invalid', 'true');
    expect(first).toHaveFocus();
    expect(within(proposal).getByRole('textbox', { name: 'Step 2' })).not.toHaveAttribute('aria-invalid');
    expect(api.posted().map((call) => call.body)).toEqual([{ apply: false }]);
  });

  it('puts the field error the host gave beside its step, counting only the steps sent', async () => {
    const move = task('prepare the move');
    stubApi({
      'GET /api/v1/tasks': ({ query }) => page(query.get('parent') === move.id ? [] : [move]),
      'POST /api/v1/tasks/:id/breakdown': ({ body }) =>
        (body as { apply: boolean }).apply
          ? problem(400, 'One or more fields are not right.', { 'steps[1].title': ['Give this step a few words, 500 characters at most.'] })
          : { kind: 'general', source: 'library', steps: [{ title: 'Pack one shelf', estimatedMinutes: 15 }, { title: 'Book the van', estimatedMinutes: 10 }], applied: false, subtasks: [] },
    });
    renderWithClient(<TasksPage />);
    await userEvent.click(await screen.findByRole('button', { name: 'Break it down: prepare the move' }));
    const proposal = await screen.findByRole('region', { name: 'Small steps' });

    // Step 2 left blank is not sent: the host's second step is the third here.
    await userEvent.clear(await within(proposal).findByRole('textbox', { name: 'Step 2' }));
    await userEvent.click(within(proposal).getByRole('button', { name: 'Add a step' }));
    await userEvent.type(within(proposal).getByRole('textbox', { name: 'Step 3' }), 'Call the movers');
    await userEvent.click(within(proposal).getByRole('button', { name: 'Save steps' }));

    expect(await within(proposal).findByText('Give this step a few words, 500 characters at most.')).toBeInTheDocument();
    expect(within(proposal).getByRole('textbox', { name: 'Step 3' })).toHaveAttribute('aria-invalid', 'true');
    expect(within(proposal).getByRole('textbox', { name: 'Step 2' })).not.toHaveAttribute('aria-invalid');
    expect(within(proposal).getByRole('alert')).toBeEmptyDOMElement();
  });

  it('asks the model for other ideas when its steps do not fit', async () => {
    const move = task('prepare the move');
    let asked = 0;
    stubApi({
      'GET /api/v1/tasks': ({ query }) => page(query.get('parent') === move.id ? [] : [move]),
      'POST /api/v1/tasks/:id/breakdown': () => {
        asked += 1;
        const first = asked === 1 ? 'Put three boxes by the door' : 'Write the new address on a sticky note';
        return { kind: 'general', source: 'model', steps: [{ title: first, estimatedMinutes: 2 }, { title: 'Pack one shelf', estimatedMinutes: 15 }, { title: 'Book the van', estimatedMinutes: 10 }], applied: false, subtasks: [] };
      },
    });
    renderWithClient(<TasksPage />);

    await userEvent.click(await screen.findByRole('button', { name: 'Break it down: prepare the move' }));
    const proposal = await screen.findByRole('region', { name: 'Small steps' });
    expect(await within(proposal).findByRole('textbox', { name: 'Step 1' })).toHaveValue('Put three boxes by the door');
    expect(within(proposal).getByText(/by your AI model/)).toBeInTheDocument();

    await userEvent.click(within(proposal).getByRole('button', { name: 'Other ideas' }));
    await waitFor(() => {
      expect(within(proposal).getByRole('textbox', { name: 'Step 1' })).toHaveValue('Write the new address on a sticky note');
    });
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
  it('checks an edited task before sending it, and puts the server\'s field errors beside their fields', async () => {
    const api = stubApi({
      'GET /api/v1/tasks': () => page([task('call the bank')]),
      'PATCH /api/v1/tasks/:id': () => problem(400, 'One or more fields are not right.', { due: ['“someday maybe” is not a date I understand.'] }),
    });
    renderWithClient(<TasksPage />);

    await userEvent.click(await screen.findByRole('button', { name: 'Edit: call the bank' }));
    const form = screen.getByRole('form', { name: 'Edit call the bank' });
    await userEvent.clear(within(form).getByLabelText('Task'));
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));

    expect(await within(form).findByText('Please fill this in.')).toBeInTheDocument();
    expect(within(form).getByLabelText('Task')).toHaveAccessibleDescription('Please fill this in.');
    expect(api.posted()).toEqual([]);

    await userEvent.type(within(form).getByLabelText('Task'), '  call the bank about the card ');
    await userEvent.type(within(form).getByLabelText('When (optional)'), 'someday maybe');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));

    const due = within(form).getByLabelText('When (optional)');
    await waitFor(() => {
      expect(due).toHaveAccessibleDescription('A date or words; leave it empty for no date. “someday maybe” is not a date I understand.');
    });
    expect(due).toHaveFocus();
    expect(within(form).getByLabelText('Task')).not.toHaveAttribute('aria-invalid');
    expect(within(form).getByRole('alert')).toHaveTextContent('');
    expect(api.posted()).toMatchObject([
      { method: 'PATCH', path: '/api/v1/tasks/t-callthebank', body: { title: 'call the bank about the card', priority: 'medium', due: 'someday maybe' } },
    ]);
  });
  it('checks a new task before sending it, and puts the server\'s field errors beside their fields', async () => {
    const api = stubApi({
      'GET /api/v1/tasks': () => page([]),
      'POST /api/v1/tasks': () => problem(400, 'One or more fields are not right.', { title: ['Keep the task under 500 characters.'] }),
    });
    renderWithClient(<TasksPage />);
    const form = await screen.findByRole('form', { name: 'Add a task' });

    await userEvent.type(within(form).getByLabelText('What needs doing?'), '   ');
    await userEvent.click(within(form).getByRole('button', { name: 'Add task' }));
    expect(await within(form).findByText('Please fill this in.')).toBeInTheDocument();
    expect(within(form).getByLabelText('What needs doing?')).toHaveAccessibleDescription('Please fill this in.');

    await userEvent.type(within(form).getByLabelText('When (optional)'), 'x'.repeat(201));
    await userEvent.click(within(form).getByRole('button', { name: 'Add task' }));
    expect(await within(form).findByText('A little long: 200 characters at most.')).toBeInTheDocument();
    expect(api.posted()).toEqual([]);

    await userEvent.type(within(form).getByLabelText('What needs doing?'), 'call the bank');
    await userEvent.clear(within(form).getByLabelText('When (optional)'));
    await userEvent.click(within(form).getByRole('button', { name: 'Add task' }));
    await waitFor(() => {
      expect(within(form).getByLabelText('What needs doing?')).toHaveAccessibleDescription('Keep the task under 500 characters.');
    });
    expect(within(form).getByLabelText('When (optional)')).not.toHaveAttribute('aria-invalid');
    expect(api.posted()).toMatchObject([{ method: 'POST', body: { title: 'call the bank', due: null } }]);
  });
});
