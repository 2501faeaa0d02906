import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate } from 'react-router';
import * as z from 'zod/mini';
import { api, unwrap } from '../../api/client';
import { useI18n, type Translate } from '../../i18n';
import { applyProblem, Field, FormAlert, SubmitButton } from '../../ui/form';
import { formRules } from '../../ui/formRules';
import { browserTimeZone } from '../../ui/timeZone';
import { useAuth } from './AuthProvider';

function registerSchema(t: Translate) {
  const rules = formRules(t);
  return z.object({ displayName: rules.text(100), email: rules.email, password: rules.newPassword });
}

export function RegisterPage() {
  const { t, language } = useI18n();
  const { completeSignIn } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  // The words creating the account agrees to, from the server that records them with the consent.
  const terms = useQuery({
    queryKey: ['terms', language],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/privacy/terms', { params: { query: { locale: language } }, signal })),
    staleTime: Infinity,
  });
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    formState: { errors, isSubmitting: busy },
  } = useForm({
    resolver: zodResolver(useMemo(() => registerSchema(t), [t])),
    defaultValues: { displayName: '', email: '', password: '' },
  });

  const submit = handleSubmit(async ({ displayName, email, password }) => {
    setError(null);
    try {
      await unwrap(
        api.POST('/api/v1/auth/register', { body: { email, password, displayName, timeZone: browserTimeZone(), locale: language } }),
      );
      // The server answers a taken address exactly like a new one (and emails its owner), so only signing in
      // tells: when it does not work, the next step is in the mailbox.
      const signIn = await api.POST('/api/v1/auth/login', { body: { email, password, tokenDelivery: null } });
      const tokens = signIn.data;
      if (!signIn.response.ok || !tokens?.accessToken || !tokens.expiresIn) {
        setError(t('register.checkEmail'));
        return;
      }
      await completeSignIn({ accessToken: tokens.accessToken, expiresIn: Number(tokens.expiresIn) });
      void navigate('/', { replace: true });
    } catch (failure) {
      setError(applyProblem(failure, setFieldError, ['displayName', 'email', 'password'], t('register.error')) ?? t('form.fixFields'));
    }
  });

  return (
    <section aria-labelledby="register-title" className="mx-auto max-w-md">
      <title>{`${t('register.title')} · ${t('app.name')}`}</title>
      <h1 id="register-title" className="text-3xl font-semibold tracking-tight">
        {t('register.title')}
      </h1>
      <p className="mt-4 text-lg text-stone-700 dark:text-stone-300">{t('register.intro')}</p>
      <form onSubmit={(event) => void submit(event)} className="mt-8 flex flex-col gap-5" noValidate>
        <FormAlert message={error} />
        <Field
          label={t('register.displayName')}
          autoComplete="nickname"
          required
          maxLength={100}
          error={errors.displayName?.message}
          {...register('displayName')}
        />
        <Field label={t('auth.email')} type="email" autoComplete="email" required error={errors.email?.message} {...register('email')} />
        <Field
          label={t('auth.password')}
          type="password"
          autoComplete="new-password"
          required
          maxLength={128}
          hint={t('register.passwordHint')}
          error={errors.password?.message}
          {...register('password')}
        />
        {terms.data && <p className="text-base text-stone-700 dark:text-stone-300">{t('register.terms', { text: terms.data.text })}</p>}
        <SubmitButton busy={busy}>{busy ? t('register.busy') : t('register.submit')}</SubmitButton>
        <p className="text-base text-stone-700 dark:text-stone-300">
          <Link to="/login" className="font-medium text-teal-800 underline dark:text-teal-300">
            {t('register.toLogin')}
          </Link>
        </p>
      </form>
    </section>
  );
}
