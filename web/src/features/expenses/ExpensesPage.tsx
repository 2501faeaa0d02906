import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { useTimeZone } from '../../ui/timeZone';
import { formatDate, todayIn } from '../../ui/dates';
import { emptyState, inputClass, labelClass, listFrame, mutedText, quietButton } from '../../ui/styles';
import { FormAlert, problemMessage } from '../../ui/form';
import { AddExpenseForm } from './AddExpenseForm';
import { categoryName, expenseKeys, expensesQuery, formatMoney, type Expense } from './expenses';
import { MonthSummary } from './MonthSummary';

/** Expenses: log one in a line, see a month by category and each expense in it. */
export function ExpensesPage() {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const titleId = useId();
  const monthId = useId();
  const listId = useId();
  const [month, setMonth] = useState(() => todayIn(timeZone).slice(0, 7));
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const expenses = useQuery({ ...expensesQuery(month), enabled: /^\d{4}-\d{2}$/.test(month) });

  const remove = useMutation({
    mutationFn: (expense: Expense) => unwrap(api.DELETE('/api/v1/expenses/{id}', { params: { path: { id: expense.id } } })),
    onSuccess: (_result, expense) => {
      setError(null);
      setStatus(t('expenses.deleted', { description: expense.description }));
      return queryClient.invalidateQueries({ queryKey: expenseKeys.all });
    },
    onError: (failure) => {
      setStatus(null);
      setError(problemMessage(failure, t('expenses.error.save')));
    },
  });

  const items = expenses.data?.items ?? [];
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-8">
      <title>{`${t('expenses.title')} · ${t('app.name')}`}</title>
      <h1 id={titleId} className="text-3xl font-semibold tracking-tight">
        {t('expenses.title')}
      </h1>
      <AddExpenseForm
        onAdded={(expense, echo) => {
          setError(null);
          setStatus(echo);
          setMonth(expense.date.slice(0, 7));
        }}
      />
      <div className="flex flex-col gap-2">
        <FormAlert message={error} />
        <p role="status" aria-live="polite" className="min-h-6 text-base text-teal-900 dark:text-teal-200">
          {status}
        </p>
      </div>
      <section aria-labelledby={listId} className="flex flex-col gap-6">
        <h2 id={listId} className="text-2xl font-semibold tracking-tight">
          {t('expenses.month')}
        </h2>
        <div className="flex flex-col gap-1.5">
          <label htmlFor={monthId} className={labelClass}>
            {t('expenses.field.month')}
          </label>
          <input
            id={monthId}
            type="month"
            className={`${inputClass} max-w-xs`}
            value={month}
            onChange={(e) => {
              setMonth(e.target.value);
            }}
          />
        </div>
        <MonthSummary month={month} />
        {expenses.isPending ? (
          <p className={mutedText}>{t('common.loading')}</p>
        ) : expenses.isError ? (
          <p>{problemMessage(expenses.error, t('expenses.error.load'))}</p>
        ) : items.length === 0 ? (
          <p className={emptyState}>{t('expenses.empty')}</p>
        ) : (
          <ul className={listFrame} aria-label={t('expenses.list')}>
            {items.map((expense) => (
              <li key={expense.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
                <div>
                  <p className="text-lg">
                    <span className="font-medium">{formatMoney(language, expense.amount, expense.currency)}</span> {expense.description}
                  </p>
                  <p className={mutedText}>
                    {categoryName(t, expense.category)} · {formatDate(language, expense.date)}
                  </p>
                </div>
                <button
                  type="button"
                  className={quietButton}
                  aria-label={t('expenses.delete.label', { description: expense.description })}
                  onClick={() => {
                    if (window.confirm(t('expenses.delete.confirm', { description: expense.description }))) {
                      remove.mutate(expense);
                    }
                  }}
                >
                  {t('common.delete')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
