import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { useTimeZone } from '../../ui/timeZone';
import { formatDateTime } from '../../ui/dates';
import { mutedText, quietButton } from '../../ui/styles';
import { applyProblem, Field, problemMessage, SaveOrCancel } from '../../ui/form';
import { memoryKeys, memorySchema, type Memory, type MemoryValues } from './memories';

/**
 * What an item says on the page: a sentence (`isError` for the alert), or null for nothing (a refusal whose
 * messages all went beside their fields).
 */
type OnResult = (message: string | null, isError?: boolean) => void;

/** One thing the assistant remembers: correct it or make it forget. */
export function MemoryItem({ memory, onResult }: { memory: Memory; onResult: OnResult }) {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const forget = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/memories/{id}', { params: { path: { id: memory.id } } })),
    onSuccess: () => {
      onResult(t('memories.forgotten', { body: memory.body }));
      return queryClient.invalidateQueries({ queryKey: memoryKeys.all });
    },
    onError: (failure) => {
      onResult(problemMessage(failure, t('memories.error.save')), true);
    },
  });

  if (editing) {
    return (
      <li className="px-5 py-4">
        <MemoryEditForm
          memory={memory}
          onResult={onResult}
          onClose={() => {
            setEditing(false);
          }}
        />
      </li>
    );
  }

  return (
    <li className="flex flex-col gap-3 px-5 py-4">
      <div>
        <p className="text-lg">{memory.body}</p>
        <p className={mutedText}>{t('memories.since', { when: formatDateTime(language, memory.createdAt, timeZone) })}</p>
      </div>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={quietButton}
          aria-label={t('memories.edit.label', { body: memory.body })}
          onClick={() => {
            setEditing(true);
          }}
        >
          {t('common.edit')}
        </button>
        <button
          type="button"
          className={quietButton}
          aria-label={t('memories.forget.label', { body: memory.body })}
          onClick={() => {
            if (window.confirm(t('memories.forget.confirm', { body: memory.body }))) {
              forget.mutate();
            }
          }}
        >
          {t('memories.forget')}
        </button>
      </div>
    </li>
  );
}

/** Correct a memory, in place of it; its answer is said by the page (`onResult`). */
function MemoryEditForm({ memory, onResult, onClose }: { memory: Memory; onResult: OnResult; onClose: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    formState: { errors },
  } = useForm<MemoryValues>({
    resolver: zodResolver(useMemo(() => memorySchema(t), [t])),
    defaultValues: { body: memory.body },
  });
  const save = useMutation({
    mutationFn: (body: MemoryValues) => unwrap(api.PATCH('/api/v1/memories/{id}', { params: { path: { id: memory.id } }, body })),
    onSuccess: () => {
      onClose();
      onResult(t('memories.saved'));
      return queryClient.invalidateQueries({ queryKey: memoryKeys.all });
    },
    onError: (failure) => {
      onResult(applyProblem(failure, setFieldError, ['body'], t('memories.error.save')), true);
    },
  });
  const submit = handleSubmit((values) => {
    save.mutate(values);
  });

  return (
    <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-3" noValidate aria-label={t('memories.edit.title')}>
      <Field
        label={t('memories.field.body')}
        // Opened by the person's own tap on Edit, in place of that button: the focus goes into the form.
        autoFocus
        error={errors.body?.message}
        {...register('body')}
      />
      <SaveOrCancel busy={save.isPending} onCancel={onClose} />
    </form>
  );
}
