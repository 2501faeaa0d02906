import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { problem, stubApi } from '../../test/fakeApi';
import { renderWithClient } from '../../test/render';
import type { Memory } from './memories';
import { MemoriesPage } from './MemoriesPage';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function memory(id: string, body: string): Memory {
  return { id, body, source: 'assistant', createdAt: '2026-11-25T10:00:00Z', updatedAt: '2026-11-25T10:00:00Z' };
}

function memoriesHost(initial: Memory[]) {
  let all = initial;
  return stubApi({
    'GET /api/v1/memories': () => ({ items: all, page: 1, pageSize: 100, total: all.length }),
    'POST /api/v1/memories': ({ body }) => {
      const created = memory(`m${String(all.length + 1)}`, (body as { body: string }).body);
      all = [created, ...all];
      return created;
    },
    'PATCH /api/v1/memories/:id': ({ params, body }) => {
      all = all.map((m) => (m.id === params[0] ? { ...m, body: (body as { body: string }).body } : m));
      return all.find((m) => m.id === params[0]);
    },
    'DELETE /api/v1/memories/:id': ({ params }) => {
      all = all.filter((m) => m.id !== params[0]);
      return undefined;
    },
  });
}

describe('MemoriesPage', () => {
  it('says nothing is remembered yet and remembers something typed', async () => {
    const api = memoriesHost([]);
    renderWithClient(<MemoriesPage />);

    expect(await screen.findByText(/Nothing remembered yet/)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Something to remember'), 'my sister is Julie');
    await userEvent.click(screen.getByRole('button', { name: 'Remember this' }));

    expect(await screen.findByText('my sister is Julie')).toBeInTheDocument();
    expect(api.posted()[0]?.body).toEqual({ body: 'my sister is Julie' });
  });

  it('corrects a memory and forgets one after confirming', async () => {
    const api = memoriesHost([memory('m1', 'my sister is Julia'), memory('m2', 'I hate mornings')]);
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    renderWithClient(<MemoriesPage />);

    await userEvent.click(await screen.findByRole('button', { name: 'Edit: my sister is Julia' }));
    const field = screen.getByLabelText('What to remember');
    await userEvent.clear(field);
    await userEvent.type(field, 'my sister is Julie');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('my sister is Julie')).toBeInTheDocument();
    expect(screen.getByText('Corrected.')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Forget: I hate mornings' }));
    expect(await screen.findByText('Forgotten: I hate mornings.')).toBeInTheDocument();
    expect(confirm).toHaveBeenCalledWith('Forget “I hate mornings”?');
    expect(api.posted().map((call) => `${call.method} ${call.path}`)).toEqual(['PATCH /api/v1/memories/m1', 'DELETE /api/v1/memories/m2']);
  });
  it('checks a new memory before sending it, and puts the server\'s field errors beside the field', async () => {
    const api = stubApi({
      'GET /api/v1/memories': () => ({ items: [], page: 1, pageSize: 100, total: 0 }),
      'POST /api/v1/memories': () => problem(400, 'One or more fields are not right.', { Body: ['Keep it under 1000 characters.'] }),
    });
    renderWithClient(<MemoriesPage />);
    const form = await screen.findByRole('form', { name: 'Remember something' });

    await userEvent.type(within(form).getByLabelText('Something to remember'), '  ');
    await userEvent.click(within(form).getByRole('button', { name: 'Remember this' }));
    expect(await within(form).findByText('Please fill this in.')).toBeInTheDocument();
    expect(within(form).getByLabelText('Something to remember')).toHaveAccessibleDescription('For example: my sister is Julie. Please fill this in.');
    expect(api.posted()).toEqual([]);

    await userEvent.type(within(form).getByLabelText('Something to remember'), 'my sister is Julie');
    await userEvent.click(within(form).getByRole('button', { name: 'Remember this' }));
    await vi.waitFor(() => {
      expect(within(form).getByLabelText('Something to remember')).toHaveAccessibleDescription(
        'For example: my sister is Julie. Keep it under 1000 characters.',
      );
    });
    expect(screen.getByRole('alert')).toHaveTextContent('');
    expect(api.posted()).toMatchObject([{ method: 'POST', body: { body: 'my sister is Julie' } }]);
  });

  it('checks a corrected memory before sending it, says the server\'s field error beside it and the rest in the alert', async () => {
    let answer = () => problem(400, 'One or more fields are not right.', { body: ['Keep it under 1000 characters.'] });
    const api = stubApi({
      'GET /api/v1/memories': () => ({ items: [memory('m1', 'my sister is Julia')], page: 1, pageSize: 100, total: 1 }),
      'PATCH /api/v1/memories/:id': () => answer(),
    });
    renderWithClient(<MemoriesPage />);

    await userEvent.click(await screen.findByRole('button', { name: 'Edit: my sister is Julia' }));
    const form = screen.getByRole('form', { name: 'Correct this memory' });
    await userEvent.click(within(form).getByLabelText('What to remember'));
    await userEvent.paste('x'.repeat(1000));
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('A little long: 1000 characters at most.')).toBeInTheDocument();
    expect(api.posted()).toEqual([]);

    await userEvent.clear(within(form).getByLabelText('What to remember'));
    await userEvent.type(within(form).getByLabelText('What to remember'), 'my sister is Julie');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => {
      expect(within(form).getByLabelText('What to remember')).toHaveAccessibleDescription('Keep it under 1000 characters.');
    });
    expect(screen.getByRole('alert')).toHaveTextContent('');

    answer = () => problem(404, 'This memory is gone.');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This memory is gone.');
    expect(api.posted()).toMatchObject([
      { method: 'PATCH', body: { body: 'my sister is Julie' } },
      { method: 'PATCH', body: { body: 'my sister is Julie' } },
    ]);
  });
});
