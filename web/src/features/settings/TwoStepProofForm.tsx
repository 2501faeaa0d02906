import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import * as z from 'zod/mini';
import { api, unwrap } from '../../api/client';
import { useI18n, type Translate } from '../../i18n';
import { applyProblem, Field, FormAlert, problemMessage, SubmitButton } from '../../ui/form';
import { formRules } from '../../ui/formRules';
import { quietButton, textLink } from '../../ui/styles';

export type Proof = { password: string; method: string; code: string };

function proofSchema(t: Translate, withPassword: boolean) {
  const rules = formRules(t);
  return z.object({ password: withPassword ? rules.password : z.string(), method: rules.required, code: rules.required });
}

const methodLabel = { totp: 'login.mfa.totp', sms: 'login.mfa.sms', recovery: 'login.mfa.recovery' } as const;

/**
 * Proving a second factor (and the password when `withPassword`): pick how, text a code when it is SMS, type it.
 * The server's problems go beside the fields or in the alert, as everywhere else.
 */
export function TwoStepProofForm({
  title,
  intro,
  methods,
  withPassword,
  submitLabel,
  onProof,
  onCancel,
}: {
  title: string;
  intro: string;
  methods: string[];
  withPassword: boolean;
  submitLabel: string;
  onProof: (proof: Proof) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    control,
    setError: setFieldError,
    formState: { errors, isSubmitting: busy },
  } = useForm({
    resolver: zodResolver(useMemo(() => proofSchema(t, withPassword), [t, withPassword])),
    defaultValues: { password: '', method: methods[0] ?? 'totp', code: '' },
  });
  const method = useWatch({ control, name: 'method' });

  const submit = handleSubmit(async ({ password, method: chosen, code }) => {
    setError(null);
    try {
      await onProof({ password, method: chosen, code: code.trim() });
    } catch (failure) {
      setError(applyProblem(failure, setFieldError, ['password', 'method', 'code'], t('settings.error')));
    }
  });

  async function textMeACode() {
    setError(null);
    try {
      await unwrap(api.POST('/api/v1/mfa/sms/setup'));
      setNotice(t('settings.twoStep.smsSent'));
    } catch (failure) {
      setError(problemMessage(failure, t('settings.error')));
    }
  }

  return (
    <form
      onSubmit={(event) => void submit(event)}
      className="flex flex-col gap-5 rounded-2xl border border-stone-200 p-5 dark:border-stone-800"
      noValidate
    >
      <h3 className="text-xl font-semibold">{title}</h3>
      <p className="text-base text-stone-700 dark:text-stone-300">{intro}</p>
      <FormAlert message={error} />
      {withPassword && (
        <Field
          label={t('auth.password')}
          type="password"
          autoComplete="current-password"
          required
          error={errors.password?.message}
          {...register('password')}
        />
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
      <Field
        label={method === 'recovery' ? t('login.mfa.recoveryCode') : t('login.mfa.code')}
        autoComplete="one-time-code"
        inputMode={method === 'recovery' ? 'text' : 'numeric'}
        required
        error={errors.code?.message}
        {...register('code')}
      />
      <div className="flex flex-wrap gap-3">
        <SubmitButton busy={busy}>{submitLabel}</SubmitButton>
        <button type="button" className={quietButton} onClick={onCancel}>
          {t('settings.twoStep.cancel')}
        </button>
      </div>
    </form>
  );
}
