import { useEffect, useId, useRef } from 'react';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../ui/dates';
import { useTimeZone } from '../../ui/timeZone';
import { narrowQuietButton, quietButton } from '../../ui/styles';
import type { Occurrence } from './events';

/**
 * Deleting a repeating event asks which: only this occurrence, or the whole series. Shown in place of the Delete
 * button (no modal to lose), it takes the focus; Escape or "Keep it" closes it, and nothing is deleted until one of
 * the two answers is chosen. In a day of the week grid (`narrow`) its buttons are smaller and stack.
 */
export function DeleteRepeatChoice({
  occurrence,
  narrow = false,
  busy,
  onChoose,
  onCancel,
}: {
  occurrence: Occurrence;
  narrow?: boolean;
  busy: boolean;
  onChoose: (only: boolean) => void;
  onCancel: () => void;
}) {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const questionId = useId();
  const first = useRef<HTMLButtonElement>(null);
  const button = narrow ? narrowQuietButton : quietButton;
  useEffect(() => {
    first.current?.focus();
  }, []);

  return (
    <div
      role="group"
      aria-labelledby={questionId}
      className={`flex basis-full flex-col rounded-lg border border-amber-300 bg-amber-50 dark:border-amber-700 dark:bg-stone-950 ${narrow ? 'gap-2 p-2' : 'gap-3 p-3'}`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          onCancel();
        }
      }}
    >
      <p id={questionId} className={narrow ? 'text-sm font-medium' : 'text-base font-medium'}>
        {t('events.delete.which', { title: occurrence.title })}
      </p>
      <div className={narrow ? 'flex flex-col gap-2' : 'flex flex-wrap gap-2'}>
        <button
          ref={first}
          type="button"
          className={button}
          disabled={busy}
          onClick={() => {
            onChoose(true);
          }}
        >
          {t('events.delete.thisOne', { when: formatDateTime(language, occurrence.start, timeZone) })}
        </button>
        <button
          type="button"
          className={button}
          disabled={busy}
          onClick={() => {
            onChoose(false);
          }}
        >
          {t('events.delete.series')}
        </button>
        <button type="button" className={button} onClick={onCancel}>
          {t('events.delete.keep')}
        </button>
      </div>
    </div>
  );
}
