import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import * as z from 'zod/mini';
import { api, unwrap } from '../../api/client';
import { useI18n, type Translate } from '../../i18n';
import { applyProblem, Field, FormAlert, SubmitButton } from '../../ui/form';
import { formRules } from '../../ui/formRules';
import { ProofForm, type Proof } from '../../ui/ProofForm';
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

/**
 * The code step's first sentence: the authenticator app and a text message only when the account offers them, the
 * recovery codes always (the server always accepts one).
 */
function codeStepIntro(t: Translate, methods: readonly string[]): string {
  const app = methods.includes('totp');
  const sms = methods.includes('sms');
  return t(app && sms ? 'login.mfa.intro.appOrSms' : app ? 'login.mfa.intro.app' : sms ? 'login.mfa.intro.sms' : 'login.mfa.intro.recovery');
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
  const passwordForm = useForm({ resolver: zodResolver(useMemo(() => passwordSchema(t), [t])), defaultValues: { email: '', password: '' } });
  const busy = passwordForm.formState.isSubmitting;

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
      } else if (result.accessToken && result.expiresIn) {
        await completeSignIn({ accessToken: result.accessToken, expiresIn: Number(result.expiresIn) });
        void navigate(returnTo, { replace: true });
      }
    } catch (failure) {
      setError(applyProblem(failure, passwordForm.setError, ['email', 'password'], t('login.error')));
    }
  });

  async function proveSecondFactor({ method, code }: Proof) {
    if (!challenge) {
      return;
    }
    const result = await unwrap(
      api.POST('/api/v1/auth/login/mfa', { body: { mfaToken: challenge.mfaToken, method: method ?? 'recovery', code: (code ?? '').trim() } }),
    );
    if (result.accessToken && result.expiresIn) {
      await completeSignIn({ accessToken: result.accessToken, expiresIn: Number(result.expiresIn) });
      void navigate(returnTo, { replace: true });
    }
  }

  const passwordErrors = passwordForm.formState.errors;
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
        <ProofForm
          key={challenge.mfaToken}
          intro={codeStepIntro(t, challenge.methods)}
          methods={challenge.methods}
          withPassword={false}
          notice={challenge.methods[0] === 'sms' ? t('login.mfa.smsSent') : undefined}
          textCode={{
            send: async () => {
              await unwrap(api.POST('/api/v1/auth/login/mfa/sms', { body: { mfaToken: challenge.mfaToken } }));
            },
            sent: t('login.mfa.smsSent'),
          }}
          labels={{ submit: t('login.mfa.submit'), busy: t('login.busy'), cancel: t('login.mfa.startOver'), error: t('login.error') }}
          onProof={proveSecondFactor}
          onCancel={() => {
            setChallenge(null);
            setError(null);
          }}
        />
      )}
    </section>
  );
}
