import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useI18n } from '../../i18n';
import { emptyState, inputClass, labelClass, listFrame, mutedText, primaryButton } from '../../ui/styles';
import { useSettledValue } from '../../ui/useSettledValue';
import { problemMessage } from '../../ui/form';
import { NoteEditor } from './NoteEditor';
import { notesQuery, type Note } from './notes';
import { NoteView } from './NoteView';

type Open = { kind: 'none' } | { kind: 'new' } | { kind: 'view'; id: string } | { kind: 'edit'; note: Note };

/** Notes: search them, read one with what links to it, write or change one. */
export function NotesPage() {
  const { t } = useI18n();
  const titleId = useId();
  const listId = useId();
  const searchId = useId();
  const [search, setSearch] = useState('');
  const q = useSettledValue(search.trim());
  const notes = useQuery(notesQuery(q));
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const [status, setStatus] = useState<string | null>(null);

  const items = notes.data?.items ?? [];
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-8">
      <title>{`${t('notes.title')} · ${t('app.name')}`}</title>
      <h1 id={titleId} className="text-3xl font-semibold tracking-tight">
        {t('notes.title')}
      </h1>
      <p role="status" aria-live="polite" className="min-h-6 text-base text-teal-900 dark:text-teal-200">
        {status}
      </p>
      {open.kind === 'new' || open.kind === 'edit' ? (
        <NoteEditor
          key={open.kind === 'edit' ? open.note.id : 'new'}
          note={open.kind === 'edit' ? open.note : null}
          onDone={(saved) => {
            if (saved) {
              setStatus(t('notes.saved', { title: saved.title }));
              setOpen({ kind: 'view', id: saved.id });
            } else {
              setOpen(open.kind === 'edit' ? { kind: 'view', id: open.note.id } : { kind: 'none' });
            }
          }}
        />
      ) : (
        <div>
          <button
            type="button"
            className={primaryButton}
            onClick={() => {
              setStatus(null);
              setOpen({ kind: 'new' });
            }}
          >
            {t('notes.new')}
          </button>
        </div>
      )}
      {open.kind === 'view' && (
        <NoteView
          key={open.id}
          id={open.id}
          onOpen={(id) => {
            setOpen({ kind: 'view', id });
          }}
          onEdit={(note) => {
            setOpen({ kind: 'edit', note });
          }}
          onDeleted={(title) => {
            setStatus(t('notes.deleted', { title }));
            setOpen({ kind: 'none' });
          }}
          onClose={() => {
            setOpen({ kind: 'none' });
          }}
        />
      )}
      <section aria-labelledby={listId} className="flex flex-col gap-4">
        <h2 id={listId} className="text-2xl font-semibold tracking-tight">
          {t('notes.yours')}
        </h2>
        <div className="flex flex-col gap-1.5">
          <label htmlFor={searchId} className={labelClass}>
            {t('notes.search')}
          </label>
          <input
            id={searchId}
            type="search"
            value={search}
            className={inputClass}
            onChange={(e) => {
              setSearch(e.target.value);
            }}
          />
        </div>
        {notes.isPending ? (
          <p className={mutedText}>{t('common.loading')}</p>
        ) : notes.isError ? (
          <p>{problemMessage(notes.error, t('notes.error.load'))}</p>
        ) : items.length === 0 ? (
          <p className={emptyState}>{q ? t('notes.noMatches') : t('notes.empty')}</p>
        ) : (
          <ul className={listFrame} aria-labelledby={listId}>
            {items.map((note) => (
              <li key={note.id}>
                <button
                  type="button"
                  aria-current={open.kind === 'view' && open.id === note.id ? 'true' : undefined}
                  className="flex min-h-11 w-full flex-col items-start gap-1 px-5 py-3 text-left hover:bg-stone-50 focus-visible:ring-2 focus-visible:ring-teal-700 focus-visible:outline-none focus-visible:ring-inset dark:hover:bg-stone-800"
                  onClick={() => {
                    setOpen({ kind: 'view', id: note.id });
                  }}
                >
                  <span className="text-lg font-medium">
                    {note.title}
                    {note.pinned && <span className="ml-2 text-sm font-normal text-stone-600 dark:text-stone-400">{t('notes.pinned')}</span>}
                  </span>
                  <span className="line-clamp-2 text-base text-stone-700 dark:text-stone-300">{note.excerpt}</span>
                  {note.tags.length > 0 && <span className={mutedText}>{t('notes.tags', { tags: note.tags.join(', ') })}</span>}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
