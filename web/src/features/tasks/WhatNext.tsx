import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { useTimeZone } from '../../ui/timeZone';
import { quietButton } from '../../ui/styles';
import { problemMessage } from '../../ui/form';
import { formatDue, taskKeys } from './tasks';

/** "What next?": one task to do now and why, asked for only when the person wants it. */
export function WhatNext() {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const titleId = useId();
  const next = useQuery({
    queryKey: taskKeys.next(),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/tasks/next', { signal })),
    enabled: false,
  });

  const suggestion = next.data;
  const due = suggestion?.task ? formatDue(language, suggestion.task, timeZone) : null;
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-3">
      <h2 id={titleId} className="sr-only">
        {t('tasks.next.title')}
      </h2>
      <div>
        <button
          type="button"
          className={quietButton}
          disabled={next.isFetching}
          onClick={() => {
            void next.refetch();
          }}
        >
          {t('tasks.next.ask')}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {next.isError ? (
          <p className="text-base text-stone-700 dark:text-stone-300">{problemMessage(next.error, t('tasks.error.load'))}</p>
        ) : (
          suggestion && (
            <div className="rounded-2xl border border-teal-200 bg-teal-50 px-5 py-4 dark:border-teal-900 dark:bg-teal-950">
              {suggestion.task ? (
                <>
                  <p className="text-lg font-semibold">{t('tasks.next.suggestion', { title: suggestion.task.title })}</p>
                  {due && <p className="text-base text-stone-700 dark:text-stone-300">{t('tasks.due', { due })}</p>}
                  {suggestion.reasons.length > 0 && (
                    <ul className="mt-2 list-disc pl-5 text-base">
                      {suggestion.reasons.map((reason) => (
                        <li key={reason}>{reason}</li>
                      ))}
                    </ul>
                  )}
                </>
              ) : (
                // The server's sentence is not in the person's register in French; say it here in both languages.
                <p className="text-base">{t('tasks.next.nothing')}</p>
              )}
            </div>
          )
        )}
      </div>
    </section>
  );
}
