import { useI18n, type MessageKey } from '../../i18n';
import { partWords, type Understanding, type UnderstoodPart } from './understanding';

const kinds: Record<string, MessageKey> = {
  task: 'today.capture.kind.task',
  reminder: 'today.capture.kind.reminder',
  event: 'today.capture.kind.event',
  note: 'today.capture.kind.note',
  list: 'today.capture.kind.list',
  expense: 'today.capture.kind.expense',
  memory: 'today.capture.kind.memory',
};

const chip =
  'inline-flex min-h-11 items-center rounded-full border border-teal-200 bg-teal-50 text-sm text-teal-950 dark:border-teal-800 dark:bg-teal-950 dark:text-teal-50';

/**
 * What the assistant understood in the capture being typed, as chips: the kind of thing it would save, then each part
 * (day, time, repeat, list, amount) with a button that takes its words out of the box. Not a live region: the chips
 * change as the person types and are read when they go to them.
 */
export function CaptureChips({ understanding, text, onRemove }: { understanding: Understanding; text: string; onRemove: (part: UnderstoodPart) => void }) {
  const { t } = useI18n();
  const kind = kinds[understanding.kind];
  if (!kind && understanding.parts.length === 0) {
    return null;
  }
  return (
    <ul aria-label={t('today.capture.understood')} className="flex flex-wrap gap-2">
      {kind && (
        <li className={`${chip} px-4 font-medium`}>
          {t(kind)}
        </li>
      )}
      {understanding.parts.map((part, index) => (
        <li key={`${part.part}-${String(index)}`} className={`${chip} ${partWords(part, text) ? 'pl-4' : 'px-4'}`}>
          <span>{part.label}</span>
          {partWords(part, text) && (
            <button
              type="button"
              aria-label={t('today.capture.remove', { label: part.label })}
              className="ml-1 inline-flex size-11 items-center justify-center rounded-full text-lg leading-none text-teal-900 hover:bg-teal-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-700 dark:text-teal-100 dark:hover:bg-teal-900 dark:focus-visible:outline-teal-300"
              onClick={() => {
                onRemove(part);
              }}
            >
              <span aria-hidden="true">×</span>
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
