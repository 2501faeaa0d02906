import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import * as z from 'zod/mini';
import { api, unwrap } from '../../api/client';
import { useI18n, type Translate } from '../../i18n';
import { applyProblem, Field, FormAlert, SubmitButton } from '../../ui/form';
import { eventKeys } from './events';

/** The server's limit on a request's body (Http:MaxRequestBodyBytes, 1 MB unless raised), which an .ics is. */
const maxMegabytes = 1;

/** A file is required, and no larger than the server takes. */
function importSchema(t: Translate) {
  return z.object({
    file: z
      .custom<FileList | null>()
      .check(
        z.refine((files) => (files?.length ?? 0) > 0, t('events.import.choose')),
        z.refine((files) => (files?.[0]?.size ?? 0) <= maxMegabytes * 1024 * 1024, t('form.fileTooLarge', { max: maxMegabytes })),
      ),
  });
}

type ImportValues = z.infer<ReturnType<typeof importSchema>>;

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
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError: setFieldError,
    formState: { errors },
  } = useForm<ImportValues>({ resolver: zodResolver(useMemo(() => importSchema(t), [t])), defaultValues: { file: null } });

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
      // Without values, reset also empties the file input.
      reset();
      return queryClient.invalidateQueries({ queryKey: eventKeys.all });
    },
    onError: (failure) => {
      setStatus(null);
      setError(applyProblem(failure, setFieldError, ['file'], t('events.error.save')));
    },
  });

  const submit = handleSubmit(
    (values) => {
      const chosen = values.file?.[0];
      if (chosen) {
        setError(null);
        importing.mutate(chosen);
      }
    },
    () => {
      setError(null);
      setStatus(null);
    },
  );

  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-4 border-t border-stone-200 pt-6 dark:border-stone-800">
      <h2 id={titleId} className="text-2xl font-semibold tracking-tight">
        {t('events.import.title')}
      </h2>
      <p className="text-base text-stone-700 dark:text-stone-300">{t('events.import.intro')}</p>
      <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-4" noValidate aria-labelledby={titleId}>
        <FormAlert message={error} />
        <Field
          label={t('events.import.file')}
          type="file"
          accept=".ics,text/calendar"
          error={errors.file?.message}
          {...register('file')}
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
