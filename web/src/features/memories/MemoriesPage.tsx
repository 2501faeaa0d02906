import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { emptyState, listFrame, mutedText } from '../../ui/styles';
import { applyProblem, Field, FormAlert, problemMessage, SubmitButton } from '../../ui/form';
import { memoriesQuery, memoryKeys, memorySchema, type MemoryValues } from './memories';
import { MemoryItem } from './MemoryItem';

/** What the assistant remembers about the person, in the open: read it, correct it, make it forget. */
export function MemoriesPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const titleId = useId();
  const listId = useId();
  const memories = useQuery(memoriesQuery);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // null says nothing: a refusal whose messages all went beside their fields clears what was said before.
  const say = (message: string | null, isError = false) => {
    setError(isError ? message : null);
    setStatus(isError ? null : message);
  };

  const {
    register,
    handleSubmit,
    reset,
    setError: setFieldError,
    formState: { errors },
  } = useForm<MemoryValues>({
    resolver: zodResolver(useMemo(() => memorySchema(t), [t])),
    defaultValues: { body: '' },
  });

  const add = useMutation({
    mutationFn: (body: MemoryValues) => unwrap(api.POST('/api/v1/memories', { body })),
    onSuccess: () => {
      reset();
      say(t('memories.added'));
      return queryClient.invalidateQueries({ queryKey: memoryKeys.all });
    },
    onError: (failure) => {
      say(applyProblem(failure, setFieldError, ['body'], t('memories.error.save')), true);
    },
  });
  const submit = handleSubmit((values) => {
    add.mutate(values);
  });

  const items = memories.data?.items ?? [];
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-8">
      <title>{`${t('memories.title')} · ${t('app.name')}`}</title>
      <div>
        <h1 id={titleId} className="text-3xl font-semibold tracking-tight">
          {t('memories.title')}
        </h1>
        <p className="mt-2 text-base text-stone-700 dark:text-stone-300">{t('memories.intro')}</p>
      </div>
      <div className="flex flex-col gap-2">
        <FormAlert message={error} />
        <p role="status" aria-live="polite" className="min-h-6 text-base text-teal-900 dark:text-teal-200">
          {status}
        </p>
      </div>
      <section aria-labelledby={listId} className="flex flex-col gap-4">
        <h2 id={listId} className="text-2xl font-semibold tracking-tight">
          {t('memories.list')}
        </h2>
        {memories.isPending ? (
          <p className={mutedText}>{t('common.loading')}</p>
        ) : memories.isError ? (
          <p>{problemMessage(memories.error, t('memories.error.load'))}</p>
        ) : items.length === 0 ? (
          <p className={emptyState}>{t('memories.empty')}</p>
        ) : (
          <ul className={listFrame} aria-labelledby={listId}>
            {items.map((memory) => (
              <MemoryItem key={memory.id} memory={memory} onResult={say} />
            ))}
          </ul>
        )}
      </section>
      <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-3" noValidate aria-label={t('memories.add.title')}>
        <Field label={t('memories.add.body')} hint={t('memories.add.hint')} error={errors.body?.message} autoComplete="off" {...register('body')} />
        <div>
          <SubmitButton busy={add.isPending}>{t('memories.add.submit')}</SubmitButton>
        </div>
      </form>
    </section>
  );
}
