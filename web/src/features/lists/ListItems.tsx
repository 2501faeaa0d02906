import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { emptyState, listFrame, mutedText, quietButton } from '../../ui/styles';
import { Field, fieldErrors, FormAlert, problemMessage, SubmitButton } from '../../ui/form';
import { itemsQuery, listKeys, type ShoppingList } from './lists';

/** One list: add an item (the server merges it with the same one still unchecked), check it off, remove it. */
export function ListItems({ list }: { list: ShoppingList }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const titleId = useId();
  const items = useQuery(itemsQuery(list.id));
  const [text, setText] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: listKeys.all });
  const fail = (failure: unknown) => {
    setStatus(null);
    setError(problemMessage(failure, t('lists.error.save')));
  };

  const add = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/lists/{id}/items', {
          params: { path: { id: list.id } },
          body: { text: text.trim(), quantity: Number(quantity) || 1 },
        }),
      ),
    onSuccess: (item) => {
      setText('');
      setQuantity('1');
      setError(null);
      setStatus(item.merged ? t('lists.merged', { text: item.text, quantity: item.quantity }) : t('lists.added', { text: item.text }));
      return refresh();
    },
    onError: fail,
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

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (text.trim() !== '') {
      add.mutate();
    }
  }

  const errors = fieldErrors(add.error);
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-4">
      <h2 id={titleId} className="text-2xl font-semibold tracking-tight">
        {list.name}
      </h2>
      <form onSubmit={submit} className="flex flex-col gap-3" noValidate aria-label={t('lists.add.title', { name: list.name })}>
        <FormAlert message={error} />
        <div className="grid grid-cols-[1fr_6rem] gap-3">
          <Field
            label={t('lists.add.item')}
            value={text}
            error={errors.text}
            autoComplete="off"
            onChange={(e) => {
              setText(e.target.value);
            }}
          />
          <Field
            label={t('lists.add.quantity')}
            type="number"
            inputMode="numeric"
            min={1}
            value={quantity}
            error={errors.quantity}
            onChange={(e) => {
              setQuantity(e.target.value);
            }}
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
