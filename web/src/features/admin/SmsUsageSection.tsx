import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { formatDate } from '../../ui/dates';
import { quietButton } from '../../ui/styles';
import { FormAlert, problemMessage } from '../../ui/form';
import type { SmsAdminUsage, SmsUsageTotals } from '../sms/usage';

/** The instance's texts over the last 30 days: per person, number and country, delivery, errors and cost by month. */
export function SmsUsageSection() {
  const { t, language } = useI18n();
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const usage = useQuery({
    queryKey: ['admin', 'sms', 'usage'],
    queryFn: async ({ signal }) =>
      // The JSON form of the answer (see ../sms/usage.ts for why it is typed by hand).
      (await unwrap(api.GET('/api/v1/admin/sms/usage', { signal }))) as unknown as SmsAdminUsage,
  });

  async function download(from: string, to: string) {
    setDownloadError(null);
    try {
      // Through the API client, so the request carries the access token like every other call.
      const csv = await unwrap(api.GET('/api/v1/admin/sms/usage', { params: { query: { from, to, format: 'csv' } }, parseAs: 'text' }));
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `sms-usage-${from}-${to}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => {
        URL.revokeObjectURL(url);
      }, 0);
    } catch (failure) {
      setDownloadError(problemMessage(failure, t('smsAdmin.usage.downloadFailed')));
    }
  }

  return (
    <section id="sms-usage" aria-labelledby="sms-usage-title" className="mt-10">
      <h2 id="sms-usage-title" className="text-2xl font-semibold tracking-tight">
        {t('smsAdmin.usage.title')}
      </h2>
      <div className="mt-4 flex flex-col gap-6">
        {usage.isPending ? (
          <p role="status">{t('settings.loading')}</p>
        ) : usage.isError ? (
          <p role="alert">{problemMessage(usage.error, t('settings.error'))}</p>
        ) : (
          <>
            <div className="flex flex-wrap items-center justify-between gap-3">
              <p className="text-base text-stone-700 dark:text-stone-300">
                {t('smsAdmin.usage.range', {
                  from: formatDate(language, usage.data.from, { dateStyle: 'medium' }),
                  to: formatDate(language, usage.data.to, { dateStyle: 'medium' }),
                })}
              </p>
              <button type="button" className={quietButton} onClick={() => void download(usage.data.from, usage.data.to)}>
                {t('smsAdmin.usage.download')}
              </button>
            </div>
            <FormAlert message={downloadError} />
            <UsageTables usage={usage.data} />
          </>
        )}
      </div>
    </section>
  );
}

function UsageTables({ usage }: { usage: SmsAdminUsage }) {
  const { t, language } = useI18n();
  const number = (value: number) => new Intl.NumberFormat(language).format(value);
  const money = (value: number) => new Intl.NumberFormat(language, { style: 'currency', currency: usage.currency }).format(value);
  const countries = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
  const countryName = (code: string) => (code === 'ZZ' ? t('smsAdmin.usage.unknownCountry') : (countries.of(code) ?? code));
  const usageHeaders = [t('smsAdmin.usage.in'), t('smsAdmin.usage.out'), t('smsAdmin.usage.segments'), t('smsAdmin.usage.cost')];
  const usageCells = (totals: SmsUsageTotals) => [
    number(totals.messagesIn),
    number(totals.messagesOut),
    number(totals.segmentsIn + totals.segmentsOut),
    money(totals.estimatedCost),
  ];
  const { delivery } = usage;

  return (
    <>
      <UsageTable caption={t('smsAdmin.usage.totals')} headers={['', ...usageHeaders]} rows={[[t('smsAdmin.usage.total'), ...usageCells(usage.totals)]]} />
      <UsageTable
        caption={t('smsAdmin.usage.people')}
        headers={[t('smsAdmin.usage.person'), ...usageHeaders]}
        rows={usage.people.map((person) => [person.email ?? t('smsAdmin.usage.unknownAccount', { id: person.userId }), ...usageCells(person.usage)])}
      />
      <UsageTable
        caption={t('smsAdmin.usage.numbers')}
        headers={[t('smsAdmin.usage.number'), ...usageHeaders]}
        rows={usage.numbers.map((row) => [
          row.number === 'messaging-service' ? t('smsAdmin.usage.messagingService') : row.number,
          ...usageCells(row.usage),
        ])}
      />
      <UsageTable
        caption={t('smsAdmin.usage.countries')}
        headers={[t('smsAdmin.usage.country'), ...usageHeaders]}
        rows={usage.countries.map((row) => [countryName(row.country), ...usageCells(row.usage)])}
      />
      <UsageTable
        caption={t('smsAdmin.usage.delivery')}
        headers={[t('smsAdmin.usage.outbound'), t('smsAdmin.usage.final'), t('smsAdmin.usage.delivered'), t('smsAdmin.usage.successRate')]}
        rows={[
          [
            number(delivery.outbound),
            number(delivery.final),
            number(delivery.delivered),
            delivery.successRate === null
              ? t('smsAdmin.usage.notYet')
              : new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(delivery.successRate),
          ],
        ]}
        rowHeaders={false}
      />
      <UsageTable
        caption={t('smsAdmin.usage.errors')}
        headers={[t('smsAdmin.usage.code'), t('smsAdmin.usage.count')]}
        rows={usage.topErrors.map((error) => [String(error.errorCode), number(error.count)])}
      />
      <UsageTable
        caption={t('smsAdmin.usage.months')}
        headers={[t('smsAdmin.usage.month'), t('smsAdmin.usage.messagesCost'), t('smsAdmin.usage.rentedNumbers'), t('smsAdmin.usage.rental'), t('smsAdmin.usage.total')]}
        rows={usage.months.map((month) => [
          formatDate(language, `${month.month}-01`, { month: 'long', year: 'numeric' }),
          money(month.messagesCost),
          number(month.numbers),
          money(month.numberRental),
          money(month.total),
        ])}
      />
    </>
  );
}

/** A captioned table whose first cell of each row names it (unless `rowHeaders` is false); a calm row when empty. */
function UsageTable({ caption, headers, rows, rowHeaders = true }: { caption: string; headers: string[]; rows: ReactNode[][]; rowHeaders?: boolean }) {
  const { t } = useI18n();
  const cell = 'py-2 pr-4 align-top';
  return (
    // On a narrow screen a table scrolls sideways: its frame takes the keyboard focus so arrows can scroll it too.
    <div
      role="region"
      aria-label={caption}
      tabIndex={0}
      className="overflow-x-auto rounded-lg focus-visible:ring-2 focus-visible:ring-teal-700 focus-visible:ring-offset-2 focus-visible:outline-none"
    >
      {/* Figures, numbers and addresses stay on one line; a narrow screen scrolls the table instead. */}
      <table className="w-full border-collapse text-left text-base whitespace-nowrap">
        <caption className="mb-2 text-left text-xl font-semibold whitespace-normal">{caption}</caption>
        <thead>
          <tr className="border-b border-stone-300 dark:border-stone-700">
            {headers.map((header, index) =>
              header === '' ? (
                <td key={index} className={cell} />
              ) : (
                <th key={index} scope="col" className={`${cell} font-medium ${index > 0 || !rowHeaders ? 'text-right' : ''}`}>
                  {header}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={headers.length} className={`${cell} text-stone-700 dark:text-stone-300`}>
                {t('smsAdmin.usage.none')}
              </td>
            </tr>
          ) : (
            rows.map((row, rowIndex) => (
              <tr key={rowIndex} className="border-b border-stone-200 dark:border-stone-800">
                {row.map((value, index) =>
                  index === 0 && rowHeaders ? (
                    <th key={index} scope="row" className={`${cell} font-normal`}>
                      {value}
                    </th>
                  ) : (
                    <td key={index} className={`${cell} ${index > 0 || !rowHeaders ? 'text-right' : ''} tabular-nums`}>
                      {value}
                    </td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
