import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { useTimeZone } from '../../ui/timeZone';
import { formatDateTime } from '../../ui/dates';
import { mutedText, quietButton } from '../../ui/styles';
import { problemMessage } from '../../ui/form';
import { backlinksQuery, noteKeys, noteQuery, type Note } from './notes';

/** One note, read as written (line breaks kept), with the notes that link to it. */
export function NoteView({
  id,
  onOpen,
  onEdit,
  onDeleted,
  onClose,
}: {
  id: string;
  onOpen: (id: string) => void;
  onEdit: (note: Note) => void;
  onDeleted: (title: string) => void;
  onClose: () => void;
}) {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const titleId = useId();
  const backlinksId = useId();
  const note = useQuery(noteQuery(id));
  const backlinks = useQuery(backlinksQuery(id));
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/notes/{id}', { params: { path: { id } } })),
    onSuccess: async () => {
      const title = note.data?.title ?? '';
      queryClient.removeQueries({ queryKey: noteKeys.note(id) });
      await queryClient.invalidateQueries({ queryKey: noteKeys.all });
      onDeleted(title);
    },
  });

  if (note.isPending) {
    return <p className={mutedText}>{t('common.loading')}</p>;
  }
  if (note.isError) {
    return <p>{problemMessage(note.error, t('notes.error.load'))}</p>;
  }
  const current = note.data;
  return (
    <article aria-labelledby={titleId} className="flex flex-col gap-4 rounded-2xl border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900">
      <h2 id={titleId} className="text-2xl font-semibold tracking-tight">
        {current.title}
      </h2>
      <p className={mutedText}>
        {[current.pinned ? t('notes.pinned') : null, t('notes.updated', { when: formatDateTime(language, current.updatedAt, timeZone) })]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <div className="text-base whitespace-pre-wrap">{current.body}</div>
      {current.tags.length > 0 && <p className={mutedText}>{t('notes.tags', { tags: current.tags.join(', ') })}</p>}
      {remove.isError && <p role="alert">{problemMessage(remove.error, t('notes.error.save'))}</p>}
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={quietButton}
          onClick={() => {
            onEdit(current);
          }}
        >
          {t('common.edit')}
        </button>
        <button
          type="button"
          className={quietButton}
          onClick={() => {
            if (window.confirm(t('notes.delete.confirm', { title: current.title }))) {
              remove.mutate();
            }
          }}
        >
          {t('common.delete')}
        </button>
        <button type="button" className={quietButton} onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <section aria-labelledby={backlinksId} className="flex flex-col gap-2">
        <h3 id={backlinksId} className="text-lg font-semibold">
          {t('notes.backlinks')}
        </h3>
        {backlinks.data && backlinks.data.length > 0 ? (
          <ul className="flex flex-col gap-1">
            {backlinks.data.map((link) => (
              <li key={link.id}>
                <button
                  type="button"
                  className={quietButton}
                  onClick={() => {
                    onOpen(link.id);
                  }}
                >
                  {link.title}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className={mutedText}>{backlinks.isPending ? t('common.loading') : t('notes.noBacklinks')}</p>
        )}
      </section>
    </article>
  );
}
