import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useSearchParams } from 'react-router';
import * as z from 'zod/mini';
import { api, unwrap } from '../../api/client';
import { useI18n, type Translate } from '../../i18n';
import { applyProblem, FormAlert, NewPasswordFields, SubmitButton } from '../../ui/form';
import { formRules, samePassword } from '../../ui/formRules';
import { primaryButton, textLink } from '../../ui/styles';

function resetSchema(t: Translate) {
  const rules = formRules(t);
  return z.object({ newPassword: rules.newPassword, confirmation: rules.password }).check(samePassword(t));
}

/** Where the reset email's link leads: a new password, twice; then signing in with it. */
export function ResetPasswordPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const email = params.get('email') ?? '';
  const token = params.get('token') ?? '';
  const [error, setError] = useState<string | null>(null);
  const [linkRefused, setLinkRefused] = useState(false);
  const [done, setDone] = useState(false);
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    formState: { errors, isSubmitting: busy },
  } = useForm({
    resolver: zodResolver(useMemo(() => resetSchema(t), [t])),
    defaultValues: { newPassword: '', confirmation: '' },
  });

  const submit = handleSubmit(async ({ newPassword }) => {
    setError(null);
    setLinkRefused(false);
    try {
      await unwrap(api.POST('/api/v1/auth/reset-password', { body: { email, token, newPassword } }));
      setDone(true);
    } catch (failure) {
      const message = applyProblem(failure, setFieldError, ['newPassword'], t('reset.error'));
      setError(message);
      // A refused link (used, expired) is a problem with no field: the way on is a new link.
      setLinkRefused(message !== null);
    }
  });

  const missing = !email || !token;
  return (
    <section aria-labelledby="reset-title" className="mx-auto max-w-md">
      <title>{`${t('reset.title')} · ${t('app.name')}`}</title>
      <h1 id="reset-title" className="text-3xl font-semibold tracking-tight">
        {t('reset.title')}
      </h1>
      <div role="status" className="mt-4">
        {done && <p className="text-lg text-teal-900 dark:text-teal-200">{t('reset.done')}</p>}
      </div>
      {done ? (
        <Link to="/login" className={`${primaryButton} mt-6`}>
          {t('verify.signIn')}
        </Link>
      ) : missing ? (
        <p className="text-lg text-stone-700 dark:text-stone-300">{t('reset.missing')}</p>
      ) : (
        <form onSubmit={(event) => void submit(event)} className="mt-4 flex flex-col gap-5" noValidate>
          <FormAlert message={error} />
          {/* The account's address, for password managers to file the new password under. */}
          <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
          <NewPasswordFields
            newPassword={{ ...register('newPassword'), error: errors.newPassword?.message }}
            confirmation={{ ...register('confirmation'), error: errors.confirmation?.message }}
          />
          <SubmitButton busy={busy}>{busy ? t('reset.busy') : t('reset.submit')}</SubmitButton>
        </form>
      )}
      {!done && (missing || linkRefused) && (
        <p className="mt-6 text-base">
          <Link to="/forgot-password" className={textLink}>
            {t('reset.newLink')}
          </Link>
        </p>
      )}
    </section>
  );
}
