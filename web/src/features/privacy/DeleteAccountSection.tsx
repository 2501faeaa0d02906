import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import * as z from 'zod/mini';
import { api, unwrap } from '../../api/client';
import { useI18n, type Translate } from '../../i18n';
import { formatInstant } from '../../ui/dates';
import { applyProblem, Field, FormAlert, problemMessage, SelectField, SubmitButton } from '../../ui/form';
import { formRules } from '../../ui/formRules';
import { quietButton } from '../../ui/styles';
import { useAuth } from '../auth/AuthProvider';

function deleteSchema(t: Translate, needsCode: boolean) {
  const rules = formRules(t);
  return z.object({ password: rules.password, method: z.string(), code: needsCode ? rules.required : z.string() });
}

/**
 * Deleting the account: the password (and a second factor when sign-in asks for one), then a grace period during which
 * signing in can keep it. The server signs out everywhere, so this device signs out too and says what happens next.
 */
export function DeleteAccountSection({ graceDays }: { graceDays: number | null }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <section aria-labelledby="privacy-delete" className="mt-10 mb-6">
      <h2 id="privacy-delete" className="text-2xl font-semibold tracking-tight">
        {t('privacy.delete.title')}
      </h2>
      <p className="mt-2 text-base text-stone-700 dark:text-stone-300">
        {graceDays === 0 ? t('privacy.delete.introNow') : t(graceDays === 1 ? 'privacy.delete.intro.one' : 'privacy.delete.intro.many', { days: graceDays ?? 7 })}
      </p>
      {open ? (
        <DeleteForm
          onCancel={() => {
            setOpen(false);
          }}
        />
      ) : (
        <button
          type="button"
          className={`${quietButton} mt-4`}
          onClick={() => {
            setOpen(true);
          }}
        >
          {t('privacy.delete.start')}
        </button>
      )}
    </section>
  );
}

function DeleteForm({ onCancel }: { onCancel: () => void }) {
  const { t, language } = useI18n();
  const { user, signOut } = useAuth();
  const needsCode = user?.mfaEnabled ?? false;
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const mfa = useQuery({
    queryKey: ['mfa'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/mfa', { signal })),
    enabled: needsCode,
  });
  const methods = mfa.data?.methods ?? [];
  const {
    register,
    handleSubmit,
    control,
    setError: setFieldError,
    formState: { errors, isSubmitting: busy },
  } = useForm({
    resolver: zodResolver(useMemo(() => deleteSchema(t, needsCode), [t, needsCode])),
    defaultValues: { password: '', method: '', code: '' },
  });
  const method = useWatch({ control, name: 'method' }) || methods[0] || 'totp';

  const submit = handleSubmit(async ({ password, code }) => {
    setError(null);
    try {
      const outcome = await unwrap(
        api.DELETE('/api/v1/users/me', { body: { password, method: needsCode ? method : null, code: needsCode ? code.trim() : null } }),
      );
      const notice = outcome.deleted
        ? t('privacy.delete.done')
        : t('privacy.delete.scheduled', {
            date: formatInstant(language, outcome.deletesAt, user?.timeZone ?? 'UTC', { dateStyle: 'full', timeStyle: 'short' }),
          });
      // Signed out, the page's guard takes the person to the sign-in page, which says what happens next.
      await signOut(notice);
    } catch (failure) {
      setError(applyProblem(failure, setFieldError, ['password', 'code'], t('privacy.delete.error')));
    }
  });

  const textCode = async () => {
    setError(null);
    try {
      await unwrap(api.POST('/api/v1/mfa/sms/setup'));
      setSent(t('login.mfa.smsSent'));
    } catch (failure) {
      setError(problemMessage(failure, t('privacy.delete.error')));
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} className="mt-6 flex flex-col gap-5" noValidate>
      <FormAlert message={error} />
      <input type="text" name="username" autoComplete="username" value={user?.email ?? ''} hidden readOnly />
      <Field
        label={t('privacy.delete.password')}
        type="password"
        autoComplete="current-password"
        required
        error={errors.password?.message}
        {...register('password')}
      />
      {needsCode && (
        <>
          {methods.length > 1 && (
            <SelectField label={t('login.mfa.method')} {...register('method')}>
              {methods.map((option) => (
                <option key={option} value={option}>
                  {t(option === 'sms' ? 'login.mfa.sms' : option === 'recovery' ? 'login.mfa.recovery' : 'login.mfa.totp')}
                </option>
              ))}
            </SelectField>
          )}
          {method === 'sms' && (
            <div className="flex flex-col gap-2">
              <button type="button" className={`${quietButton} self-start`} onClick={() => void textCode()}>
                {t('login.mfa.textMe')}
              </button>
              <p role="status" className="text-base text-teal-900 dark:text-teal-200">
                {sent}
              </p>
            </div>
          )}
          <Field
            label={t('privacy.delete.code')}
            autoComplete="one-time-code"
            inputMode={method === 'recovery' ? 'text' : 'numeric'}
            required
            error={errors.code?.message}
            {...register('code')}
          />
        </>
      )}
      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton busy={busy}>{busy ? t('privacy.delete.busy') : t('privacy.delete.submit')}</SubmitButton>
        <button type="button" className={quietButton} onClick={onCancel}>
          {t('privacy.delete.cancel')}
        </button>
      </div>
    </form>
  );
}
