import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { formatInstant } from '../../ui/dates';
import { FormAlert, problemMessage } from '../../ui/form';
import { emptyState, listFrame, mutedText, primaryButton, quietButton } from '../../ui/styles';
import { useTimeZone } from '../../ui/timeZone';

const exportsKey = ['privacy', 'exports'] as const;

const statusLabel: Record<string, MessageKey> = {
  pending: 'privacy.export.status.pending',
  ready: 'privacy.export.status.ready',
  downloaded: 'privacy.export.status.downloaded',
  expired: 'privacy.export.status.expired',
  failed: 'privacy.export.status.failed',
};

/** Asking for a copy of everything, following it while it is built, and downloading it once. */
export function ExportSection({ hours }: { hours: number | null }) {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const exports = useQuery({
    queryKey: exportsKey,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/users/me/exports', { signal })),
    // While one is being built, look again every few seconds: it is usually ready within a minute.
    refetchInterval: (query) => (query.state.data?.some((item) => item.status === 'pending') ? 3000 : false),
  });
  const request = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/users/me/exports')),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: exportsKey }),
    onError: (failure) => {
      setError(problemMessage(failure, t('privacy.export.error')));
    },
  });
  const download = useMutation({
    mutationFn: async (id: string) => {
      const archive = await unwrap(api.GET('/api/v1/users/me/exports/{id}/download', { params: { path: { id } }, parseAs: 'blob' }));
      const url = URL.createObjectURL(archive);
      const link = document.createElement('a');
      link.href = url;
      link.download = `personal-assistant-export-${id.slice(0, 8)}.zip`;
      document.body.append(link);
      link.click();
      link.remove();
      // Let the browser start saving before the address goes.
      setTimeout(() => {
        URL.revokeObjectURL(url);
      }, 10_000);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: exportsKey }),
    onError: (failure) => {
      setError(problemMessage(failure, t('privacy.export.downloadError')));
    },
  });
  const when = (iso: string) => formatInstant(language, iso, timeZone, { dateStyle: 'medium', timeStyle: 'short' });
  const pending = exports.data?.some((item) => item.status === 'pending') ?? false;

  return (
    <section aria-labelledby="privacy-export" className="mt-10">
      <h2 id="privacy-export" className="text-2xl font-semibold tracking-tight">
        {t('privacy.export.title')}
      </h2>
      <p className="mt-2 text-base text-stone-700 dark:text-stone-300">
        {hours === null ? t('privacy.export.introShort') : t('privacy.export.intro', { hours })}
      </p>
      <div className="mt-4 flex flex-col gap-3">
        <FormAlert message={error} />
        <button
          type="button"
          className={`${primaryButton} self-start`}
          disabled={request.isPending || pending}
          onClick={() => {
            setError(null);
            request.mutate();
          }}
        >
          {request.isPending || pending ? t('privacy.export.busy') : t('privacy.export.request')}
        </button>
        {exports.isPending ? (
          <p>{t('privacy.loading')}</p>
        ) : exports.isError ? (
          <p>{problemMessage(exports.error, t('privacy.error'))}</p>
        ) : exports.data.length === 0 ? (
          <p className={emptyState}>{t('privacy.export.empty')}</p>
        ) : (
          <ul className={listFrame} aria-live="polite">
            {exports.data.map((item) => (
              <li key={item.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-4">
                <div>
                  <p className="font-medium">{t('privacy.export.requestedAt', { date: when(item.requestedAt) })}</p>
                  <p className={mutedText}>
                    {t(statusLabel[item.status] ?? 'privacy.export.status.failed')}
                    {item.status === 'ready' && item.expiresAt ? ` ${t('privacy.export.until', { date: when(item.expiresAt) })}` : ''}
                  </p>
                </div>
                {item.status === 'ready' && (
                  <button
                    type="button"
                    className={quietButton}
                    disabled={download.isPending}
                    onClick={() => {
                      setError(null);
                      download.mutate(item.id);
                    }}
                  >
                    {t('privacy.export.download')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
