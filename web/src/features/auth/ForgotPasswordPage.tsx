import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import * as z from 'zod/mini';
import { api, unwrap } from '../../api/client';
import { useI18n, type Translate } from '../../i18n';
import { applyProblem, Field, FormAlert, SubmitButton } from '../../ui/form';
import { formRules } from '../../ui/formRules';
import { textLink } from '../../ui/styles';

function forgotSchema(t: Translate) {
  return z.object({ email: formRules(t).email });
}

/** Asks for a reset link. The answer is the same whether or not the address has an account (the server's too). */
export function ForgotPasswordPage() {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    formState: { errors, isSubmitting: busy },
  } = useForm({ resolver: zodResolver(useMemo(() => forgotSchema(t), [t])), defaultValues: { email: '' } });

  const submit = handleSubmit(async ({ email }) => {
    setError(null);
    try {
      await unwrap(api.POST('/api/v1/auth/forgot-password', { body: { email } }));
      setSentTo(email);
    } catch (failure) {
      setError(applyProblem(failure, setFieldError, ['email'], t('forgot.error')));
    }
  });

  return (
    <section aria-labelledby="forgot-title" className="mx-auto max-w-md">
      <title>{`${t('forgot.title')} · ${t('app.name')}`}</title>
      <h1 id="forgot-title" className="text-3xl font-semibold tracking-tight">
        {t('forgot.title')}
      </h1>
      <div role="status" className="mt-4">
        {sentTo && <p className="text-lg text-teal-900 dark:text-teal-200">{t('forgot.sent', { email: sentTo })}</p>}
      </div>
      {!sentTo && (
        <>
          <p className="text-lg text-stone-700 dark:text-stone-300">{t('forgot.intro')}</p>
          <form onSubmit={(event) => void submit(event)} className="mt-8 flex flex-col gap-5" noValidate>
            <FormAlert message={error} />
            <Field label={t('auth.email')} type="email" autoComplete="email" required error={errors.email?.message} {...register('email')} />
            <SubmitButton busy={busy}>{busy ? t('forgot.busy') : t('forgot.submit')}</SubmitButton>
          </form>
        </>
      )}
      <p className="mt-8 text-base">
        <Link to="/login" className={textLink}>
          {t('forgot.toLogin')}
        </Link>
      </p>
    </section>
  );
}
