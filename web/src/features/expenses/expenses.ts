import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import type { MessageKey } from '../../i18n';

export type Expense = components['schemas']['ExpenseResponse'];

/** The server's categories, in the order offered. */
export const categories = ['groceries', 'eating out', 'transport', 'housing', 'bills', 'health', 'fun', 'shopping', 'other'] as const;

const categoryKeys: Record<string, MessageKey> = {
  groceries: 'expenses.category.groceries',
  'eating out': 'expenses.category.eatingOut',
  transport: 'expenses.category.transport',
  housing: 'expenses.category.housing',
  bills: 'expenses.category.bills',
  health: 'expenses.category.health',
  fun: 'expenses.category.fun',
  shopping: 'expenses.category.shopping',
  other: 'expenses.category.other',
};

/** A category's name in the person's language (an unknown one as the server wrote it). */
export function categoryName(t: (key: MessageKey) => string, category: string): string {
  const key = categoryKeys[category];
  return key ? t(key) : category;
}

export const expenseKeys = {
  all: ['expenses'] as const,
  month: (month: string) => [...expenseKeys.all, 'list', month] as const,
  summary: (month: string) => [...expenseKeys.all, 'summary', month] as const,
};

export function expensesQuery(month: string) {
  return queryOptions({
    queryKey: expenseKeys.month(month),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/expenses', { params: { query: { month, pageSize: 100 } }, signal })),
  });
}

export function summaryQuery(month: string) {
  return queryOptions({
    queryKey: expenseKeys.summary(month),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/expenses/summary', { params: { query: { month } }, signal })),
  });
}

export function formatMoney(language: string, amount: number | string, currency: string): string {
  try {
    return new Intl.NumberFormat(language, { style: 'currency', currency }).format(Number(amount));
  } catch {
    // An unusual currency code Intl does not know: still show the amount.
    return `${String(amount)} ${currency}`;
  }
}

/** "12,50" or "12.50" → 12.5; NaN when it is not a number. */
export function parseAmount(text: string): number {
  return Number(text.trim().replace(/\s/g, '').replace(',', '.'));
}
