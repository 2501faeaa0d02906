import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { formatInstant } from '../../ui/dates';
import { FormAlert, problemMessage } from '../../ui/form';
import { listFrame, mutedText, quietButton } from '../../ui/styles';
import { useTimeZone } from '../../ui/timeZone';
import { settingsKeys } from '../settings/settings';

const consentsKey = ['privacy', 'consents'] as const;

const kindLabel: Record<string, MessageKey> = {
  terms: 'privacy.consents.kind.terms',
  sms: 'privacy.consents.kind.sms',
  email: 'privacy.consents.kind.email',
  push: 'privacy.consents.kind.push',
};

const sourceLabel: Record<string, MessageKey> = {
  'sign-up': 'privacy.consents.source.signUp',
  settings: 'privacy.consents.source.settings',
  'sms-keyword': 'privacy.consents.source.smsKeyword',
};

/** What the person agreed to, in the words they saw; each channel can be allowed or withdrawn here. */
export function ConsentsSection() {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const consents = useQuery({ queryKey: consentsKey, queryFn: ({ signal }) => unwrap(api.GET('/api/v1/users/me/consents', { signal })) });
  const change = useMutation({
    mutationFn: ({ kind, granted }: { kind: string; granted: boolean }) =>
      unwrap(api.PUT('/api/v1/users/me/consents/{kind}', { params: { path: { kind } }, body: { granted } })),
    onSuccess: (result, { kind, granted }) => {
      queryClient.setQueryData(consentsKey, result);
      setDone(t(granted ? 'privacy.consents.allowed' : 'privacy.consents.withdrawn', { kind: t(kindLabel[kind] ?? 'privacy.consents.kind.terms') }));
      // The channels follow the consents: the settings' channel order changed too.
      return queryClient.invalidateQueries({ queryKey: settingsKeys.preferences });
    },
    onError: (failure) => {
      setError(problemMessage(failure, t('privacy.consents.error')));
    },
  });
  const when = (iso: string) => formatInstant(language, iso, timeZone, { dateStyle: 'long', timeStyle: 'short' });

  return (
    <section aria-labelledby="privacy-consents" className="mt-10">
      <h2 id="privacy-consents" className="text-2xl font-semibold tracking-tight">
        {t('privacy.consents.title')}
      </h2>
      <p className="mt-2 text-base text-stone-700 dark:text-stone-300">{t('privacy.consents.intro')}</p>
      <div className="mt-4 flex flex-col gap-3">
        <FormAlert message={error} />
        <p role="status" className="text-base text-teal-900 dark:text-teal-200">
          {done}
        </p>
        {consents.isPending ? (
          <p>{t('privacy.loading')}</p>
        ) : consents.isError ? (
          <p>{problemMessage(consents.error, t('privacy.error'))}</p>
        ) : (
          <>
            <ul className={listFrame}>
              {consents.data.current.map((consent) => {
                const label = t(kindLabel[consent.kind] ?? 'privacy.consents.kind.terms');
                return (
                  <li key={consent.kind} className="flex flex-col gap-2 px-5 py-4">
                    <div className="flex flex-wrap items-center justify-between gap-3">
                      <h3 className="text-lg font-semibold">{label}</h3>
                      {consent.isChannel && (
                        <button
                          type="button"
                          className={quietButton}
                          disabled={change.isPending}
                          onClick={() => {
                            setError(null);
                            setDone(null);
                            change.mutate({ kind: consent.kind, granted: !consent.granted });
                          }}
                        >
                          {consent.granted ? t('privacy.consents.withdraw', { kind: label }) : t('privacy.consents.allow', { kind: label })}
                        </button>
                      )}
                    </div>
                    <p className="text-base">
                      {consent.granted && consent.at
                        ? t('privacy.consents.agreedOn', { date: when(consent.at) })
                        : consent.at
                          ? t('privacy.consents.withdrawnOn', { date: when(consent.at) })
                          : t('privacy.consents.never')}
                    </p>
                    <blockquote className="border-l-4 border-stone-300 pl-3 text-base text-stone-700 dark:border-stone-700 dark:text-stone-300">
                      {consent.text}
                    </blockquote>
                  </li>
                );
              })}
            </ul>
            <details className="mt-2">
              <summary className="min-h-11 cursor-pointer py-2 text-base font-medium">
                {t(consents.data.history.length === 1 ? 'privacy.consents.history.one' : 'privacy.consents.history.many', { count: consents.data.history.length })}
              </summary>
              <ol className="mt-2 flex flex-col gap-2">
                {consents.data.history.map((record) => (
                  <li key={`${record.kind}-${record.at}-${String(record.granted)}`} className="text-base">
                    <span className="font-medium">{when(record.at)}</span>
                    {' · '}
                    {t(record.granted ? 'privacy.consents.record.agreed' : 'privacy.consents.record.withdrew', {
                      kind: t(kindLabel[record.kind] ?? 'privacy.consents.kind.terms'),
                    })}
                    {' · '}
                    <span className={mutedText}>{t(sourceLabel[record.source] ?? 'privacy.consents.source.settings')}</span>
                  </li>
                ))}
              </ol>
            </details>
          </>
        )}
      </div>
    </section>
  );
}
