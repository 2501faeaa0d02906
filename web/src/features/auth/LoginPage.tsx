import { useState, type SyntheticEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { useAuth } from './AuthProvider';
import { Field, FormAlert, problemMessage, SubmitButton } from '../../ui/form';

type Challenge = { mfaToken: string; methods: string[] };

/** Where to go after signing in: a path of this app only (never an absolute URL someone slipped into the link). */
function safeReturnPath(from: string | null): string {
  return from?.startsWith('/') && !from.startsWith('//') ? from : '/settings';
}

export function LoginPage() {
  const { t } = useI18n();
  const { status, completeSignIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const returnTo = safeReturnPath(params.get('from'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [method, setMethod] = useState('totp');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (status === 'signedIn' && !busy) {
    return <Navigate to={returnTo} replace />;
  }

  async function submitPassword(event: SyntheticEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await unwrap(api.POST('/api/v1/auth/login', { body: { email, password, tokenDelivery: null } }));
      if (result.mfaRequired && result.mfaToken) {
        const methods = result.methods ?? ['recovery'];
        setChallenge({ mfaToken: result.mfaToken, methods });
        setMethod(methods[0] ?? 'totp');
        setNotice(methods[0] === 'sms' ? t('login.mfa.smsSent') : null);
      } else if (result.accessToken && result.expiresIn) {
        await completeSignIn({ accessToken: result.accessToken, expiresIn: Number(result.expiresIn) });
        void navigate(returnTo, { replace: true });
      }
    } catch (failure) {
      setError(problemMessage(failure, t('login.error')));
    } finally {
      setBusy(false);
    }
  }

  async function submitCode(event: SyntheticEvent) {
    event.preventDefault();
    if (!challenge) {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await unwrap(
        api.POST('/api/v1/auth/login/mfa', { body: { mfaToken: challenge.mfaToken, method, code: code.trim() } }),
      );
      if (result.accessToken && result.expiresIn) {
        await completeSignIn({ accessToken: result.accessToken, expiresIn: Number(result.expiresIn) });
        void navigate(returnTo, { replace: true });
      }
    } catch (failure) {
      setError(problemMessage(failure, t('login.error')));
    } finally {
      setBusy(false);
    }
  }

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

  return (
    <section aria-labelledby="login-title" className="mx-auto max-w-md">
      <title>{`${t('login.title')} · ${t('app.name')}`}</title>
      <h1 id="login-title" className="text-3xl font-semibold tracking-tight">
        {challenge ? t('login.mfa.title') : t('login.title')}
      </h1>
      {!challenge ? (
        <form onSubmit={(event) => void submitPassword(event)} className="mt-8 flex flex-col gap-5" noValidate>
          <FormAlert message={error} />
          <Field label={t('auth.email')} type="email" name="email" autoComplete="email" required value={email} onChange={(e) => {
            setEmail(e.target.value);
          }} />
          <Field
            label={t('auth.password')}
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => {
            setPassword(e.target.value);
          }}
          />
          <SubmitButton busy={busy}>{busy ? t('login.busy') : t('login.submit')}</SubmitButton>
          <p className="text-base text-stone-700 dark:text-stone-300">
            <Link to="/register" className="font-medium text-teal-800 underline dark:text-teal-300">
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
                <input type="radio" name="method" value={m} checked={method === m} onChange={() => {
                    setMethod(m);
                  }} />
                {t(m === 'totp' ? 'login.mfa.totp' : m === 'sms' ? 'login.mfa.sms' : 'login.mfa.recovery')}
              </label>
            ))}
          </fieldset>
          {method === 'sms' && (
            <button type="button" onClick={() => void textMeACode()} className="self-start text-base font-medium text-teal-800 underline dark:text-teal-300">
              {t('login.mfa.textMe')}
            </button>
          )}
          <Field
            label={method === 'recovery' ? t('login.mfa.recoveryCode') : t('login.mfa.code')}
            name="code"
            autoComplete="one-time-code"
            inputMode={method === 'recovery' ? 'text' : 'numeric'}
            required
            value={code}
            onChange={(e) => {
            setCode(e.target.value);
          }}
          />
          <SubmitButton busy={busy}>{busy ? t('login.busy') : t('login.mfa.submit')}</SubmitButton>
        </form>
      )}
    </section>
  );
}
