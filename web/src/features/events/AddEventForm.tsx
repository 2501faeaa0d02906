import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { useTimeZone } from '../../ui/timeZone';
import { formatDateTime, oneFinalStop } from '../../ui/dates';
import { Field, fieldErrors, FormAlert, problemMessage, SubmitButton } from '../../ui/form';
import { eventKeys } from './events';

/** Add an event: what, when in words ("thursday at 2:30pm", "every monday at 9am"), optionally how long and where. */
export function AddEventForm({ onAdded }: { onAdded: (echo: string) => void }) {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [start, setStart] = useState('');
  const [minutes, setMinutes] = useState('');
  const [location, setLocation] = useState('');
  const [error, setError] = useState<string | null>(null);

  const add = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/events', {
          body: {
            title: title.trim(),
            start: start.trim(),
            durationMinutes: minutes.trim() === '' ? null : Number(minutes),
            location: location.trim() || null,
          },
        }),
      ),
    onSuccess: (event) => {
      setTitle('');
      setStart('');
      setMinutes('');
      setLocation('');
      setError(null);
      onAdded(oneFinalStop(t('events.added', { title: event.title, when: formatDateTime(language, event.start, timeZone) })));
      return queryClient.invalidateQueries({ queryKey: eventKeys.all });
    },
    onError: (failure) => {
      setError(problemMessage(failure, t('events.error.save')));
    },
  });

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (title.trim() !== '' && start.trim() !== '') {
      add.mutate();
    }
  }

  const errors = fieldErrors(add.error);
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate aria-label={t('events.add.title')}>
      <FormAlert message={error} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label={t('events.field.title')}
          autoComplete="off"
          value={title}
          error={errors.title}
          onChange={(e) => {
            setTitle(e.target.value);
          }}
        />
        <Field
          label={t('events.field.start')}
          hint={t('events.field.startHint')}
          autoComplete="off"
          value={start}
          error={errors.start}
          onChange={(e) => {
            setStart(e.target.value);
          }}
        />
        <Field
          label={t('events.field.minutes')}
          type="number"
          inputMode="numeric"
          min={1}
          value={minutes}
          error={errors.durationMinutes}
          onChange={(e) => {
            setMinutes(e.target.value);
          }}
        />
        <Field
          label={t('events.field.location')}
          autoComplete="off"
          value={location}
          error={errors.location}
          onChange={(e) => {
            setLocation(e.target.value);
          }}
        />
      </div>
      <div>
        <SubmitButton busy={add.isPending}>{t('events.add.submit')}</SubmitButton>
      </div>
    </form>
  );
}
