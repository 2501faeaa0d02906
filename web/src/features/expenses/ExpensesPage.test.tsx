import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { todayIn } from '../../ui/dates';
import { browserTimeZone } from '../../ui/timeZone';
import { problem, stubApi } from '../../test/fakeApi';
import { renderWithClient } from '../../test/render';
import type { Expense } from './expenses';
import { ExpensesPage } from './ExpensesPage';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const today = todayIn(browserTimeZone());
const thisMonth = today.slice(0, 7);

function expensesHost() {
  let all: Expense[] = [];
  return stubApi({
    'GET /api/v1/expenses/summary': ({ query }) => {
      const month = query.get('month') ?? thisMonth;
      const mine = all.filter((e) => e.date.startsWith(month));
      const byCategory = [...new Set(mine.map((e) => e.category))].map((category) => {
        const rows = mine.filter((e) => e.category === category);
        return { category, currency: 'EUR', total: rows.reduce((sum, e) => sum + Number(e.amount), 0), count: rows.length };
      });
      const total = mine.reduce((sum, e) => sum + Number(e.amount), 0);
      return { month, byCategory, totals: mine.length ? [{ currency: 'EUR', total }] : [] };
    },
    'GET /api/v1/expenses': ({ query }) => {
      const mine = all.filter((e) => e.date.startsWith(query.get('month') ?? thisMonth));
      return { items: mine, page: 1, pageSize: 100, total: mine.length };
    },
    'POST /api/v1/expenses': ({ body }) => {
      const request = body as { amount: number; description: string; category: string | null; date: string | null };
      const created: Expense = {
        id: `e${String(all.length + 1)}`,
        amount: request.amount,
        currency: 'EUR',
        category: request.category ?? (request.description.includes('resto') ? 'eating out' : 'other'),
        description: request.description,
        date: request.date ?? today,
        createdAt: '2026-11-25T10:00:00Z',
      };
      all = [created, ...all];
      return created;
    },
    'DELETE /api/v1/expenses/:id': ({ params }) => {
      all = all.filter((e) => e.id !== params[0]);
      return undefined;
    },
  });
}

describe('ExpensesPage', () => {
  it('shows an empty month, logs an expense with a guessed category, and totals the month by category', async () => {
    const api = expensesHost();
    renderWithClient(<ExpensesPage />);

    expect(await screen.findByText('Nothing logged this month.')).toBeInTheDocument();
    expect(screen.getByLabelText('Month')).toHaveValue(thisMonth);

    await userEvent.type(screen.getByLabelText('Amount'), 'twelve');
    await userEvent.type(screen.getByLabelText('What for'), 'resto with Sam');
    await userEvent.click(screen.getByRole('button', { name: 'Log expense' }));
    expect(screen.getByText('The amount needs to be a number, like 12.50.')).toBeInTheDocument();
    expect(screen.getByLabelText('What for')).toHaveValue('resto with Sam');
    expect(api.posted()).toEqual([]);

    await userEvent.clear(screen.getByLabelText('Amount'));
    await userEvent.type(screen.getByLabelText('Amount'), '12,50');
    await userEvent.click(screen.getByRole('button', { name: 'Log expense' }));

    expect(await screen.findByText('Logged: €12.50, resto with Sam (Eating out).')).toBeInTheDocument();
    expect(api.posted()[0]?.body).toEqual({ amount: 12.5, description: 'resto with Sam', category: null, date: null });
    const table = await screen.findByRole('table', { name: 'By category' });
    expect(within(table).getByRole('rowheader', { name: 'Eating out' })).toBeInTheDocument();
    expect(within(table).getByRole('rowheader', { name: 'All categories' })).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Expenses this month' })).getByText('resto with Sam')).toBeInTheDocument();
  });

  it('says what needs a second look beside each field without asking the server', async () => {
    const api = expensesHost();
    renderWithClient(<ExpensesPage />);

    await userEvent.type(await screen.findByLabelText('Amount'), '0');
    await userEvent.click(screen.getByRole('button', { name: 'Log expense' }));

    expect(await screen.findByText('Please fill this in.')).toBeInTheDocument();
    expect(screen.getByLabelText('Amount')).toHaveAccessibleDescription('The amount needs to be more than 0 and at most 1,000,000,000.');
    expect(screen.getByLabelText('Amount')).toHaveFocus();
    expect(screen.getByLabelText('What for')).toHaveAccessibleDescription('Please fill this in.');
    expect(api.posted()).toEqual([]);
  });

  it("shows the server's word about the date beside the field", async () => {
    stubApi({
      'GET /api/v1/expenses/summary': () => ({ month: thisMonth, byCategory: [], totals: [] }),
      'GET /api/v1/expenses': () => ({ items: [], page: 1, pageSize: 100, total: 0 }),
      'POST /api/v1/expenses': () => problem(400, 'Please check what you sent.', { date: ['That date is too far in the future.'] }),
    });
    renderWithClient(<ExpensesPage />);

    await userEvent.type(await screen.findByLabelText('Amount'), '3');
    await userEvent.type(screen.getByLabelText('What for'), 'bus ticket');
    await userEvent.click(screen.getByRole('button', { name: 'Log expense' }));

    expect(await screen.findByText('That date is too far in the future.')).toBeInTheDocument();
    expect(screen.getByLabelText('Date (today if empty)')).toHaveAccessibleDescription('That date is too far in the future.');
    expect(screen.getByLabelText('Amount')).toHaveValue('3');
  });

  it('deletes an expense after confirming', async () => {
    const api = expensesHost();
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    renderWithClient(<ExpensesPage />);

    await userEvent.type(await screen.findByLabelText('Amount'), '3');
    await userEvent.type(screen.getByLabelText('What for'), 'bus ticket');
    await userEvent.selectOptions(screen.getByLabelText('Category'), 'Transport');
    await userEvent.click(screen.getByRole('button', { name: 'Log expense' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Delete: bus ticket' }));

    expect(await screen.findByText('Deleted: bus ticket.')).toBeInTheDocument();
    expect(await screen.findByText('Nothing logged this month.')).toBeInTheDocument();
    expect(api.posted().map((call) => call.method)).toEqual(['POST', 'DELETE']);
    expect(api.posted()[0]?.body).toMatchObject({ category: 'transport' });
  });
});
