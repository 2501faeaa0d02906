import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { formatInstant } from '../../ui/dates';
import { useTimeZone } from '../../ui/timeZone';
import { problemMessage } from '../../ui/form';
import { AdminNav } from './AdminNav';

/** Emails and SMS the instance would have sent with no provider configured: how someone running it reads the codes. */
export function OutboxPage() {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const outbox = useQuery({
    queryKey: ['admin', 'outbox'],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/admin/outbox', { params: { query: { pageSize: 50 } }, signal })),
  });
  const formatTime = (iso: string) => formatInstant(language, iso, timeZone, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <section aria-labelledby="outbox-title">
      <title>{`${t('outbox.title')} · ${t('app.name')}`}</title>
      <AdminNav />
      <h1 id="outbox-title" className="text-3xl font-semibold tracking-tight">
        {t('outbox.title')}
      </h1>
      <p className="mt-4 text-lg text-stone-700 dark:text-stone-300">{t('outbox.intro')}</p>
      <div className="mt-8">
        {outbox.isPending ? (
          <p role="status">{t('settings.loading')}</p>
        ) : outbox.isError ? (
          <p role="alert">{problemMessage(outbox.error, t('settings.error'))}</p>
        ) : outbox.data.items.length === 0 ? (
          <p>{t('outbox.empty')}</p>
        ) : (
          <ul className="flex flex-col gap-4">
            {outbox.data.items.map((message) => (
              <li key={message.id} className="rounded-2xl border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900">
                <p className="text-sm text-stone-600 dark:text-stone-400">
                  {message.channel.toUpperCase()} · {message.recipient} · {formatTime(message.createdAt)}
                </p>
                {message.subject && <p className="mt-1 font-medium">{message.subject}</p>}
                <p className="mt-2 text-base break-words whitespace-pre-wrap">{message.body}</p>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
