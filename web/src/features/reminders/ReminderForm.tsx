import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import * as z from 'zod/mini';
import { api, unwrap } from '../../api/client';
import { useI18n, type Translate } from '../../i18n';
import { useTimeZone } from '../../ui/timeZone';
import { formatDateTime, oneFinalStop } from '../../ui/dates';
import { applyProblem, Field, SubmitButton } from '../../ui/form';
import { formRules } from '../../ui/formRules';
import { reminderKeys } from './reminders';

// The server's limits on a new reminder (CreateReminderRequest, ReminderConfiguration).
function reminderSchema(t: Translate) {
  const rules = formRules(t);
  return z.object({ text: rules.text(500), when: rules.text(200) });
}

type ReminderValues = z.infer<ReturnType<typeof reminderSchema>>;

/**
 * Add a reminder in words. The page says the result: `onAdded` with the echo of what was understood, `onFailed`
 * with what belongs to no field (null when every message went beside its field).
 */
export function ReminderForm({ onAdded, onFailed }: { onAdded: (message: string) => void; onFailed: (message: string | null) => void }) {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const {
    register,
    handleSubmit,
    reset,
    setError: setFieldError,
    formState: { errors },
  } = useForm<ReminderValues>({
    resolver: zodResolver(useMemo(() => reminderSchema(t), [t])),
    defaultValues: { text: '', when: '' },
  });

  const add = useMutation({
    mutationFn: (body: ReminderValues) => unwrap(api.POST('/api/v1/reminders', { body })),
    onSuccess: (reminder) => {
      reset();
      onAdded(
        reminder.nextAt
          ? oneFinalStop(t('reminders.added', { text: reminder.text, when: formatDateTime(language, reminder.nextAt, timeZone) }))
          : t('reminders.addedShort', { text: reminder.text }),
      );
      return queryClient.invalidateQueries({ queryKey: reminderKeys.all });
    },
    onError: (failure) => {
      onFailed(applyProblem(failure, setFieldError, ['text', 'when'], t('reminders.error.save')));
    },
  });
  const submit = handleSubmit((values) => {
    add.mutate(values);
  });

  return (
    <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-4" noValidate aria-label={t('reminders.add.title')}>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t('reminders.add.text')} error={errors.text?.message} autoComplete="off" {...register('text')} />
        <Field
          label={t('reminders.add.when')}
          hint={t('reminders.add.whenHint')}
          error={errors.when?.message}
          autoComplete="off"
          {...register('when')}
        />
      </div>
      <div>
        <SubmitButton busy={add.isPending}>{t('reminders.add.submit')}</SubmitButton>
      </div>
    </form>
  );
}
