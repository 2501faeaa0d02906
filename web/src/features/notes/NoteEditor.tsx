import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import * as z from 'zod/mini';
import { api, unwrap } from '../../api/client';
import { useI18n, type Translate } from '../../i18n';
import { applyProblem, Field, FormAlert, SaveOrCancel, TextAreaField } from '../../ui/form';
import { formRules } from '../../ui/formRules';
import { noteKeys, parseTags, type Note } from './notes';

// The server's limits on a note (NoteRequest, NoteConfiguration, TagList): at most 20 tags of 40 characters each.
const maxTags = 20;
const maxTagLength = 40;

function noteSchema(t: Translate) {
  return z
    .object({
      title: formRules(t).optionalText(200),
      // The body is Markdown: kept as typed (leading spaces mean something).
      body: z.string().check(z.maxLength(100_000, t('form.tooLong', { max: 100_000 }))),
      tags: z.string().check(
        z.refine((text) => {
          const tags = parseTags(text);
          return tags.length <= maxTags && tags.every((tag) => tag.length <= maxTagLength);
        }, t('form.tags', { count: maxTags, max: maxTagLength })),
      ),
      pinned: z.boolean(),
    })
    .check(
      z.refine((note) => note.title !== '' || note.body.trim() !== '', { path: ['body'], message: t('notes.error.empty') }),
    );
}

type NoteValues = z.infer<ReturnType<typeof noteSchema>>;

/** Write a new note or change one: title (optional), body in Markdown, tags, pinned. */
export function NoteEditor({ note, onDone }: { note: Note | null; onDone: (saved: Note | null) => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    formState: { errors },
  } = useForm<NoteValues>({
    resolver: zodResolver(useMemo(() => noteSchema(t), [t])),
    defaultValues: { title: note?.title ?? '', body: note?.body ?? '', tags: note?.tags.join(', ') ?? '', pinned: note?.pinned ?? false },
  });

  const save = useMutation({
    mutationFn: ({ title, body, tags, pinned }: NoteValues) => {
      const fields = { title: title || null, body, tags: parseTags(tags), pinned };
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
      setError(applyProblem(failure, setFieldError, ['title', 'body', 'tags', 'pinned'], t('notes.error.save')));
    },
  });
  const submit = handleSubmit((values) => {
    setError(null);
    save.mutate(values);
  });

  return (
    <form
      onSubmit={(event) => void submit(event)}
      className="flex flex-col gap-4"
      noValidate
      aria-label={note ? t('notes.edit.title', { title: note.title }) : t('notes.new')}
    >
      <FormAlert message={error} />
      <Field
        label={t('notes.field.title')}
        // Opened by the person's own tap (New note or Edit), in place of that button: the focus goes into the form.
        autoFocus
        hint={t('notes.field.titleHint')}
        error={errors.title?.message}
        {...register('title')}
      />
      <TextAreaField label={t('notes.field.body')} hint={t('notes.field.bodyHint')} rows={8} error={errors.body?.message} {...register('body')} />
      <Field label={t('notes.field.tags')} hint={t('notes.field.tagsHint')} error={errors.tags?.message} {...register('tags')} />
      <label className="flex min-h-11 items-center gap-3 text-base">
        <input type="checkbox" className="size-5 accent-teal-800" {...register('pinned')} />
        {t('notes.field.pinned')}
      </label>
      <SaveOrCancel
        busy={save.isPending}
        saveLabel={t('notes.save')}
        onCancel={() => {
          onDone(null);
        }}
      />
    </form>
  );
}
