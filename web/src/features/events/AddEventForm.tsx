import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import * as z from 'zod/mini';
import { api, unwrap } from '../../api/client';
import { useI18n, type Translate } from '../../i18n';
import { useTimeZone } from '../../ui/timeZone';
import { formatDateTime, oneFinalStop } from '../../ui/dates';
import { applyProblem, Field, FormAlert, SubmitButton } from '../../ui/form';
import { formRules } from '../../ui/formRules';
import { eventKeys } from './events';

/** The server's limits for a new event (EventRequest): a title and a start in words, two weeks at most, a place. */
function eventSchema(t: Translate) {
  const rules = formRules(t);
  return z.object({
    title: rules.text(200),
    start: rules.text(200),
    durationMinutes: rules.optionalWholeNumber(1, 60 * 24 * 14),
    location: rules.optionalText(200),
  });
}

type EventValues = z.infer<ReturnType<typeof eventSchema>>;

const empty: EventValues = { title: '', start: '', durationMinutes: '', location: '' };

/** Add an event: what, when in words ("thursday at 2:30pm", "every monday at 9am"), optionally how long and where. */
export function AddEventForm({ onAdded }: { onAdded: (echo: string) => void }) {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError: setFieldError,
    formState: { errors },
  } = useForm<EventValues>({ resolver: zodResolver(useMemo(() => eventSchema(t), [t])), defaultValues: empty });

  const add = useMutation({
    mutationFn: (values: EventValues) =>
      unwrap(
        api.POST('/api/v1/events', {
          body: {
            title: values.title,
            start: values.start,
            durationMinutes: values.durationMinutes === '' ? null : Number(values.durationMinutes),
            location: values.location || null,
          },
        }),
      ),
    onSuccess: (event) => {
      reset(empty);
      onAdded(oneFinalStop(t('events.added', { title: event.title, when: formatDateTime(language, event.start, timeZone) })));
      return queryClient.invalidateQueries({ queryKey: eventKeys.all });
    },
    onError: (failure) => {
      setError(applyProblem(failure, setFieldError, ['title', 'start', 'durationMinutes', 'location'], t('events.error.save')));
    },
  });

  const submit = handleSubmit((values) => {
    setError(null);
    add.mutate(values);
  });

  return (
    <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-4" noValidate aria-label={t('events.add.title')}>
      <FormAlert message={error} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t('events.field.title')} autoComplete="off" error={errors.title?.message} {...register('title')} />
        <Field
          label={t('events.field.start')}
          hint={t('events.field.startHint')}
          autoComplete="off"
          error={errors.start?.message}
          {...register('start')}
        />
        <Field
          label={t('events.field.minutes')}
          type="number"
          inputMode="numeric"
          min={1}
          error={errors.durationMinutes?.message}
          {...register('durationMinutes')}
        />
        <Field label={t('events.field.location')} autoComplete="off" error={errors.location?.message} {...register('location')} />
      </div>
      <div>
        <SubmitButton busy={add.isPending}>{t('events.add.submit')}</SubmitButton>
      </div>
    </form>
  );
}
