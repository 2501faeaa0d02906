import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { inputClass, labelClass, quietButton } from '../../ui/styles';
import { Field, fieldErrors, FormAlert, problemMessage, SubmitButton } from '../../ui/form';
import { noteKeys, parseTags, type Note } from './notes';

/** Write a new note or change one: title (optional), body in Markdown, tags, pinned. */
export function NoteEditor({ note, onDone }: { note: Note | null; onDone: (saved: Note | null) => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const bodyId = useId();
  const [title, setTitle] = useState(note?.title ?? '');
  const [body, setBody] = useState(note?.body ?? '');
  const [tags, setTags] = useState(note?.tags.join(', ') ?? '');
  const [pinned, setPinned] = useState(note?.pinned ?? false);
  const [error, setError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: () => {
      const fields = { title: title.trim() || null, body, tags: parseTags(tags), pinned };
      return note
        ? unwrap(api.PATCH('/api/v1/notes/{id}', { params: { path: { id: note.id } }, body: fields }))
        : unwrap(api.POST('/api/v1/notes', { body: fields }));
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(noteKeys.note(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: noteKeys.all });
      onDone(saved);
    },
    onError: (failure) => {
      setError(problemMessage(failure, t('notes.error.save')));
    },
  });

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (title.trim() !== '' || body.trim() !== '') {
      save.mutate();
    }
  }

  const errors = fieldErrors(save.error);
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate aria-label={note ? t('notes.edit.title', { title: note.title }) : t('notes.new')}>
      <FormAlert message={error} />
      <Field
        label={t('notes.field.title')}
        // Opened by the person's own tap (New note or Edit), in place of that button: the focus goes into the form.
        autoFocus
        hint={t('notes.field.titleHint')}
        value={title}
        error={errors.title}
        onChange={(e) => {
          setTitle(e.target.value);
        }}
      />
      <div className="flex flex-col gap-1.5">
        <label htmlFor={bodyId} className={labelClass}>
          {t('notes.field.body')}
        </label>
        <p id={`${bodyId}-hint`} className="text-sm text-stone-600 dark:text-stone-400">
          {t('notes.field.bodyHint')}
        </p>
        <textarea
          id={bodyId}
          rows={8}
          value={body}
          aria-describedby={`${bodyId}-hint`}
          onChange={(e) => {
            setBody(e.target.value);
          }}
          className={`${inputClass} py-2`}
        />
        {errors.body && <p className="text-sm font-medium text-red-800 dark:text-red-300">{errors.body}</p>}
      </div>
      <Field
        label={t('notes.field.tags')}
        hint={t('notes.field.tagsHint')}
        value={tags}
        error={errors.tags}
        onChange={(e) => {
          setTags(e.target.value);
        }}
      />
      <label className="flex min-h-11 items-center gap-3 text-base">
        <input
          type="checkbox"
          className="size-5 accent-teal-800"
          checked={pinned}
          onChange={(e) => {
            setPinned(e.target.checked);
          }}
        />
        {t('notes.field.pinned')}
      </label>
      <div className="flex flex-wrap gap-3">
        <SubmitButton busy={save.isPending}>{t('notes.save')}</SubmitButton>
        <button
          type="button"
          className={quietButton}
          onClick={() => {
            onDone(null);
          }}
        >
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
