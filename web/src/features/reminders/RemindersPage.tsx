import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { useTimeZone } from '../../ui/timeZone';
import { formatDateTime, oneFinalStop } from '../../ui/dates';
import { emptyState, listFrame, mutedText } from '../../ui/styles';
import { Field, fieldErrors, FormAlert, problemMessage, SubmitButton } from '../../ui/form';
import { ReminderItem } from './ReminderItem';
import { reminderKeys, remindersQuery, type ReminderView } from './reminders';

/** Reminders: add one in words, see what is still to come in local time (or all of them), snooze or say "got it". */
export function RemindersPage() {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const titleId = useId();
  const listId = useId();
  const [view, setView] = useState<ReminderView>('active');
  const reminders = useQuery(remindersQuery(view));
  const [text, setText] = useState('');
  const [when, setWhen] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const say = (message: string, isError = false) => {
    setError(isError ? message : null);
    setStatus(isError ? null : message);
  };

  const add = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/reminders', { body: { text: text.trim(), when: when.trim() } })),
    onSuccess: (reminder) => {
      setText('');
      setWhen('');
      say(
        reminder.nextAt
          ? oneFinalStop(t('reminders.added', { text: reminder.text, when: formatDateTime(language, reminder.nextAt, timeZone) }))
          : t('reminders.addedShort', { text: reminder.text }),
      );
      return queryClient.invalidateQueries({ queryKey: reminderKeys.all });
    },
    onError: (failure) => {
      say(problemMessage(failure, t('reminders.error.save')), true);
    },
  });

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (text.trim() !== '' && when.trim() !== '') {
      add.mutate();
    }
  }

  const errors = fieldErrors(add.error);
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-8">
      <title>{`${t('reminders.title')} · ${t('app.name')}`}</title>
      <h1 id={titleId} className="text-3xl font-semibold tracking-tight">
        {t('reminders.title')}
      </h1>
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate aria-label={t('reminders.add.title')}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label={t('reminders.add.text')}
            value={text}
            error={errors.text}
            autoComplete="off"
            onChange={(e) => {
              setText(e.target.value);
            }}
          />
          <Field
            label={t('reminders.add.when')}
            hint={t('reminders.add.whenHint')}
            value={when}
            error={errors.when}
            autoComplete="off"
            onChange={(e) => {
              setWhen(e.target.value);
            }}
          />
        </div>
        <div>
          <SubmitButton busy={add.isPending}>{t('reminders.add.submit')}</SubmitButton>
        </div>
      </form>
      <div className="flex flex-col gap-2">
        <FormAlert message={error} />
        <p role="status" aria-live="polite" className="min-h-6 text-base text-teal-900 dark:text-teal-200">
          {status}
        </p>
      </div>
      <section aria-labelledby={listId} className="flex flex-col gap-4">
        <h2 id={listId} className="text-2xl font-semibold tracking-tight">
          {view === 'active' ? t('reminders.upcoming') : t('reminders.all')}
        </h2>
        <ChoiceGroup
          label={t('reminders.view.label')}
          choices={['active', 'all'] as const}
          chosen={view}
          name={(choice) => t(`reminders.view.${choice}`)}
          onChoose={setView}
        />
        {reminders.isPending ? (
          <p className={mutedText}>{t('common.loading')}</p>
        ) : reminders.isError ? (
          <p>{problemMessage(reminders.error, t('reminders.error.load'))}</p>
        ) : reminders.data.length === 0 ? (
          <p className={emptyState}>{t('reminders.empty')}</p>
        ) : (
          <ul className={listFrame} aria-labelledby={listId}>
            {reminders.data.map((reminder) => (
              <ReminderItem key={reminder.id} reminder={reminder} onResult={say} />
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
