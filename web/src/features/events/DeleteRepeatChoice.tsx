import { useEffect, useId, useRef } from 'react';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../ui/dates';
import { useTimeZone } from '../../ui/timeZone';
import { quietButton } from '../../ui/styles';
import type { Occurrence } from './events';

/**
 * Deleting a repeating event asks which: only this occurrence, or the whole series. Shown in place of the Delete
 * button (no modal to lose), it takes the focus; Escape or "Keep it" closes it, and nothing is deleted until one of
 * the two answers is chosen.
 */
export function DeleteRepeatChoice({
  occurrence,
  busy,
  onChoose,
  onCancel,
}: {
  occurrence: Occurrence;
  busy: boolean;
  onChoose: (only: boolean) => void;
  onCancel: () => void;
}) {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const questionId = useId();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    first.current?.focus();
  }, []);

  return (
    <div
      role="group"
      aria-labelledby={questionId}
      className="flex basis-full flex-col gap-3 rounded-lg border border-amber-300 bg-amber-50 p-3 dark:border-amber-700 dark:bg-stone-950"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          onCancel();
        }
      }}
    >
      <p id={questionId} className="text-base font-medium">
        {t('events.delete.which', { title: occurrence.title })}
      </p>
      <div className="flex flex-wrap gap-2">
        <button
          ref={first}
          type="button"
          className={quietButton}
          disabled={busy}
          onClick={() => {
            onChoose(true);
          }}
        >
          {t('events.delete.thisOne', { when: formatDateTime(language, occurrence.start, timeZone) })}
        </button>
        <button
          type="button"
          className={quietButton}
          disabled={busy}
          onClick={() => {
            onChoose(false);
          }}
        >
          {t('events.delete.series')}
        </button>
        <button type="button" className={quietButton} onClick={onCancel}>
          {t('events.delete.keep')}
        </button>
      </div>
    </div>
  );
}
