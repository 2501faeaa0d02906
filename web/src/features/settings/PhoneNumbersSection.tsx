import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import * as z from 'zod/mini';
import { api, unwrap } from '../../api/client';
import { useI18n, type Translate } from '../../i18n';
import { applyProblem, Field, FormAlert, problemMessage, SubmitButton } from '../../ui/form';
import { formRules } from '../../ui/formRules';
import { phonesQuery, settingsKeys } from './settings';

/** The server's limits: a number of at most 32 characters (AddPhoneNumberRequest), a code of at most 16 (PhoneCodeRequest). */
const numberSchema = (t: Translate) => z.object({ number: formRules(t).text(32) });
const codeSchema = (t: Translate) => z.object({ code: formRules(t).text(16) });

type NumberValues = z.infer<ReturnType<typeof numberSchema>>;
type CodeValues = z.infer<ReturnType<typeof codeSchema>>;

const button =
  'inline-flex min-h-11 items-center rounded-lg border border-stone-300 px-4 text-base font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800';

/** The numbers the person texts from: add one, confirm it with the texted code, pick the main one, remove. */
export function PhoneNumbersSection() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const phones = useQuery(phonesQuery);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: settingsKeys.phones });
  const fail = (failure: unknown) => {
    setError(problemMessage(failure, t('settings.error')));
  };
  const {
    register,
    handleSubmit,
    reset,
    setError: setFieldError,
    formState: { errors },
  } = useForm<NumberValues>({ resolver: zodResolver(useMemo(() => numberSchema(t), [t])), defaultValues: { number: '' } });

  const add = useMutation({
    mutationFn: ({ number }: NumberValues) => unwrap(api.POST('/api/v1/users/me/phone-numbers', { body: { number, region: null } })),
    onSuccess: () => {
      reset({ number: '' });
      setError(null);
      setStatus(t('settings.phones.codeSent'));
      return refresh();
    },
    onError: (failure) => {
      setError(applyProblem(failure, setFieldError, ['number'], t('settings.error')));
    },
  });
  const resend = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/users/me/phone-numbers/{id}/resend', { params: { path: { id } } })),
    onSuccess: () => {
      setError(null);
      setStatus(t('settings.phones.codeSent'));
    },
    onError: fail,
  });
  const primary = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/users/me/phone-numbers/{id}/primary', { params: { path: { id } } })),
    onSuccess: refresh,
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/users/me/phone-numbers/{id}', { params: { path: { id } } })),
    onSuccess: refresh,
    onError: fail,
  });

  const submit = handleSubmit((values) => {
    setError(null);
    add.mutate(values);
  });

  return (
    <section aria-labelledby="phones-title" className="mt-10">
      <h2 id="phones-title" className="text-2xl font-semibold tracking-tight">
        {t('settings.phones.title')}
      </h2>
      <p className="mt-2 text-base text-stone-700 dark:text-stone-300">{t('settings.phones.intro')}</p>
      <div className="mt-4 flex flex-col gap-4">
        <FormAlert message={error} />
        <p role="status" className="text-base text-teal-900 dark:text-teal-200">
          {status}
        </p>
        {phones.data && phones.data.length > 0 && (
          <ul className="divide-y divide-stone-200 rounded-2xl border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900">
            {phones.data.map((phone) => (
              <li key={phone.id} className="flex flex-col gap-3 px-5 py-4">
                <p className="font-medium">
                  {phone.number}{' '}
                  <span className="text-sm font-normal text-stone-600 dark:text-stone-400">
                    {phone.primary ? t('settings.phones.primary') : phone.verified ? t('settings.phones.verifiedLabel') : t('settings.phones.unverified')}
                  </span>
                </p>
                {phone.optedOut && (
                  // Said plainly and calmly: STOP is the person's choice, not a fault.
                  <p role="status" className="rounded-lg bg-stone-100 px-4 py-3 text-base text-stone-800 dark:bg-stone-800 dark:text-stone-100">
                    {t('settings.phones.optedOut')}
                  </p>
                )}
                {!phone.verified && (
                  <CodeForm
                    phoneId={phone.id}
                    onVerified={() => {
                      setError(null);
                      setStatus(t('settings.phones.verified'));
                      return refresh();
                    }}
                    onProblem={setError}
                    onResend={() => {
                      resend.mutate(phone.id);
                    }}
                  />
                )}
                <div className="flex flex-wrap gap-3">
                  {phone.verified && !phone.primary && (
                    <button
                      type="button"
                      className={button}
                      onClick={() => {
                        primary.mutate(phone.id);
                      }}
                    >
                      {t('settings.phones.makePrimary')}
                    </button>
                  )}
                  <button
                    type="button"
                    className={button}
                    onClick={() => {
                      if (window.confirm(t('settings.phones.confirmRemove', { number: phone.number }))) {
                        remove.mutate(phone.id);
                      }
                    }}
                  >
                    {t('settings.phones.remove')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
        {phones.data?.some((phone) => phone.verified) && (
          <p>
            <Link to="/simulator" className="text-base font-medium text-teal-800 underline dark:text-teal-300">
              {t('settings.phones.trySimulator')}
            </Link>
          </p>
        )}
        <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-4" noValidate>
          <Field
            label={t('settings.phones.add')}
            type="tel"
            autoComplete="tel"
            hint={t('settings.phones.hint')}
            error={errors.number?.message}
            {...register('number')}
          />
          <SubmitButton busy={add.isPending}>{t('settings.phones.submit')}</SubmitButton>
        </form>
      </div>
    </section>
  );
}

/** The code texted to a number being added: confirm it, or ask for another. Problems go to the section's alert. */
function CodeForm({
  phoneId,
  onVerified,
  onProblem,
  onResend,
}: {
  phoneId: string;
  onVerified: () => Promise<void>;
  onProblem: (message: string | null) => void;
  onResend: () => void;
}) {
  const { t } = useI18n();
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    formState: { errors },
  } = useForm<CodeValues>({ resolver: zodResolver(useMemo(() => codeSchema(t), [t])), defaultValues: { code: '' } });
  const verify = useMutation({
    mutationFn: ({ code }: CodeValues) => unwrap(api.POST('/api/v1/users/me/phone-numbers/{id}/verify', { params: { path: { id: phoneId } }, body: { code } })),
    onSuccess: onVerified,
    onError: (failure) => {
      onProblem(applyProblem(failure, setFieldError, ['code'], t('settings.error')));
    },
  });
  const submit = handleSubmit((values) => {
    onProblem(null);
    verify.mutate(values);
  });

  return (
    <form onSubmit={(event) => void submit(event)} className="flex flex-wrap items-end gap-3" noValidate>
      <Field label={t('settings.phones.code')} autoComplete="one-time-code" inputMode="numeric" error={errors.code?.message} {...register('code')} />
      <button type="submit" className={button}>
        {t('settings.phones.verify')}
      </button>
      <button type="button" className={button} onClick={onResend}>
        {t('settings.phones.resend')}
      </button>
    </form>
  );
}
