import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import * as z from 'zod/mini';
import { api, unwrap } from '../../api/client';
import { useI18n, type Translate } from '../../i18n';
import { applyProblem, Field, FormAlert, SelectField, SubmitButton } from '../../ui/form';
import { formRules } from '../../ui/formRules';
import { categories, categoryName, expenseKeys, formatMoney, parseAmount, type Expense } from './expenses';

/** The server's limits for a new expense (CreateExpenseRequest): 0.01 to a billion, a description, a date in 2000–2200. */
function expenseSchema(t: Translate) {
  return z.object({
    amount: z.string().check(
      z.refine((text) => text.trim() !== '' && !Number.isNaN(parseAmount(text)), t('expenses.error.amount')),
      z.refine((text) => {
        const amount = parseAmount(text);
        return Number.isNaN(amount) || (amount >= 0.01 && amount <= 1_000_000_000);
      }, t('expenses.error.amountRange')),
    ),
    description: formRules(t).text(300),
    category: z.string(),
    date: z.string().check(z.refine((text) => text === '' || yearIn(text, 2000, 2200), t('form.dateYears', { min: 2000, max: 2200 }))),
  });
}

/** Whether a date input's `yyyy-mm-dd` falls in the years `min` to `max`. */
function yearIn(date: string, min: number, max: number): boolean {
  const year = Number(date.slice(0, 4));
  return year >= min && year <= max;
}

type ExpenseValues = z.infer<ReturnType<typeof expenseSchema>>;

const empty: ExpenseValues = { amount: '', description: '', category: '', date: '' };

/** Log an expense: amount and what it was for; the category is guessed unless chosen, the date is today unless given. */
export function AddExpenseForm({ onAdded }: { onAdded: (expense: Expense, echo: string) => void }) {
  const { t, language } = useI18n();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError: setFieldError,
    formState: { errors },
  } = useForm<ExpenseValues>({ resolver: zodResolver(useMemo(() => expenseSchema(t), [t])), defaultValues: empty });

  const add = useMutation({
    mutationFn: (values: ExpenseValues) =>
      unwrap(
        api.POST('/api/v1/expenses', {
          body: { amount: parseAmount(values.amount), description: values.description, category: values.category || null, date: values.date || null },
        }),
      ),
    onSuccess: (expense) => {
      reset(empty);
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
      setError(applyProblem(failure, setFieldError, ['amount', 'description', 'category', 'date'], t('expenses.error.save')));
    },
  });

  const submit = handleSubmit((values) => {
    setError(null);
    add.mutate(values);
  });

  return (
    <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-4" noValidate aria-label={t('expenses.add.title')}>
      <FormAlert message={error} />
      <div className="grid gap-4 sm:grid-cols-[8rem_1fr]">
        <Field label={t('expenses.field.amount')} inputMode="decimal" autoComplete="off" error={errors.amount?.message} {...register('amount')} />
        <Field label={t('expenses.field.description')} autoComplete="off" error={errors.description?.message} {...register('description')} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label={t('expenses.field.category')} error={errors.category?.message} {...register('category')}>
          <option value="">{t('expenses.category.guess')}</option>
          {categories.map((value) => (
            <option key={value} value={value}>
              {categoryName(t, value)}
            </option>
          ))}
        </SelectField>
        <Field label={t('expenses.field.date')} type="date" error={errors.date?.message} {...register('date')} />
      </div>
      <div>
        <SubmitButton busy={add.isPending}>{t('expenses.add.submit')}</SubmitButton>
      </div>
    </form>
  );
}
