import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useI18n } from '../../i18n';
import { emptyState, listFrame, mutedText } from '../../ui/styles';
import { FormAlert, problemMessage } from '../../ui/form';
import { ReminderForm } from './ReminderForm';
import { ReminderItem } from './ReminderItem';
import { remindersQuery, type ReminderView } from './reminders';

/** Reminders: add one in words, see what is still to come in local time (or all of them), snooze or say "got it". */
export function RemindersPage() {
  const { t } = useI18n();
  const titleId = useId();
  const listId = useId();
  const [view, setView] = useState<ReminderView>('active');
  const reminders = useQuery(remindersQuery(view));
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const say = (message: string, isError = false) => {
    setError(isError ? message : null);
    setStatus(isError ? null : message);
  };

  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-8">
      <title>{`${t('reminders.title')} · ${t('app.name')}`}</title>
      <h1 id={titleId} className="text-3xl font-semibold tracking-tight">
        {t('reminders.title')}
      </h1>
      <ReminderForm
        onAdded={say}
        onFailed={(message) => {
          setStatus(null);
          setError(message);
        }}
      />
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
