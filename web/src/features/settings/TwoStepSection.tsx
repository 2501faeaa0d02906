import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { Field, FormAlert, problemMessage, SubmitButton } from '../../ui/form';

const mfaKey = ['mfa'] as const;

/** Turning on an authenticator app: scan, confirm a code, keep the recovery codes (shown once). */
export function TwoStepSection() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: mfaKey, queryFn: ({ signal }) => unwrap(api.GET('/api/v1/mfa', { signal })) });
  const [setup, setSetup] = useState<{ secret: string; qrCodeSvg: string } | null>(null);
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);

  const start = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/mfa/totp/setup')),
    onSuccess: (result) => {
      setError(null);
      setSetup({ secret: result.secret, qrCodeSvg: result.qrCodeSvg });
    },
    onError: (failure) => {
      setError(problemMessage(failure, t('settings.error')));
    },
  });
  const enable = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/mfa/totp/enable', { body: { code: code.trim() } })),
    onSuccess: (result) => {
      setError(null);
      setSetup(null);
      setCode('');
      setRecoveryCodes(result.recoveryCodes);
      return queryClient.invalidateQueries({ queryKey: mfaKey });
    },
    onError: (failure) => {
      setError(problemMessage(failure, t('settings.error')));
    },
  });

  function confirm(event: SyntheticEvent) {
    event.preventDefault();
    enable.mutate();
  }

  return (
    <section aria-labelledby="two-step-title" className="mt-10">
      <h2 id="two-step-title" className="text-2xl font-semibold tracking-tight">
        {t('settings.mfa.title')}
      </h2>
      <p className="mt-2 text-base text-stone-700 dark:text-stone-300">{t('settings.mfa.intro')}</p>
      <div className="mt-4 flex flex-col gap-4">
        <FormAlert message={error} />
        {status.data && (
          <p role="status" className="text-base font-medium">
            {status.data.totpEnabled
              ? t('settings.mfa.on', { count: status.data.recoveryCodesRemaining })
              : t('settings.mfa.off')}
          </p>
        )}
        {recoveryCodes.length > 0 && (
          <div className="rounded-2xl border border-amber-300 bg-amber-50 p-5 dark:border-amber-800 dark:bg-amber-950">
            <p className="font-medium">{t('settings.mfa.recoveryIntro')}</p>
            <ul aria-label={t('settings.mfa.recoveryLabel')} className="mt-3 grid grid-cols-2 gap-2 font-mono text-base">
              {recoveryCodes.map((recovery) => (
                <li key={recovery}>{recovery}</li>
              ))}
            </ul>
          </div>
        )}
        {status.data && !status.data.totpEnabled && !setup && (
          <button
            type="button"
            onClick={() => {
              start.mutate();
            }}
            className="inline-flex min-h-11 items-center self-start rounded-lg bg-teal-800 px-5 text-base font-medium text-white hover:bg-teal-900"
          >
            {t('settings.mfa.start')}
          </button>
        )}
        {setup && (
          <form onSubmit={confirm} className="flex flex-col gap-4" noValidate>
            <p className="text-base">{t('settings.mfa.scan')}</p>
            <img
              src={`data:image/svg+xml;base64,${btoa(setup.qrCodeSvg)}`}
              alt={t('settings.mfa.qrAlt')}
              width={200}
              height={200}
              className="rounded-lg border border-stone-200 bg-white p-2"
            />
            <p className="text-sm text-stone-700 dark:text-stone-300">
              {t('settings.mfa.manual')} <code className="font-mono break-all">{setup.secret}</code>
            </p>
            <Field
              label={t('login.mfa.code')}
              name="code"
              autoComplete="one-time-code"
              inputMode="numeric"
              required
              value={code}
              onChange={(e) => {
                setCode(e.target.value);
              }}
            />
            <SubmitButton busy={enable.isPending}>{t('settings.mfa.confirm')}</SubmitButton>
          </form>
        )}
      </div>
    </section>
  );
}
