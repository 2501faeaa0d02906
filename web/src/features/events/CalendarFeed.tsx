import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { useTimeZone } from '../../ui/timeZone';
import { formatDateTime } from '../../ui/dates';
import { inputClass, labelClass, mutedText, primaryButton, quietButton } from '../../ui/styles';
import { FormAlert, problemMessage } from '../../ui/form';
import { eventKeys } from './events';

/**
 * "Subscribe to your calendar": the private feed link for Google, Apple or Outlook. The server shows a link only when
 * it makes one, so the page keeps it until the person leaves; a new link stops the old one.
 */
export function CalendarFeed() {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const titleId = useId();
  const urlId = useId();
  const feed = useQuery({ queryKey: eventKeys.feed(), queryFn: ({ signal }) => unwrap(api.GET('/api/v1/events/feed', { signal })) });
  const [url, setUrl] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: eventKeys.feed() });

  const rotate = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/events/feed/rotate')),
    onSuccess: (link) => {
      setUrl(link.url);
      setError(null);
      setStatus(t('events.feed.made'));
      return refresh();
    },
    onError: (failure) => {
      setError(problemMessage(failure, t('events.error.save')));
    },
  });
  const turnOff = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/events/feed')),
    onSuccess: () => {
      setUrl(null);
      setError(null);
      setStatus(t('events.feed.off'));
      return refresh();
    },
    onError: (failure) => {
      setError(problemMessage(failure, t('events.error.save')));
    },
  });

  const enabled = feed.data?.enabled ?? false;
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-4 border-t border-stone-200 pt-6 dark:border-stone-800">
      <h2 id={titleId} className="text-2xl font-semibold tracking-tight">
        {t('events.feed.title')}
      </h2>
      <p className="text-base text-stone-700 dark:text-stone-300">{t('events.feed.intro')}</p>
      <FormAlert message={error} />
      <p role="status" aria-live="polite" className="min-h-6 text-base text-teal-900 dark:text-teal-200">
        {status}
      </p>
      {feed.isSuccess && (
        <p className={mutedText}>
          {enabled
            ? feed.data.since
              ? t('events.feed.onSince', { when: formatDateTime(language, feed.data.since, timeZone) })
              : t('events.feed.on')
            : t('events.feed.isOff')}
        </p>
      )}
      {url && (
        <div className="flex flex-col gap-1.5">
          <label htmlFor={urlId} className={labelClass}>
            {t('events.feed.link')}
          </label>
          <p id={`${urlId}-hint`} className={mutedText}>
            {t('events.feed.linkHint')}
          </p>
          <input
            id={urlId}
            readOnly
            value={url}
            aria-describedby={`${urlId}-hint`}
            className={inputClass}
            onFocus={(e) => {
              e.target.select();
            }}
          />
        </div>
      )}
      <div className="flex flex-wrap gap-3">
        <button
          type="button"
          className={primaryButton}
          disabled={rotate.isPending}
          onClick={() => {
            if (!enabled || window.confirm(t('events.feed.rotateConfirm'))) {
              rotate.mutate();
            }
          }}
        >
          {enabled ? t('events.feed.rotate') : t('events.feed.turnOn')}
        </button>
        {enabled && (
          <button
            type="button"
            className={quietButton}
            disabled={turnOff.isPending}
            onClick={() => {
              turnOff.mutate();
            }}
          >
            {t('events.feed.turnOff')}
          </button>
        )}
      </div>
    </section>
  );
}
