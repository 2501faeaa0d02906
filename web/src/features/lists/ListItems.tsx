import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import * as z from 'zod/mini';
import { api, unwrap } from '../../api/client';
import { useI18n, type Translate } from '../../i18n';
import { emptyState, listFrame, mutedText, quietButton } from '../../ui/styles';
import { applyProblem, Field, FormAlert, problemMessage, SubmitButton } from '../../ui/form';
import { formRules } from '../../ui/formRules';
import { itemsQuery, listKeys, type ShoppingList } from './lists';

// The server's limits on an item (AddItemRequest, ListItemConfiguration): its text, and how many (an empty box means one).
const maxQuantity = 9999;

function itemSchema(t: Translate) {
  return z.object({
    text: formRules(t).text(200),
    quantity: formRules(t).optionalWholeNumber(1, maxQuantity),
  });
}

type ItemValues = z.infer<ReturnType<typeof itemSchema>>;

/** One list: add an item (the server merges it with the same one still unchecked), check it off, remove it. */
export function ListItems({ list }: { list: ShoppingList }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const titleId = useId();
  const items = useQuery(itemsQuery(list.id));
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: listKeys.all });
  const fail = (failure: unknown) => {
    setStatus(null);
    setError(problemMessage(failure, t('lists.error.save')));
  };

  const {
    register,
    handleSubmit,
    reset,
    setError: setFieldError,
    formState: { errors },
  } = useForm<ItemValues>({
    resolver: zodResolver(useMemo(() => itemSchema(t), [t])),
    defaultValues: { text: '', quantity: '1' },
  });

  const add = useMutation({
    mutationFn: ({ text, quantity }: ItemValues) =>
      unwrap(
        api.POST('/api/v1/lists/{id}/items', {
          params: { path: { id: list.id } },
          body: { text, quantity: Number(quantity) || 1 },
        }),
      ),
    onSuccess: (item) => {
      reset();
      setError(null);
      setStatus(item.merged ? t('lists.merged', { text: item.text, quantity: item.quantity }) : t('lists.added', { text: item.text }));
      return refresh();
    },
    onError: (failure) => {
      setStatus(null);
      setError(applyProblem(failure, setFieldError, ['text', 'quantity'], t('lists.error.save')));
    },
  });
  const check = useMutation({
    mutationFn: ({ id, checked }: { id: string; checked: boolean }) =>
      unwrap(api.PATCH('/api/v1/lists/{id}/items/{itemId}', { params: { path: { id: list.id, itemId: id } }, body: { checked } })),
    // The box ticks at once, in the shop, with a slow connection; the server's order follows.
    onMutate: async ({ id, checked }) => {
      const { queryKey } = itemsQuery(list.id);
      await queryClient.cancelQueries({ queryKey });
      queryClient.setQueryData(queryKey, (current) => current?.map((item) => (item.id === id ? { ...item, checked } : item)));
    },
    onSettled: refresh,
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: ({ id }: { id: string; text: string }) =>
      unwrap(api.DELETE('/api/v1/lists/{id}/items/{itemId}', { params: { path: { id: list.id, itemId: id } } })),
    onSuccess: (_result, { text: removed }) => {
      setError(null);
      setStatus(t('lists.removed', { text: removed }));
      return refresh();
    },
    onError: fail,
  });

  const submit = handleSubmit((values) => {
    add.mutate(values);
  });

  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-4">
      <h2 id={titleId} className="text-2xl font-semibold tracking-tight">
        {list.name}
      </h2>
      <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-3" noValidate aria-label={t('lists.add.title', { name: list.name })}>
        <FormAlert message={error} />
        <div className="grid grid-cols-[1fr_6rem] gap-3">
          <Field label={t('lists.add.item')} error={errors.text?.message} autoComplete="off" {...register('text')} />
          <Field
            label={t('lists.add.quantity')}
            type="number"
            inputMode="numeric"
            min={1}
            max={maxQuantity}
            error={errors.quantity?.message}
            {...register('quantity')}
          />
        </div>
        <div>
          <SubmitButton busy={add.isPending}>{t('lists.add.submit')}</SubmitButton>
        </div>
      </form>
      <p role="status" aria-live="polite" className="min-h-6 text-base text-teal-900 dark:text-teal-200">
        {status}
      </p>
      {items.isPending ? (
        <p className={mutedText}>{t('common.loading')}</p>
      ) : items.isError ? (
        <p>{problemMessage(items.error, t('lists.error.load'))}</p>
      ) : items.data.length === 0 ? (
        <p className={emptyState}>{t('lists.empty')}</p>
      ) : (
        <ul className={listFrame} aria-labelledby={titleId}>
          {items.data.map((item) => (
            <li key={item.id} className="flex items-center justify-between gap-3 px-5 py-2">
              <label className="flex min-h-11 flex-1 cursor-pointer items-center gap-3 text-lg">
                <input
                  type="checkbox"
                  className="size-5 accent-teal-800"
                  checked={item.checked}
                  onChange={(e) => {
                    check.mutate({ id: item.id, checked: e.target.checked });
                  }}
                />
                <span className={item.checked ? 'text-stone-500 line-through dark:text-stone-400' : ''}>
                  {Number(item.quantity) > 1 ? t('lists.item.quantity', { text: item.text, quantity: item.quantity }) : item.text}
                </span>
              </label>
              <button
                type="button"
                className={quietButton}
                aria-label={t('lists.remove.label', { text: item.text })}
                onClick={() => {
                  remove.mutate({ id: item.id, text: item.text });
                }}
              >
                {t('lists.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
