import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { useTimeZone } from '../../ui/timeZone';
import { formatDateTime, oneFinalStop } from '../../ui/dates';
import { mutedText, quietButton } from '../../ui/styles';
import { problemMessage } from '../../ui/form';
import { finishedStatuses, reminderKeys, type Reminder } from './reminders';

const snoozeChoices = [10, 60] as const;

/** One reminder: when it comes in the person's local time, snooze, got it, delete. */
export function ReminderItem({ reminder, onResult }: { reminder: Reminder; onResult: (message: string, isError?: boolean) => void }) {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const path = { params: { path: { id: reminder.id } } };
  const refresh = () => queryClient.invalidateQueries({ queryKey: reminderKeys.all });
  const fail = (failure: unknown) => {
    onResult(problemMessage(failure, t('reminders.error.save')), true);
  };

  const snooze = useMutation({
    mutationFn: (minutes: number) => unwrap(api.POST('/api/v1/reminders/{id}/snooze', { ...path, body: { minutes } })),
    onSuccess: (snoozed) => {
      onResult(
        snoozed.nextAt
          ? oneFinalStop(t('reminders.snoozed', { text: snoozed.text, when: formatDateTime(language, snoozed.nextAt, timeZone) }))
          : t('reminders.snoozedShort', { text: snoozed.text }),
      );
      return refresh();
    },
    onError: fail,
  });
  const acknowledge = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/reminders/{id}/acknowledge', path)),
    onSuccess: () => {
      onResult(t('reminders.acknowledged', { text: reminder.text }));
      return refresh();
    },
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/reminders/{id}', path)),
    onSuccess: () => {
      onResult(t('reminders.deleted', { text: reminder.text }));
      return refresh();
    },
    onError: fail,
  });

  const finished = finishedStatuses.has(reminder.status);
  const details = [
    reminder.status === 'delivered' ? t('reminders.status.delivered') : null,
    reminder.status === 'snoozed' ? t('reminders.status.snoozed') : null,
    reminder.status === 'acknowledged' ? t('reminders.status.acknowledged') : null,
    reminder.status === 'cancelled' ? t('reminders.status.cancelled') : null,
    reminder.rrule ? t('reminders.repeats') : null,
  ].filter(Boolean);
  return (
    <li className="flex flex-col gap-3 px-5 py-4">
      <div>
        <p className="text-lg font-medium">{reminder.text}</p>
        <p className="text-base text-stone-700 dark:text-stone-300">
          {reminder.nextAt ? formatDateTime(language, reminder.nextAt, timeZone) : t('reminders.noNext')}
        </p>
        {details.length > 0 && <p className={mutedText}>{details.join(' · ')}</p>}
      </div>
      <div className="flex flex-wrap gap-2">
        {!finished &&
          snoozeChoices.map((minutes) => (
            <button
              key={minutes}
              type="button"
              className={quietButton}
              disabled={snooze.isPending}
              aria-label={t(`reminders.snooze.${minutes}.label`, { text: reminder.text })}
              onClick={() => {
                snooze.mutate(minutes);
              }}
            >
              {t(`reminders.snooze.${minutes}`)}
            </button>
          ))}
        {!finished && (
          <button
            type="button"
            className={quietButton}
            aria-label={t('reminders.acknowledge.label', { text: reminder.text })}
            onClick={() => {
              acknowledge.mutate();
            }}
          >
            {t('reminders.acknowledge')}
          </button>
        )}
        <button
          type="button"
          className={quietButton}
          aria-label={t('reminders.delete.label', { text: reminder.text })}
          onClick={() => {
            if (window.confirm(t('reminders.delete.confirm', { text: reminder.text }))) {
              remove.mutate();
            }
          }}
        >
          {t('common.delete')}
        </button>
      </div>
    </li>
  );
}
