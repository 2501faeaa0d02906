import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { formatInstant } from '../../ui/dates';
import { useTimeZone } from '../../ui/timeZone';
import { useAuth } from '../auth/AuthProvider';
import { FormAlert, problemMessage } from '../../ui/form';
import { PhoneNumbersSection } from './PhoneNumbersSection';
import { PreferencesSection } from './PreferencesSection';
import { TextsSection } from './TextsSection';
import { PushSection } from '../push/PushSection';
import { TwoStepSection } from './TwoStepSection';

const sessionsKey = ['sessions'] as const;

export function SettingsPage() {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const sessions = useQuery({ queryKey: sessionsKey, queryFn: ({ signal }) => unwrap(api.GET('/api/v1/sessions', { signal })) });
  const revokeOne = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/sessions/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      setDone(t('settings.sessions.revoked'));
      return queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
    onError: (failure) => {
      setError(problemMessage(failure, t('settings.error')));
    },
  });
  const revokeOthers = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/sessions')),
    onSuccess: (result) => {
      setDone(t('settings.sessions.revokedOthers', { count: result.revoked }));
      return queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
    onError: (failure) => {
      setError(problemMessage(failure, t('settings.error')));
    },
  });
  const formatTime = (iso: string) => formatInstant(language, iso, timeZone, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <section aria-labelledby="settings-title">
      <title>{`${t('settings.title')} · ${t('app.name')}`}</title>
      <h1 id="settings-title" className="text-3xl font-semibold tracking-tight">
        {t('settings.title')}
      </h1>
      {user && (
        <dl className="mt-8 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-2xl border border-stone-200 bg-white p-5 text-base dark:border-stone-800 dark:bg-stone-900">
          <dt className="font-medium">{t('settings.name')}</dt>
          <dd>{user.displayName}</dd>
          <dt className="font-medium">{t('auth.email')}</dt>
          <dd>{user.email}</dd>
          <dt className="font-medium">{t('settings.timeZone')}</dt>
          <dd>{user.timeZone}</dd>
        </dl>
      )}

      <h2 className="mt-10 text-2xl font-semibold tracking-tight">{t('settings.sessions.title')}</h2>
      <p className="mt-2 text-base text-stone-700 dark:text-stone-300">{t('settings.sessions.intro')}</p>
      <div className="mt-4 flex flex-col gap-3">
        <FormAlert message={error} />
        <p role="status" className="text-base text-teal-900 dark:text-teal-200">
          {done}
        </p>
        {sessions.isPending ? (
          <p>{t('settings.loading')}</p>
        ) : sessions.isError ? (
          <p>{problemMessage(sessions.error, t('settings.error'))}</p>
        ) : (
          <ul className="divide-y divide-stone-200 rounded-2xl border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900">
            {sessions.data.map((session) => (
              <li key={session.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-4">
                <div>
                  <p className="font-medium">
                    {session.device}
                    {session.current && (
                      <span className="ml-2 rounded-full bg-teal-100 px-2 py-0.5 text-sm text-teal-950 dark:bg-teal-900 dark:text-teal-50">
                        {t('settings.sessions.thisDevice')}
                      </span>
                    )}
                  </p>
                  <p className="text-sm text-stone-600 dark:text-stone-400">
                    {t('settings.sessions.lastSeen', { when: formatTime(session.lastSeenAt), ip: session.ipAddress ?? '?' })}
                  </p>
                </div>
                {!session.current && (
                  <button
                    type="button"
                    onClick={() => {
                      if (window.confirm(t('settings.sessions.confirmOne', { device: session.device }))) {
                        setError(null);
                        revokeOne.mutate(session.id);
                      }
                    }}
                    className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 px-4 text-base font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800"
                  >
                    {t('settings.sessions.signOut')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {sessions.data && sessions.data.length > 1 && (
          <button
            type="button"
            onClick={() => {
              if (window.confirm(t('settings.sessions.confirmOthers'))) {
                setError(null);
                revokeOthers.mutate();
              }
            }}
            className="inline-flex min-h-11 items-center self-start rounded-lg border border-stone-300 px-4 text-base font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800"
          >
            {t('settings.sessions.signOutOthers')}
          </button>
        )}
      </div>
      <TwoStepSection />
      <PhoneNumbersSection />
      <TextsSection />
      <PreferencesSection />
      <PushSection />
    </section>
  );
}
