import { useId, type KeyboardEvent, type Ref, type SyntheticEvent } from 'react';
import { useI18n } from '../../i18n';
import { FormAlert } from '../../ui/form';

/** One box to say something: Enter sends, Shift+Enter starts a new line. It stays usable while a reply is written. */
export function Composer({
  value,
  onChange,
  onSend,
  error,
  textareaRef,
}: {
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  error: string | null;
  textareaRef: Ref<HTMLTextAreaElement>;
}) {
  const { t } = useI18n();
  const id = useId();
  const empty = value.trim() === '';

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (!empty) {
      onSend();
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // While an input method is composing (accents, Asian scripts), Enter belongs to it.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      submit(event);
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-2" noValidate>
      <FormAlert message={error} />
      <label htmlFor={id} className="text-base font-medium text-stone-900 dark:text-stone-100">
        {t('assistant.message')}
      </label>
      <p id={`${id}-hint`} className="text-sm text-stone-600 dark:text-stone-400">
        {t('assistant.messageHint')}
      </p>
      <div className="flex items-end gap-2">
        <textarea
          id={id}
          ref={textareaRef}
          rows={2}
          value={value}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            onChange(event.target.value);
          }}
          onKeyDown={onKeyDown}
          className="min-h-11 flex-1 resize-y rounded-lg border border-stone-300 bg-white px-3 py-2 text-base text-stone-900 focus:border-teal-700 focus:ring-2 focus:ring-teal-700/40 focus:outline-none dark:border-stone-700 dark:bg-stone-900 dark:text-stone-50"
        />
        <button
          type="submit"
          disabled={empty}
          className="inline-flex min-h-11 items-center justify-center rounded-lg bg-teal-800 px-5 text-base font-medium text-white hover:bg-teal-900 focus-visible:ring-2 focus-visible:ring-teal-700 focus-visible:ring-offset-2 focus-visible:outline-none disabled:opacity-60"
        >
          {t('assistant.send')}
        </button>
      </div>
    </form>
  );
}
