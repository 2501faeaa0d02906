import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import * as z from 'zod/mini';
import { api, unwrap } from '../../api/client';
import { useI18n, type Translate } from '../../i18n';
import { applyProblem, Field, FormAlert, problemMessage, SaveOrCancel } from '../../ui/form';
import { formRules } from '../../ui/formRules';
import { mutedText, quietButton } from '../../ui/styles';
import { assistantKeys, maxTitleLength, messagesQuery, replaceConversation, useConversationLabel } from './conversations';
import type { Conversation } from './hub';

function titleSchema(t: Translate) {
  return z.object({ title: formRules(t).text(maxTitleLength) });
}

type TitleValues = z.infer<ReturnType<typeof titleSchema>>;

/**
 * The open conversation's title with what can be done to it: rename (in place), archive or bring back, delete.
 * `onChanged` receives the conversation as the server now has it; `onGone` is told it left the current list
 * (archived or deleted), with the sentence saying so.
 */
export function ConversationHeader({
  conversation,
  headingId,
  onChanged,
  onGone,
}: {
  conversation: Conversation;
  headingId: string;
  onChanged: (conversation: Conversation, notice: string) => void;
  onGone: (notice: string) => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const label = useConversationLabel();
  const [renaming, setRenaming] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const name = label(conversation);
  useEffect(() => {
    // The form is gone: back to the button that opened it.
    if (!renaming && returnFocus.current) {
      returnFocus.current = false;
      renameButton.current?.focus();
    }
  }, [renaming]);

  const archive = useMutation({
    mutationFn: (archived: boolean) =>
      unwrap(api.PATCH('/api/v1/conversations/{id}', { params: { path: { id: conversation.id } }, body: { archived } })),
    onSuccess: async (updated) => {
      await queryClient.invalidateQueries({ queryKey: assistantKeys.conversations() });
      if (updated.archived) {
        onGone(t('assistant.archived', { title: name }));
      } else {
        onChanged(updated, t('assistant.unarchived', { title: name }));
      }
    },
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/conversations/{id}', { params: { path: { id: conversation.id } } })),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: messagesQuery(conversation.id).queryKey });
      await queryClient.invalidateQueries({ queryKey: assistantKeys.conversations() });
      onGone(t('assistant.deleted', { title: name }));
    },
  });
  const failed = archive.error ?? remove.error;

  if (renaming) {
    return (
      <RenameForm
        conversation={conversation}
        headingId={headingId}
        onDone={(updated) => {
          returnFocus.current = true;
          setRenaming(false);
          if (updated) {
            onChanged(updated, t('assistant.renamed', { title: label(updated) }));
          }
        }}
      />
    );
  }

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-col gap-1">
        <h2 id={headingId} className="text-xl font-semibold tracking-tight break-words">
          {name}
        </h2>
        {conversation.archived && <p className={mutedText}>{t('assistant.isArchived')}</p>}
      </div>
      <div className="flex flex-wrap gap-2">
        <button
          ref={renameButton}
          type="button"
          className={quietButton}
          onClick={() => {
            archive.reset();
            remove.reset();
            setRenaming(true);
          }}
        >
          {t('assistant.rename')}
        </button>
        <button
          type="button"
          className={quietButton}
          aria-busy={archive.isPending || undefined}
          onClick={() => {
            if (archive.isPending) {
              return;
            }
            remove.reset();
            archive.mutate(!conversation.archived);
          }}
        >
          {conversation.archived ? t('assistant.unarchive') : t('assistant.archive')}
        </button>
        <button
          type="button"
          className={quietButton}
          aria-busy={remove.isPending || undefined}
          onClick={() => {
            archive.reset();
            if (!remove.isPending && window.confirm(t('assistant.delete.confirm', { title: name }))) {
              remove.mutate();
            }
          }}
        >
          {t('common.delete')}
        </button>
      </div>
      {failed && <p role="alert">{problemMessage(failed, t('assistant.manageError'))}</p>}
    </div>
  );
}

/** The title as a one-field form in place of the heading: Enter saves, Escape (or Cancel) leaves it as it was. */
function RenameForm({
  conversation,
  headingId,
  onDone,
}: {
  conversation: Conversation;
  headingId: string;
  onDone: (updated: Conversation | null) => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const label = useConversationLabel();
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    setFocus,
    formState: { errors },
  } = useForm<TitleValues>({
    resolver: zodResolver(useMemo(() => titleSchema(t), [t])),
    defaultValues: { title: conversation.title ?? label(conversation) },
  });
  useEffect(() => {
    setFocus('title', { shouldSelect: true });
  }, [setFocus]);
  const save = useMutation({
    mutationFn: ({ title }: TitleValues) =>
      unwrap(api.PATCH('/api/v1/conversations/{id}', { params: { path: { id: conversation.id } }, body: { title } })),
    onSuccess: (updated) => {
      replaceConversation(queryClient, updated);
      void queryClient.invalidateQueries({ queryKey: assistantKeys.conversations() });
      onDone(updated);
    },
    onError: (failure) => {
      setError(applyProblem(failure, setFieldError, ['title'], t('assistant.rename.error')));
    },
  });
  const submit = handleSubmit((values) => {
    setError(null);
    save.mutate(values);
  });

  return (
    <form
      aria-labelledby={headingId}
      noValidate
      className="flex flex-col gap-3"
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onDone(null);
        }
      }}
    >
      <h2 id={headingId} className="sr-only">
        {label(conversation)}
      </h2>
      <FormAlert message={error} />
      <Field
        label={t('assistant.rename.label')}
        hint={t('assistant.rename.hint')}
        required
        maxLength={maxTitleLength}
        autoComplete="off"
        error={errors.title?.message}
        {...register('title')}
      />
      <SaveOrCancel
        busy={save.isPending}
        onCancel={() => {
          onDone(null);
        }}
      />
    </form>
  );
}
