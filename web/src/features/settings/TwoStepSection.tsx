import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { FormAlert, problemMessage } from '../../ui/form';
import { mutedText, primaryButton, quietButton, textLink } from '../../ui/styles';
import { ProofForm, type Proof } from '../../ui/ProofForm';
import { TwoStepRecoveryCodes } from './TwoStepRecoveryCodes';
import { mfaQuery, phonesQuery, settingsKeys } from './settings';


type Panel = 'none' | 'totp' | 'sms' | 'newCodes' | 'off';

/**
 * Two-step sign-in: which factors are on; turning on an authenticator app or text-message codes; new recovery codes
 * (shown once); turning it all off. One thing open at a time.
 */
export function TwoStepSection() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const status = useQuery(mfaQuery);
  const phones = useQuery(phonesQuery);
  const [panel, setPanel] = useState<Panel>('none');
  const [setup, setSetup] = useState<{ secret: string; qrCodeSvg: string } | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: settingsKeys.mfa });
  function open(next: Panel) {
    setError(null);
    setNotice(null);
    setRecoveryCodes([]);
    setPanel(next);
  }
  function close() {
    setPanel('none');
    setSetup(null);
  }
  /** After a factor or new codes: show the codes when the answer has them, and the new status. */
  async function finished(codes: string[], message: string) {
    close();
    setRecoveryCodes(codes);
    setNotice(message);
    await refresh();
  }

  const startTotp = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/mfa/totp/setup')),
    onSuccess: (result) => {
      open('totp');
      setSetup({ secret: result.secret, qrCodeSvg: result.qrCodeSvg });
    },
    onError: (failure) => {
      setError(problemMessage(failure, t('settings.error')));
    },
  });

  async function enableTotp({ code }: Proof) {
    const result = await unwrap(api.POST('/api/v1/mfa/totp/enable', { body: { code: code ?? '' } }));
    await finished(result.recoveryCodes, t('settings.twoStep.totpOn'));
  }
  async function enableSms({ code }: Proof) {
    const result = await unwrap(api.POST('/api/v1/mfa/sms/enable', { body: { code: code ?? '' } }));
    await finished(result.recoveryCodes, t('settings.twoStep.smsOn'));
  }
  async function newCodes({ method, code }: Proof) {
    const result = await unwrap(api.POST('/api/v1/mfa/recovery-codes', { body: { method: method ?? '', code: code ?? '' } }));
    await finished(result.recoveryCodes, t('settings.twoStep.newCodesDone'));
  }
  async function turnOff({ password, method, code }: Proof) {
    await unwrap(api.DELETE('/api/v1/mfa', { body: { password, method: method ?? '', code: code ?? '' } }));
    await finished([], t('settings.twoStep.offDone'));
  }

  const mfa = status.data;
  const anyOn = mfa ? mfa.totpEnabled || mfa.smsEnabled : false;
  const hasVerifiedPhone = phones.data?.some((phone) => phone.verified) ?? false;
  const codeMethods = (mfa?.methods ?? []).filter((m) => m !== 'recovery');

  return (
    <section aria-labelledby="two-step-title" className="mt-10">
      <h2 id="two-step-title" className="text-2xl font-semibold tracking-tight">
        {t('settings.mfa.title')}
      </h2>
      <p className="mt-2 text-base text-stone-700 dark:text-stone-300">{t('settings.mfa.intro')}</p>
      <div className="mt-4 flex flex-col gap-4">
        <FormAlert message={error} />
        {status.isPending && <p>{t('settings.loading')}</p>}
        {status.isError && <p>{problemMessage(status.error, t('settings.error'))}</p>}
        {mfa && (
          <>
            <p role="status" className="text-base font-medium">
              {anyOn ? t('settings.mfa.on', { count: mfa.recoveryCodesRemaining }) : t('settings.mfa.off')}
            </p>
            <ul aria-label={t('settings.twoStep.factors')} className="flex flex-col gap-1 text-base">
              <li>{t(mfa.totpEnabled ? 'settings.twoStep.totpIsOn' : 'settings.twoStep.totpIsOff')}</li>
              <li>{t(mfa.smsEnabled ? 'settings.twoStep.smsIsOn' : 'settings.twoStep.smsIsOff')}</li>
            </ul>
          </>
        )}
        <p role="status" className="text-base text-teal-900 empty:hidden dark:text-teal-200">
          {notice}
        </p>
        {recoveryCodes.length > 0 && (
          <TwoStepRecoveryCodes
            codes={recoveryCodes}
            onDone={() => {
              setRecoveryCodes([]);
            }}
          />
        )}

        {panel === 'totp' && setup && (
          <div className="flex flex-col gap-4">
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
            <ProofForm
              title={t('settings.twoStep.totpTitle')}
              intro={t('settings.twoStep.totpIntro')}
              methods={['totp']}
              withPassword={false}
              labels={{ submit: t('settings.mfa.confirm'), cancel: t('settings.twoStep.cancel'), error: t('settings.error') }}
              onProof={enableTotp}
              onCancel={close}
            />
          </div>
        )}
        {panel === 'sms' && (
          <ProofForm
            title={t('settings.twoStep.smsTitle')}
            intro={t('settings.twoStep.smsIntro')}
            methods={['sms']}
            withPassword={false}
            labels={{ submit: t('settings.mfa.confirm'), cancel: t('settings.twoStep.cancel'), error: t('settings.error') }}
            onProof={enableSms}
            onCancel={close}
          />
        )}
        {panel === 'newCodes' && (
          <ProofForm
            title={t('settings.twoStep.newCodesTitle')}
            intro={t('settings.twoStep.newCodesIntro')}
            methods={codeMethods}
            withPassword={false}
            labels={{ submit: t('settings.twoStep.newCodesSubmit'), cancel: t('settings.twoStep.cancel'), error: t('settings.error') }}
            onProof={newCodes}
            onCancel={close}
          />
        )}
        {panel === 'off' && mfa && (
          <ProofForm
            title={t('settings.twoStep.offTitle')}
            intro={t('settings.twoStep.offIntro')}
            methods={mfa.methods}
            withPassword
            labels={{ submit: t('settings.twoStep.offSubmit'), cancel: t('settings.twoStep.cancel'), error: t('settings.error') }}
            onProof={turnOff}
            onCancel={close}
          />
        )}

        {mfa && panel === 'none' && (
          <div className="flex flex-col gap-4">
            {!mfa.totpEnabled && (
              <button type="button" onClick={() => { startTotp.mutate(); }} className={`${primaryButton} self-start`}>
                {t('settings.mfa.start')}
              </button>
            )}
            {!mfa.smsEnabled &&
              (hasVerifiedPhone ? (
                <button type="button" onClick={() => { open('sms'); }} className={`${quietButton} self-start`}>
                  {t('settings.twoStep.smsStart')}
                </button>
              ) : (
                phones.data && (
                  <p className={mutedText}>
                    {t('settings.twoStep.smsNeedsPhone')}{' '}
                    <a href="#phones-title" className={textLink}>
                      {t('settings.twoStep.toPhones')}
                    </a>
                  </p>
                )
              ))}
            {anyOn && (
              <div className="flex flex-wrap gap-3">
                <button type="button" onClick={() => { open('newCodes'); }} className={quietButton}>
                  {t('settings.twoStep.newCodes')}
                </button>
                <button type="button" onClick={() => { open('off'); }} className={quietButton}>
                  {t('settings.twoStep.off')}
                </button>
              </div>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
