import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiProblem } from '../../api/client';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../ui/dates';
import { listFrame, mutedText, primaryButton, quietButton } from '../../ui/styles';
import { useTimeZone } from '../../ui/timeZone';
import { FormAlert } from '../../ui/form';
import { deviceLabel, isThisDevice, pushSupport, thisDeviceSubscription, turnOffPush, turnOnPush, type PushSupport } from './devicePush';
import { listSubscriptions, pushKeys, removeSubscription, sendTest } from './pushApi';

const deviceKey = ['push', 'this-device'] as const;

/**
 * "Notifications on this device": turn web push on or off for this browser, send a test, and see (and remove) the
 * other devices that have it on. Says plainly when the browser cannot, or the person blocked it.
 */
export function PushSection() {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const [support, setSupport] = useState<PushSupport>(pushSupport);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const subscriptions = useQuery({ queryKey: pushKeys.subscriptions, queryFn: ({ signal }) => listSubscriptions(signal) });
  const device = useQuery({
    queryKey: deviceKey,
    queryFn: async () => (await thisDeviceSubscription())?.endpoint ?? null,
    enabled: support === 'granted',
  });
  const isOn = support === 'granted' && Boolean(device.data);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['push'] });
  const say = (message: string | null, failure: string | null = null) => {
    setStatus(message);
    setError(failure);
  };
  const failed = () => {
    say(null, t('settings.push.failed'));
  };

  const turnOn = useMutation({
    mutationFn: () => turnOnPush(deviceLabel(navigator.userAgent)),
    onSuccess: (outcome) => {
      setSupport(pushSupport());
      say(outcome === 'on' ? t('settings.push.turnedOn') : null);
      return refresh();
    },
    onError: failed,
  });
  const turnOff = useMutation({
    mutationFn: turnOffPush,
    onSuccess: () => {
      say(t('settings.push.turnedOff'));
      return refresh();
    },
    onError: failed,
  });
  const test = useMutation({
    mutationFn: sendTest,
    onSuccess: () => {
      say(t('settings.push.testSent'));
    },
    onError: failed,
  });
  const remove = useMutation({
    mutationFn: async (id: string) => {
      if (isThisDevice(id)) {
        await turnOffPush();
      } else {
        await removeSubscription(id);
      }
    },
    onSuccess: () => {
      say(t('settings.push.turnedOff'));
      return refresh();
    },
    onError: failed,
  });
  const busy = turnOn.isPending || turnOff.isPending || test.isPending || remove.isPending;
  const serverWithoutPush = subscriptions.error instanceof ApiProblem && subscriptions.error.status === 404;

  return (
    <section aria-labelledby="push-title" className="mt-10">
      <h2 id="push-title" className="text-2xl font-semibold tracking-tight">
        {t('settings.push.title')}
      </h2>
      <p className="mt-2 text-base text-stone-700 dark:text-stone-300">{t('settings.push.intro')}</p>
      <div className="mt-4 flex flex-col gap-3">
        {serverWithoutPush ? (
          <p className="text-base">{t('settings.push.unavailable')}</p>
        ) : support === 'unsupported' ? (
          <p className="text-base">{t('settings.push.unsupported')}</p>
        ) : support === 'denied' ? (
          <p className="text-base">{t('settings.push.denied')}</p>
        ) : (
          <>
            <p className="text-base font-medium">{isOn ? t('settings.push.on') : t('settings.push.off')}</p>
            <div className="flex flex-wrap gap-3">
              {isOn ? (
                <>
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => {
                      test.mutate();
                    }}
                    className={primaryButton}
                  >
                    {t('settings.push.test')}
                  </button>
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => {
                      turnOff.mutate();
                    }}
                    className={quietButton}
                  >
                    {t('settings.push.turnOff')}
                  </button>
                </>
              ) : (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => {
                    turnOn.mutate();
                  }}
                  className={primaryButton}
                >
                  {t('settings.push.turnOn')}
                </button>
              )}
            </div>
          </>
        )}
        <FormAlert message={error} />
        <p role="status" className="text-base text-teal-900 dark:text-teal-200">
          {status}
        </p>
        {subscriptions.data && subscriptions.data.length > 0 && (
          <>
            <h3 className="text-lg font-medium">{t('settings.push.devices')}</h3>
            <ul className={listFrame}>
              {subscriptions.data.map((subscription) => {
                const label = subscription.label ?? t('settings.push.unnamed');
                return (
                  <li key={subscription.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-4">
                    <div>
                      <p className="font-medium">{label}</p>
                      <p className={mutedText}>
                        {subscription.lastSuccessAt
                          ? t('settings.push.lastSuccess', { when: formatDateTime(language, subscription.lastSuccessAt, timeZone) })
                          : t('settings.push.never')}
                      </p>
                    </div>
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() => {
                        remove.mutate(subscription.id);
                      }}
                      aria-label={t('settings.push.remove', { device: label })}
                      className={quietButton}
                    >
                      {t('settings.phones.remove')}
                    </button>
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
