import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useMemo, type KeyboardEvent } from 'react';
import { useForm, useWatch, type UseFormReturn } from 'react-hook-form';
import * as z from 'zod/mini';
import { useI18n, type Translate } from '../../i18n';
import { FormAlert } from '../../ui/form';
import { formRules } from '../../ui/formRules';

/** The server's limit for a message (SendMessageRequest): 4000 characters, counted as typed. */
function composerSchema(t: Translate) {
  return z.object({ text: formRules(t).message(4000) });
}

export type ComposerValues = z.infer<ReturnType<typeof composerSchema>>;

/** The message box's form, kept by the page: an example fills it, a failed send puts the words back. */
export function useComposer(): UseFormReturn<ComposerValues> {
  const { t } = useI18n();
  return useForm<ComposerValues>({ resolver: zodResolver(useMemo(() => composerSchema(t), [t])), defaultValues: { text: '' } });
}

/** One box to say something: Enter sends, Shift+Enter starts a new line. It stays usable while a reply is written. */
export function Composer({
  form,
  onSend,
  error,
}: {
  form: UseFormReturn<ComposerValues>;
  onSend: (text: string) => void;
  error: string | null;
}) {
  const { t } = useI18n();
  const id = useId();
  const {
    register,
    handleSubmit,
    control,
    formState: { errors },
  } = form;
  const empty = useWatch({ control, name: 'text' }).trim() === '';
  const fieldError = errors.text?.message;

  const submit = handleSubmit((values) => {
    if (values.text.trim() !== '') {
      onSend(values.text);
    }
  });

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // While an input method is composing (accents, Asian scripts), Enter belongs to it.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit(event);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-2" noValidate>
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
          rows={2}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? `${id}-hint ${id}-error` : `${id}-hint`}
          onKeyDown={onKeyDown}
          className="min-h-11 flex-1 resize-y rounded-lg border border-stone-300 bg-white px-3 py-2 text-base text-stone-900 focus:border-teal-700 focus:ring-2 focus:ring-teal-700/40 focus:outline-none aria-invalid:border-red-700 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-50"
          {...register('text')}
        />
        <button
          type="submit"
          disabled={empty}
          className="inline-flex min-h-11 items-center justify-center rounded-lg bg-teal-800 px-5 text-base font-medium text-white hover:bg-teal-900 focus-visible:ring-2 focus-visible:ring-teal-700 focus-visible:ring-offset-2 focus-visible:outline-none disabled:opacity-60"
        >
          {t('assistant.send')}
        </button>
      </div>
      {fieldError && (
        <p id={`${id}-error`} className="text-sm font-medium text-red-800 dark:text-red-300">
          {fieldError}
        </p>
      )}
    </form>
  );
}
