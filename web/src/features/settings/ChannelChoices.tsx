import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useI18n, type MessageKey } from '../../i18n';
import { mutedText, quietButton } from '../../ui/styles';
import { listSubscriptions, pushKeys } from '../push/pushApi';
import { phonesQuery } from './settings';

type Channel = 'web' | 'push' | 'sms' | 'email';
const channelNames: Record<Channel, MessageKey> = {
  web: 'settings.channels.web',
  push: 'settings.channels.push',
  sms: 'settings.channels.sms',
  email: 'settings.channels.email',
};
const unavailableReasons: Record<Exclude<Channel, 'web'>, MessageKey> = {
  push: 'settings.channels.pushUnavailable',
  sms: 'settings.channels.smsUnavailable',
  email: 'settings.channels.emailUnavailable',
};

/**
 * The channels reminders go to, in order: the first that works is used, the next ones are the fallbacks. A channel
 * that cannot work yet (no confirmed number, no confirmed address, no device with notifications on) says why instead
 * of being offered. Push is shown only when the server has it.
 */
export function ChannelChoices({
  value,
  onChange,
  emailConfirmed,
  error,
}: {
  value: readonly string[];
  onChange: (channels: string[]) => void;
  emailConfirmed: boolean;
  error?: string;
}) {
  const { t } = useI18n();
  const id = useId();
  const phones = useQuery(phonesQuery);
  const devices = useQuery({ queryKey: pushKeys.subscriptions, queryFn: ({ signal }) => listSubscriptions(signal) });
  const serverHasPush = devices.isSuccess;
  const offered: Channel[] = serverHasPush ? ['web', 'push', 'sms', 'email'] : ['web', 'sms', 'email'];
  const available: Record<Channel, boolean> = {
    web: true,
    push: (devices.data?.length ?? 0) > 0,
    sms: Array.isArray(phones.data) && phones.data.some((phone) => phone.verified),
    email: emailConfirmed,
  };
  const chosen = value.filter((channel): channel is Channel => channel in channelNames);
  const rows: Channel[] = [...chosen, ...offered.filter((channel) => !chosen.includes(channel))];

  const toggle = (channel: Channel, on: boolean) => {
    onChange(on ? [...chosen, channel] : chosen.filter((c) => c !== channel));
  };
  const moveUp = (index: number) => {
    const next = [...chosen];
    [next[index - 1], next[index]] = [next[index], next[index - 1]] as [Channel, Channel];
    onChange(next);
  };

  return (
    <fieldset aria-describedby={`${id}-intro`}>
      <legend className="text-base font-medium">{t('settings.channels.legend')}</legend>
      <p id={`${id}-intro`} className={`mt-1 ${mutedText}`}>
        {t('settings.channels.intro')}
      </p>
      <ol className="mt-3 flex flex-col gap-2">
        {rows.map((channel) => {
          const position = chosen.indexOf(channel);
          const isChosen = position >= 0;
          const canChoose = available[channel] || isChosen;
          const onlyOne = isChosen && chosen.length === 1;
          const name = t(channelNames[channel]);
          const noteId = `${id}-${channel}-note`;
          const note = !available[channel] && channel !== 'web' ? t(unavailableReasons[channel]) : onlyOne ? t('settings.channels.oneNeeded') : null;
          return (
            <li key={channel} className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-stone-300 px-3 py-2 dark:border-stone-700">
              <div className="flex min-w-0 flex-col">
                <label className="inline-flex min-h-11 items-center gap-3 text-base">
                  <input
                    type="checkbox"
                    className="size-5"
                    checked={isChosen}
                    disabled={!canChoose || onlyOne}
                    aria-describedby={note ? noteId : undefined}
                    onChange={(event) => {
                      toggle(channel, event.target.checked);
                    }}
                  />
                  <span className={isChosen ? 'font-medium' : ''}>{name}</span>
                  {isChosen && chosen.length > 1 && <span className={mutedText}>{t('settings.channels.position', { position: position + 1 })}</span>}
                </label>
                {note && (
                  <p id={noteId} className={`${mutedText} pb-1`}>
                    {note}
                  </p>
                )}
              </div>
              {position > 0 && (
                <button
                  type="button"
                  onClick={() => {
                    moveUp(position);
                  }}
                  className={`${quietButton} px-3`}
                  aria-label={t('settings.channels.moveUp', { channel: name })}
                >
                  <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
                    <path d="M12 19V5M5 12l7-7 7 7" />
                  </svg>
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {error && <p className="mt-2 text-base font-medium text-stone-900 dark:text-stone-100">{error}</p>}
    </fieldset>
  );
}
