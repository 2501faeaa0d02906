import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import * as z from 'zod/mini';
import { api, unwrap } from '../../api/client';
import { useI18n, type Translate } from '../../i18n';
import { applyProblem, Field, FormAlert, problemMessage, SubmitButton } from '../../ui/form';
import { formRules } from '../../ui/formRules';
import { useAuth } from './AuthProvider';

type Challenge = { mfaToken: string; methods: string[] };

/** Where to go after signing in: a path of this app only (never an absolute URL someone slipped into the link). */
function safeReturnPath(from: string | null): string {
  return from?.startsWith('/') && !from.startsWith('//') ? from : '/';
}

function passwordSchema(t: Translate) {
  const rules = formRules(t);
  return z.object({ email: rules.email, password: rules.password });
}

function codeSchema(t: Translate) {
  return z.object({ method: z.string(), code: formRules(t).required });
}

const linkClass = 'font-medium text-teal-800 underline dark:text-teal-300';

export function LoginPage() {
  const { t } = useI18n();
  const { status, completeSignIn, farewell } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const returnTo = safeReturnPath(params.get('from'));
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const passwordForm = useForm({ resolver: zodResolver(useMemo(() => passwordSchema(t), [t])), defaultValues: { email: '', password: '' } });
  const codeForm = useForm({ resolver: zodResolver(useMemo(() => codeSchema(t), [t])), defaultValues: { method: 'totp', code: '' } });
  const busy = passwordForm.formState.isSubmitting || codeForm.formState.isSubmitting;
  const method = useWatch({ control: codeForm.control, name: 'method' });

  if (status === 'signedIn' && !busy) {
    return <Navigate to={returnTo} replace />;
  }

  const submitPassword = passwordForm.handleSubmit(async ({ email, password }) => {
    setError(null);
    try {
      const result = await unwrap(api.POST('/api/v1/auth/login', { body: { email: email.trim(), password, tokenDelivery: null } }));
      if (result.mfaRequired && result.mfaToken) {
        const methods = result.methods ?? ['recovery'];
        setChallenge({ mfaToken: result.mfaToken, methods });
        codeForm.reset({ method: methods[0] ?? 'totp', code: '' });
        setNotice(methods[0] === 'sms' ? t('login.mfa.smsSent') : null);
      } else if (result.accessToken && result.expiresIn) {
        await completeSignIn({ accessToken: result.accessToken, expiresIn: Number(result.expiresIn) });
        void navigate(returnTo, { replace: true });
      }
    } catch (failure) {
      setError(applyProblem(failure, passwordForm.setError, ['email', 'password'], t('login.error')));
    }
  });

  const submitCode = codeForm.handleSubmit(async ({ method: chosen, code }) => {
    if (!challenge) {
      return;
    }
    setError(null);
    try {
      const result = await unwrap(
        api.POST('/api/v1/auth/login/mfa', { body: { mfaToken: challenge.mfaToken, method: chosen, code: code.trim() } }),
      );
      if (result.accessToken && result.expiresIn) {
        await completeSignIn({ accessToken: result.accessToken, expiresIn: Number(result.expiresIn) });
        void navigate(returnTo, { replace: true });
      }
    } catch (failure) {
      setError(applyProblem(failure, codeForm.setError, ['code'], t('login.error')));
    }
  });

  async function textMeACode() {
    if (!challenge) {
      return;
    }
    setError(null);
    try {
      await unwrap(api.POST('/api/v1/auth/login/mfa/sms', { body: { mfaToken: challenge.mfaToken } }));
      setNotice(t('login.mfa.smsSent'));
    } catch (failure) {
      setError(problemMessage(failure, t('login.error')));
    }
  }

  const passwordErrors = passwordForm.formState.errors;
  const codeErrors = codeForm.formState.errors;
  return (
    <section aria-labelledby="login-title" className="mx-auto max-w-md">
      <title>{`${t('login.title')} · ${t('app.name')}`}</title>
      <h1 id="login-title" className="text-3xl font-semibold tracking-tight">
        {challenge ? t('login.mfa.title') : t('login.title')}
      </h1>
      {!challenge ? (
        <form onSubmit={(event) => void submitPassword(event)} className="mt-8 flex flex-col gap-5" noValidate>
          {farewell && (
            <p role="status" className="rounded-2xl border border-stone-200 bg-white px-5 py-4 text-base dark:border-stone-800 dark:bg-stone-900">
              {farewell}
            </p>
          )}
          <FormAlert message={error} />
          <Field
            label={t('auth.email')}
            type="email"
            autoComplete="email"
            required
            error={passwordErrors.email?.message}
            {...passwordForm.register('email')}
          />
          <Field
            label={t('auth.password')}
            type="password"
            autoComplete="current-password"
            required
            error={passwordErrors.password?.message}
            {...passwordForm.register('password')}
          />
          <SubmitButton busy={busy}>{busy ? t('login.busy') : t('login.submit')}</SubmitButton>
          <p className="flex flex-col gap-3 text-base text-stone-700 dark:text-stone-300">
            <Link to="/forgot-password" className={linkClass}>
              {t('login.forgot')}
            </Link>
            <Link to="/register" className={linkClass}>
              {t('login.toRegister')}
            </Link>
          </p>
        </form>
      ) : (
        <form onSubmit={(event) => void submitCode(event)} className="mt-8 flex flex-col gap-5" noValidate>
          <p className="text-lg text-stone-700 dark:text-stone-300">{t('login.mfa.intro')}</p>
          <FormAlert message={error} />
          {notice && (
            <p role="status" className="text-base text-teal-900 dark:text-teal-200">
              {notice}
            </p>
          )}
          <fieldset className="flex flex-wrap gap-3">
            <legend className="mb-2 text-base font-medium">{t('login.mfa.method')}</legend>
            {challenge.methods.map((m) => (
              <label key={m} className="inline-flex min-h-11 items-center gap-2 rounded-lg border border-stone-300 px-3 dark:border-stone-700">
                <input type="radio" value={m} {...codeForm.register('method')} />
                {t(m === 'totp' ? 'login.mfa.totp' : m === 'sms' ? 'login.mfa.sms' : 'login.mfa.recovery')}
              </label>
            ))}
          </fieldset>
          {method === 'sms' && (
            <button type="button" onClick={() => void textMeACode()} className="inline-flex min-h-11 items-center self-start text-base font-medium text-teal-800 underline focus-visible:ring-2 focus-visible:ring-teal-700 focus-visible:ring-offset-2 focus-visible:outline-none dark:text-teal-300">
              {t('login.mfa.textMe')}
            </button>
          )}
          <Field
            label={method === 'recovery' ? t('login.mfa.recoveryCode') : t('login.mfa.code')}
            autoComplete="one-time-code"
            inputMode={method === 'recovery' ? 'text' : 'numeric'}
            required
            error={codeErrors.code?.message}
            {...codeForm.register('code')}
          />
          <SubmitButton busy={busy}>{busy ? t('login.busy') : t('login.mfa.submit')}</SubmitButton>
        </form>
      )}
    </section>
  );
}
