import { useState, type SyntheticEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { browserTimeZone } from '../../ui/timeZone';
import { useAuth } from './AuthProvider';
import { Field, fieldErrors, FormAlert, problemMessage, SubmitButton } from '../../ui/form';

export function RegisterPage() {
  const { t, language } = useI18n();
  const { completeSignIn } = useAuth();
  const navigate = useNavigate();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setErrors({});
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
      void navigate('/settings', { replace: true });
    } catch (failure) {
      const byField = fieldErrors(failure);
      setErrors(byField);
      setError(Object.keys(byField).length > 0 ? t('register.fixFields') : problemMessage(failure, t('register.error')));
    } finally {
      setBusy(false);
    }
  }

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
          name="displayName"
          autoComplete="nickname"
          required
          maxLength={100}
          value={displayName}
          error={errors.displayName}
          onChange={(e) => {
            setDisplayName(e.target.value);
          }}
        />
        <Field label={t('auth.email')} type="email" name="email" autoComplete="email" required value={email} error={errors.email} onChange={(e) => {
            setEmail(e.target.value);
          }} />
        <Field
          label={t('auth.password')}
          type="password"
          name="password"
          autoComplete="new-password"
          required
          minLength={10}
          maxLength={128}
          hint={t('register.passwordHint')}
          value={password}
          error={errors.password}
          onChange={(e) => {
            setPassword(e.target.value);
          }}
        />
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
