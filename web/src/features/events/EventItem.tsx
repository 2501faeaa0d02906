import { useI18n } from '../../i18n';
import { formatTime } from '../../ui/dates';
import { useTimeZone } from '../../ui/timeZone';
import { mutedText, narrowQuietButton, quietButton } from '../../ui/styles';
import { DeleteRepeatChoice } from './DeleteRepeatChoice';
import { isAllDay, type Occurrence } from './events';

/**
 * One occurrence, in the week list or in a day of the week grid (`narrow`): when, what, where, and Delete. Deleting a
 * repeating event asks "only this one or the whole series" in place; any other asks to confirm.
 */
export function EventItem({
  occurrence,
  narrow = false,
  choosing,
  busy,
  onAsk,
  onRemove,
  onCancel,
}: {
  occurrence: Occurrence;
  narrow?: boolean;
  /** This occurrence's "which to delete" question is open. */
  choosing: boolean;
  busy: boolean;
  onAsk: () => void;
  onRemove: (only: boolean) => void;
  onCancel: () => void;
}) {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const when = isAllDay(occurrence, timeZone)
    ? t('events.allDay')
    : t('events.time', { start: formatTime(language, occurrence.start, timeZone), end: formatTime(language, occurrence.end, timeZone) });
  const details = [occurrence.location, occurrence.repeats ? t('events.repeats') : null].filter(Boolean).join(' · ');
  return (
    <li
      className={
        narrow
          ? 'flex flex-col gap-2 rounded-lg border border-stone-200 bg-white p-2 break-words dark:border-stone-800 dark:bg-stone-900'
          : 'flex flex-wrap items-center justify-between gap-3 rounded-xl border border-stone-200 bg-white px-4 py-3 dark:border-stone-800 dark:bg-stone-900'
      }
    >
      {narrow ? (
        <div>
          <p className={mutedText}>{when}</p>
          <p className="text-base font-medium">{occurrence.title}</p>
          {details && <p className={mutedText}>{details}</p>}
        </div>
      ) : (
        <div>
          <p className="text-lg font-medium">{occurrence.title}</p>
          <p className={mutedText}>{[when, details].filter(Boolean).join(' · ')}</p>
        </div>
      )}
      {choosing ? (
        <DeleteRepeatChoice
          occurrence={occurrence}
          narrow={narrow}
          busy={busy}
          onChoose={(only) => {
            onRemove(only);
          }}
          onCancel={onCancel}
        />
      ) : (
        <button
          type="button"
          className={narrow ? narrowQuietButton : quietButton}
          aria-label={t('events.delete.label', { title: occurrence.title })}
          aria-expanded={occurrence.repeats ? false : undefined}
          onClick={() => {
            if (occurrence.repeats) {
              onAsk();
            } else if (window.confirm(t('events.delete.confirm', { title: occurrence.title }))) {
              onRemove(false);
            }
          }}
        >
          {t('common.delete')}
        </button>
      )}
    </li>
  );
}
