import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { inputClass, labelClass } from '../../ui/styles';
import { Field, fieldErrors, FormAlert, problemMessage, SubmitButton } from '../../ui/form';
import { categories, categoryName, expenseKeys, formatMoney, parseAmount, type Expense } from './expenses';

/** Log an expense: amount and what it was for; the category is guessed unless chosen, the date is today unless given. */
export function AddExpenseForm({ onAdded }: { onAdded: (expense: Expense, echo: string) => void }) {
  const { t, language } = useI18n();
  const queryClient = useQueryClient();
  const categoryId = useId();
  const [amount, setAmount] = useState('');
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState('');
  const [date, setDate] = useState('');
  const [error, setError] = useState<string | null>(null);

  const add = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/expenses', {
          body: { amount: parseAmount(amount), description: description.trim(), category: category || null, date: date || null },
        }),
      ),
    onSuccess: (expense) => {
      setAmount('');
      setDescription('');
      setCategory('');
      setDate('');
      setError(null);
      onAdded(
        expense,
        t('expenses.added', {
          amount: formatMoney(language, expense.amount, expense.currency),
          description: expense.description,
          category: categoryName(t, expense.category),
        }),
      );
      return queryClient.invalidateQueries({ queryKey: expenseKeys.all });
    },
    onError: (failure) => {
      setError(problemMessage(failure, t('expenses.error.save')));
    },
  });

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (Number.isNaN(parseAmount(amount)) || amount.trim() === '') {
      setError(t('expenses.error.amount'));
      return;
    }
    add.mutate();
  }

  const errors = fieldErrors(add.error);
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate aria-label={t('expenses.add.title')}>
      <FormAlert message={error} />
      <div className="grid gap-4 sm:grid-cols-[8rem_1fr]">
        <Field
          label={t('expenses.field.amount')}
          inputMode="decimal"
          autoComplete="off"
          value={amount}
          error={errors.amount}
          onChange={(e) => {
            setAmount(e.target.value);
          }}
        />
        <Field
          label={t('expenses.field.description')}
          autoComplete="off"
          value={description}
          error={errors.description}
          onChange={(e) => {
            setDescription(e.target.value);
          }}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-1.5">
          <label htmlFor={categoryId} className={labelClass}>
            {t('expenses.field.category')}
          </label>
          <select
            id={categoryId}
            className={inputClass}
            value={category}
            onChange={(e) => {
              setCategory(e.target.value);
            }}
          >
            <option value="">{t('expenses.category.guess')}</option>
            {categories.map((value) => (
              <option key={value} value={value}>
                {categoryName(t, value)}
              </option>
            ))}
          </select>
        </div>
        <Field
          label={t('expenses.field.date')}
          type="date"
          value={date}
          error={errors.date}
          onChange={(e) => {
            setDate(e.target.value);
          }}
        />
      </div>
      <div>
        <SubmitButton busy={add.isPending}>{t('expenses.add.submit')}</SubmitButton>
      </div>
    </form>
  );
}
