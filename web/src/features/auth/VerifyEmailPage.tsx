import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useSearchParams } from 'react-router';
import * as z from 'zod/mini';
import { ApiProblem, api, unwrap } from '../../api/client';
import { useI18n, type Translate } from '../../i18n';
import { applyProblem, Field, FormAlert, SubmitButton } from '../../ui/form';
import { formRules } from '../../ui/formRules';
import { primaryButton, quietButton } from '../../ui/styles';
import { useAuth } from './AuthProvider';

function resendSchema(t: Translate) {
  return z.object({ email: formRules(t).email });
}

/**
 * Each link is posted at most once per page load: the token works once, so a second post (React's strict mode
 * mounting twice, a remount, the query cache cleared when signing out on this page) would call a confirmed address
 * "invalid". Only a failure that is not the server's refusal (no network, 5xx) may be tried again.
 */
const verifications = new Map<string, Promise<true>>();

function verifyOnce(email: string, token: string): Promise<true> {
  const key = `${email}\n${token}`;
  let verification = verifications.get(key);
  if (!verification) {
    verification = unwrap(api.POST('/api/v1/auth/verify-email', { body: { email, token } })).then(() => true as const);
    verification.catch((failure: unknown) => {
      if (!(failure instanceof ApiProblem && failure.isClientError)) {
        verifications.delete(key);
      }
    });
    verifications.set(key, verification);
  }
  return verification;
}

/** Where the confirmation email's link leads: the link is checked on arrival, then a calm result. */
export function VerifyEmailPage() {
  const { t } = useI18n();
  const { status, user, acceptProfile } = useAuth();
  const [params] = useSearchParams();
  const email = params.get('email') ?? '';
  const token = params.get('token') ?? '';
  const verification = useQuery({
    queryKey: ['verify-email', email, token],
    queryFn: () => verifyOnce(email, token),
    enabled: email !== '' && token !== '',
    retry: false,
    staleTime: Infinity,
  });
  const refusedByServer = !email || !token || (verification.error instanceof ApiProblem && verification.error.isClientError);
  // A used link refuses like an invalid one; for the signed-in owner of an address already confirmed, all is done.
  const alreadyConfirmed = user?.emailConfirmed === true && user.email.toLowerCase() === email.toLowerCase();
  const confirmed = verification.isSuccess || (refusedByServer && alreadyConfirmed);
  const refused = refusedByServer && !confirmed;

  // Someone signed in sees their profile say "confirmed" too.
  useEffect(() => {
    if (verification.isSuccess && status === 'signedIn') {
      void unwrap(api.GET('/api/v1/users/me')).then(acceptProfile, () => undefined);
    }
  }, [verification.isSuccess, status, acceptProfile]);

  const heading = confirmed ? t('verify.confirmed') : refused ? t('verify.invalid') : t('verify.title');
  return (
    <section aria-labelledby="verify-title" className="mx-auto max-w-md">
      <title>{`${heading} · ${t('app.name')}`}</title>
      <h1 id="verify-title" className="text-3xl font-semibold tracking-tight">
        {heading}
      </h1>
      {confirmed ? (
        <>
          <p className="mt-4 text-lg text-stone-700 dark:text-stone-300">{t('verify.confirmedBody')}</p>
          <Link to={status === 'signedIn' ? '/' : '/login'} className={`${primaryButton} mt-8`}>
            {status === 'signedIn' ? t('verify.home') : t('verify.signIn')}
          </Link>
        </>
      ) : refused ? (
        <>
          <p className="mt-4 text-lg text-stone-700 dark:text-stone-300">{t('verify.invalidBody')}</p>
          <ResendLink email={email} />
        </>
      ) : verification.isError ? (
        <div className="mt-4 flex flex-col items-start gap-4">
          <p role="alert" className="text-lg text-stone-700 dark:text-stone-300">
            {t('verify.error')}
          </p>
          <button type="button" className={quietButton} onClick={() => void verification.refetch()}>
            {t('verify.retry')}
          </button>
        </div>
      ) : (
        <p role="status" className="mt-4 text-lg text-stone-700 dark:text-stone-300">
          {t('verify.checking')}
        </p>
      )}
    </section>
  );
}

/** Sends a new confirmation link; the answer is the same whatever the address (the server's is too). */
function ResendLink({ email }: { email: string }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    formState: { errors, isSubmitting: busy },
  } = useForm({ resolver: zodResolver(useMemo(() => resendSchema(t), [t])), defaultValues: { email } });

  const submit = handleSubmit(async (values) => {
    setError(null);
    try {
      await unwrap(api.POST('/api/v1/auth/resend-verification', { body: { email: values.email } }));
      setSent(true);
    } catch (failure) {
      setError(applyProblem(failure, setFieldError, ['email'], t('verify.error')));
    }
  });

  return (
    <>
      <div role="status" className="mt-6">
        {sent && <p className="text-lg text-teal-900 dark:text-teal-200">{t('verify.resent')}</p>}
      </div>
      {!sent && (
        <form onSubmit={(event) => void submit(event)} className="mt-2 flex flex-col gap-5" noValidate>
          <FormAlert message={error} />
          <Field label={t('auth.email')} type="email" autoComplete="email" required error={errors.email?.message} {...register('email')} />
          <SubmitButton busy={busy}>{busy ? t('verify.resending') : t('verify.resend')}</SubmitButton>
        </form>
      )}
    </>
  );
}
