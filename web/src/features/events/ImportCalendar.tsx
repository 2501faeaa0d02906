import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n, type Translate } from '../../i18n';
import { Field, fieldErrors, FormAlert, problemMessage, SubmitButton } from '../../ui/form';
import { eventKeys } from './events';

type ImportCounts = { imported: number | string; alreadyThere: number | string; skipped: number | string };

/** One calm sentence from the counts: what was added, what was already here, what could not be read. */
export function importSummary(t: Translate, counts: ImportCounts): string {
  const imported = Number(counts.imported);
  const alreadyThere = Number(counts.alreadyThere);
  const skipped = Number(counts.skipped);
  return [
    imported === 0 ? t('events.import.added.none') : imported === 1 ? t('events.import.added.one') : t('events.import.added.many', { count: imported }),
    alreadyThere === 0 ? null : alreadyThere === 1 ? t('events.import.already.one') : t('events.import.already.many', { count: alreadyThere }),
    skipped === 0 ? null : skipped === 1 ? t('events.import.skipped.one') : t('events.import.skipped.many', { count: skipped }),
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * "Import from another calendar": an .ics file exported from Google, Apple or Outlook, sent as it is (text/calendar)
 * through the one API client. Importing the same file again adds nothing twice: the server skips the UIDs it has.
 */
export function ImportCalendar() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const titleId = useId();
  const form = useRef<HTMLFormElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  /** Import was pressed before a file was chosen. */
  const [missing, setMissing] = useState(false);

  const importing = useMutation({
    mutationFn: async (chosen: File) =>
      unwrap(
        api.POST('/api/v1/events/import', {
          body: await chosen.text(),
          headers: { 'Content-Type': 'text/calendar' },
          // The body is the file's text as it is, not JSON.
          bodySerializer: (body: string) => body,
        }),
      ),
    onMutate: () => {
      setStatus(t('events.import.busy'));
    },
    onSuccess: (counts) => {
      setStatus(importSummary(t, counts));
      setFile(null);
      form.current?.reset();
      return queryClient.invalidateQueries({ queryKey: eventKeys.all });
    },
    onError: () => {
      setStatus(null);
    },
  });

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (file) {
      importing.mutate(file);
    } else {
      importing.reset();
      setStatus(null);
      setMissing(true);
    }
  }

  const serverError = fieldErrors(importing.error).file;
  const fileError = missing ? t('events.import.choose') : serverError;
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-4 border-t border-stone-200 pt-6 dark:border-stone-800">
      <h2 id={titleId} className="text-2xl font-semibold tracking-tight">
        {t('events.import.title')}
      </h2>
      <p className="text-base text-stone-700 dark:text-stone-300">{t('events.import.intro')}</p>
      <form ref={form} onSubmit={submit} className="flex flex-col gap-4" noValidate aria-labelledby={titleId}>
        <FormAlert message={importing.isError && !serverError ? problemMessage(importing.error, t('events.error.save')) : null} />
        <Field
          label={t('events.import.file')}
          type="file"
          accept=".ics,text/calendar"
          error={fileError}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setMissing(false);
          }}
        />
        <div>
          <SubmitButton busy={importing.isPending}>{t('events.import.submit')}</SubmitButton>
        </div>
      </form>
      <p role="status" aria-live="polite" className="min-h-6 text-base text-teal-900 dark:text-teal-200">
        {status}
      </p>
    </section>
  );
}
