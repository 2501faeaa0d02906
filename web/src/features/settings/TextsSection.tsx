import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { formatDate, todayIn } from '../../ui/dates';
import { emptyState, mutedText } from '../../ui/styles';
import { useTimeZone } from '../../ui/timeZone';
import { problemMessage } from '../../ui/form';
import type { SmsUsage } from '../sms/usage';

/** How many of the latest days with texts the list shows. */
const recentDays = 7;

/** The native progress bar in the app's calm colours: teal on stone, never red, whatever the value. */
const progressClass =
  'h-3 w-full overflow-hidden rounded-full bg-stone-200 [&::-moz-progress-bar]:bg-teal-700 [&::-webkit-progress-bar]:bg-stone-200 [&::-webkit-progress-value]:bg-teal-700 dark:bg-stone-700 dark:[&::-moz-progress-bar]:bg-teal-400 dark:[&::-webkit-progress-bar]:bg-stone-700 dark:[&::-webkit-progress-value]:bg-teal-400';

/** My texts this month: in and out, segments, how much of my allowance is used, and the latest days with texts. */
export function TextsSection() {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const today = todayIn(timeZone);
  const from = `${today.slice(0, 8)}01`;
  const usage = useQuery({
    queryKey: ['sms-usage', from, today],
    queryFn: async ({ signal }) =>
      // The document types only the CSV form of this route (see ../sms/usage.ts); the JSON one is SmsUsage.
      (await unwrap(api.GET('/api/v1/sms/usage', { params: { query: { from, to: today } }, signal }))) as unknown as SmsUsage,
  });

  return (
    <section aria-labelledby="texts-title" className="mt-10">
      <h2 id="texts-title" className="text-2xl font-semibold tracking-tight">
        {t('settings.texts.title')}
      </h2>
      <p className="mt-2 text-base text-stone-700 dark:text-stone-300">{t('settings.texts.intro')}</p>
      <div className="mt-4 flex flex-col gap-4">
        {usage.isPending ? (
          <p role="status">{t('settings.loading')}</p>
        ) : usage.isError ? (
          <p role="alert">{problemMessage(usage.error, t('settings.error'))}</p>
        ) : (
          <TextsSummary usage={usage.data} language={language} />
        )}
      </div>
    </section>
  );
}

function TextsSummary({ usage, language }: { usage: SmsUsage; language: string }) {
  const { t } = useI18n();
  const { totals, allowance } = usage;
  const number = (value: number) => new Intl.NumberFormat(language).format(value);
  const days = usage.days
    .filter((day) => day.messagesIn + day.messagesOut > 0)
    .slice(-recentDays)
    .reverse();
  const none = totals.messagesIn + totals.messagesOut === 0;

  return (
    <>
      {none ? (
        <p className={emptyState}>{t('settings.texts.empty')}</p>
      ) : (
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-2xl border border-stone-200 bg-white p-5 text-base dark:border-stone-800 dark:bg-stone-900">
          <dt className="font-medium">{t('settings.texts.fromYou')}</dt>
          <dd>{number(totals.messagesIn)}</dd>
          <dt className="font-medium">{t('settings.texts.fromAssistant')}</dt>
          <dd>{number(totals.messagesOut)}</dd>
          <dt className="font-medium">{t('settings.texts.segments')}</dt>
          <dd>{number(totals.segmentsIn + totals.segmentsOut)}</dd>
        </dl>
      )}

      <h3 className="mt-2 text-xl font-semibold">{t('settings.texts.allowanceTitle')}</h3>
      {allowance.unlimited ? (
        <p>{t('settings.texts.unlimited')}</p>
      ) : (
        <div className="flex flex-col gap-4">
          {allowance.daily !== null && (
            <AllowanceBar
              sentence={t('settings.texts.today', { used: number(allowance.usedToday), limit: number(allowance.daily) })}
              usedUp={allowance.leftToday !== null && allowance.leftToday <= 0 ? t('settings.texts.todayUsedUp') : null}
              used={allowance.usedToday}
              limit={allowance.daily}
            />
          )}
          {allowance.monthly !== null && (
            <AllowanceBar
              sentence={t('settings.texts.month', { used: number(allowance.usedThisMonth), limit: number(allowance.monthly) })}
              usedUp={allowance.leftThisMonth !== null && allowance.leftThisMonth <= 0 ? t('settings.texts.monthUsedUp') : null}
              used={allowance.usedThisMonth}
              limit={allowance.monthly}
            />
          )}
          <p className={mutedText}>{t('settings.texts.segmentsHint')}</p>
        </div>
      )}

      {days.length > 0 && (
        <table className="mt-2 w-full border-collapse text-left text-base">
          <caption className="mb-2 text-left text-xl font-semibold">{t('settings.texts.days')}</caption>
          <thead>
            <tr className="border-b border-stone-300 dark:border-stone-700">
              <th scope="col" className="py-2 pr-4 font-medium">
                {t('settings.texts.day')}
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                {t('settings.texts.fromYou')}
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                {t('settings.texts.fromAssistant')}
              </th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.date} className="border-b border-stone-200 dark:border-stone-800">
                <th scope="row" className="py-2 pr-4 font-normal">
                  {formatDate(language, day.date)}
                </th>
                <td className="py-2 pr-4">{number(day.messagesIn)}</td>
                <td className="py-2 pr-4">{number(day.messagesOut)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function AllowanceBar({ sentence, usedUp, used, limit }: { sentence: string; usedUp: string | null; used: number; limit: number }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-2">
      <p id={id}>{sentence}</p>
      <progress aria-labelledby={id} max={Math.max(limit, 1)} value={Math.min(used, Math.max(limit, 1))} className={progressClass} />
      {usedUp && <p>{usedUp}</p>}
    </div>
  );
}
