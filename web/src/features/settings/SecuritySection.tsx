import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import * as z from 'zod/mini';
import { api, unwrap } from '../../api/client';
import { useI18n, type Translate } from '../../i18n';
import { formatInstant } from '../../ui/dates';
import { applyProblem, Field, FormAlert, NewPasswordFields, problemMessage, SubmitButton } from '../../ui/form';
import { formRules, samePassword } from '../../ui/formRules';
import { listFrame, quietButton } from '../../ui/styles';
import { useTimeZone } from '../../ui/timeZone';
import { useAuth } from '../auth/AuthProvider';

const sessionsKey = ['sessions'] as const;

/** Changing the password and the devices signed in. */
export function SecuritySection() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="security-title" className="mt-10">
      <h2 id="security-title" className="text-2xl font-semibold tracking-tight">
        {t('settings.security.title')}
      </h2>
      <ChangePassword />
      <Sessions />
    </section>
  );
}

function passwordSchema(t: Translate) {
  const rules = formRules(t);
  return z
    .object({ currentPassword: rules.password, newPassword: rules.newPassword, confirmation: rules.password })
    .check(samePassword(t));
}

function ChangePassword() {
  const { t } = useI18n();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const {
    register,
    handleSubmit,
    reset,
    setError: setFieldError,
    formState: { errors, isSubmitting: busy },
  } = useForm({
    resolver: zodResolver(useMemo(() => passwordSchema(t), [t])),
    defaultValues: { currentPassword: '', newPassword: '', confirmation: '' },
  });

  const submit = handleSubmit(async ({ currentPassword, newPassword }) => {
    setError(null);
    setDone(false);
    try {
      await unwrap(api.POST('/api/v1/auth/change-password', { body: { currentPassword, newPassword } }));
      reset();
      setDone(true);
      // The server signed the other devices out: the list below shrinks to this one.
      await queryClient.invalidateQueries({ queryKey: sessionsKey });
    } catch (failure) {
      setError(applyProblem(failure, setFieldError, ['currentPassword', 'newPassword'], t('settings.password.error')));
    }
  });

  return (
    <>
      <h3 className="mt-6 text-xl font-semibold">{t('settings.password.title')}</h3>
      <form onSubmit={(event) => void submit(event)} className="mt-4 flex flex-col gap-5" noValidate>
        <FormAlert message={error} />
        {/* Lets a password manager file the new password under the right account. */}
        <input type="text" name="username" autoComplete="username" value={user?.email ?? ''} hidden readOnly />
        <Field
          label={t('settings.password.current')}
          type="password"
          autoComplete="current-password"
          required
          error={errors.currentPassword?.message}
          {...register('currentPassword')}
        />
        <NewPasswordFields
          newPassword={{ ...register('newPassword'), error: errors.newPassword?.message }}
          confirmation={{ ...register('confirmation'), error: errors.confirmation?.message }}
        />
        <div className="flex flex-wrap items-center gap-4">
          <SubmitButton busy={busy}>{busy ? t('settings.password.busy') : t('settings.password.submit')}</SubmitButton>
        </div>
        <p role="status" className="text-base text-teal-900 dark:text-teal-200">
          {done ? t('settings.password.done') : ''}
        </p>
      </form>
    </>
  );
}

function Sessions() {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
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
    <>
      <h3 className="mt-10 text-xl font-semibold">{t('settings.sessions.title')}</h3>
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
          <ul className={listFrame}>
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
                    className={quietButton}
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
            className={`${quietButton} self-start`}
          >
            {t('settings.sessions.signOutOthers')}
          </button>
        )}
      </div>
    </>
  );
}
