import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import * as z from 'zod/mini';
import { api, unwrap } from '../api/client';
import { useI18n, type Translate } from '../i18n';
import { applyProblem, Field, FormAlert, problemMessage, SubmitButton } from './form';
import { formRules } from './formRules';
import { quietButton, textLink } from './styles';

/** What the person proved: the password (empty when not asked) and, when a second factor was asked, how and its code. */
export type Proof = { password: string; method: string | null; code: string | null };

export type ProofLabels = {
  submit: string;
  /** Shown on the submit button while the server answers; the submit label when absent. */
  busy?: string;
  cancel: string;
  /** The alert when the server's problem names no field. */
  error: string;
  /** The password field's label; "Password" when absent. */
  password?: string;
};

function proofSchema(t: Translate, withPassword: boolean, withCode: boolean) {
  const rules = formRules(t);
  return z.object({
    password: withPassword ? rules.password : z.string(),
    method: z.string(),
    code: withCode ? rules.required : z.string(),
  });
}

const methodLabel = { totp: 'login.mfa.totp', sms: 'login.mfa.sms', recovery: 'login.mfa.recovery' } as const;

/** How "Text me a code" sends one and what it says once sent; signed in, it texts the account's main number. */
export type TextCode = { send: () => Promise<void>; sent: string };

/**
 * Proving who you are before something that matters (turning two-step off, new recovery codes, deleting the account):
 * the password when `withPassword`, and a second factor when `methods` is not empty: pick how, text a code when it is
 * SMS, type it. The server's problems go beside the fields or in the alert, as everywhere else. With a `title`, the
 * form is a card of its own; without, it sits inside the caller's section. Signing in uses it too, with its own
 * `textCode` (the challenge's token, not a session) and a `notice` when the server already texted a code.
 */
export function ProofForm({
  title,
  intro,
  methods,
  withPassword,
  username,
  labels,
  textCode,
  notice: firstNotice,
  onProof,
  onCancel,
}: {
  title?: string;
  intro?: string;
  methods: string[];
  withPassword: boolean;
  /** The account's email, for password managers (a hidden username field beside the password). */
  username?: string;
  labels: ProofLabels;
  /** How to text a code; the signed-in person's SMS setup endpoint when absent. */
  textCode?: TextCode;
  /** Said at once in the status line (for example "We sent a code to your phone."). */
  notice?: string;
  onProof: (proof: Proof) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const withCode = methods.length > 0;
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(firstNotice ?? null);
  const {
    register,
    handleSubmit,
    control,
    setError: setFieldError,
    formState: { errors, isSubmitting: busy },
  } = useForm({
    resolver: zodResolver(useMemo(() => proofSchema(t, withPassword, withCode), [t, withPassword, withCode])),
    defaultValues: { password: '', method: methods[0] ?? '', code: '' },
  });
  const method = useWatch({ control, name: 'method' }) || methods[0] || '';

  const submit = handleSubmit(async ({ password, code }) => {
    setError(null);
    try {
      await onProof({ password, method: withCode ? method : null, code: withCode ? code.trim() : null });
    } catch (failure) {
      setError(applyProblem(failure, setFieldError, ['password', 'method', 'code'], labels.error));
    }
  });

  async function textMeACode() {
    setError(null);
    try {
      if (textCode) {
        await textCode.send();
        setNotice(textCode.sent);
      } else {
        await unwrap(api.POST('/api/v1/mfa/sms/setup'));
        setNotice(t('settings.twoStep.smsSent'));
      }
    } catch (failure) {
      setError(problemMessage(failure, labels.error));
    }
  }

  return (
    <form
      onSubmit={(event) => void submit(event)}
      className={
        title
          ? 'flex flex-col gap-5 rounded-2xl border border-stone-200 p-5 dark:border-stone-800'
          : 'mt-6 flex flex-col gap-5'
      }
      noValidate
    >
      {title && <h3 className="text-xl font-semibold">{title}</h3>}
      {intro && <p className="text-base text-stone-700 dark:text-stone-300">{intro}</p>}
      <FormAlert message={error} />
      {withPassword && (
        <>
          {username !== undefined && <input type="text" name="username" autoComplete="username" value={username} hidden readOnly />}
          <Field
            label={labels.password ?? t('auth.password')}
            type="password"
            autoComplete="current-password"
            required
            error={errors.password?.message}
            {...register('password')}
          />
        </>
      )}
      {methods.length > 1 && (
        <fieldset className="flex flex-wrap gap-3">
          <legend className="mb-2 text-base font-medium">{t('login.mfa.method')}</legend>
          {methods.map((m) => (
            <label key={m} className="inline-flex min-h-11 items-center gap-2 rounded-lg border border-stone-300 px-3 dark:border-stone-700">
              <input type="radio" value={m} {...register('method')} />
              {t(methodLabel[m as keyof typeof methodLabel])}
            </label>
          ))}
        </fieldset>
      )}
      {method === 'sms' && (
        <button type="button" onClick={() => void textMeACode()} className={`${textLink} min-h-11 self-start`}>
          {t('login.mfa.textMe')}
        </button>
      )}
      <p role="status" className="text-base text-teal-900 empty:hidden dark:text-teal-200">
        {notice}
      </p>
      {withCode && (
        <Field
          label={method === 'recovery' ? t('login.mfa.recoveryCode') : t('login.mfa.code')}
          autoComplete="one-time-code"
          inputMode={method === 'recovery' ? 'text' : 'numeric'}
          required
          error={errors.code?.message}
          {...register('code')}
        />
      )}
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton busy={busy}>{busy && labels.busy ? labels.busy : labels.submit}</SubmitButton>
        <button type="button" className={quietButton} onClick={onCancel}>
          {labels.cancel}
        </button>
      </div>
    </form>
  );
}
