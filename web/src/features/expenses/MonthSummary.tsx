import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useI18n } from '../../i18n';
import { mutedText } from '../../ui/styles';
import { problemMessage } from '../../ui/form';
import { categoryName, formatMoney, summaryQuery } from './expenses';

/** A month's totals by category, then per currency. */
export function MonthSummary({ month }: { month: string }) {
  const { t, language } = useI18n();
  const titleId = useId();
  const summary = useQuery(summaryQuery(month));

  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-3">
      <h3 id={titleId} className="text-xl font-semibold tracking-tight">
        {t('expenses.summary')}
      </h3>
      {summary.isPending ? (
        <p className={mutedText}>{t('common.loading')}</p>
      ) : summary.isError ? (
        <p>{problemMessage(summary.error, t('expenses.error.load'))}</p>
      ) : summary.data.byCategory.length === 0 ? (
        <p className={mutedText}>{t('expenses.summary.none')}</p>
      ) : (
        <table className="w-full text-left text-base">
          <caption className="sr-only">{t('expenses.summary')}</caption>
          <thead>
            <tr className="border-b border-stone-200 dark:border-stone-800">
              <th scope="col" className="py-2 font-medium">
                {t('expenses.field.category')}
              </th>
              <th scope="col" className="py-2 text-right font-medium">
                {t('expenses.summary.count')}
              </th>
              <th scope="col" className="py-2 text-right font-medium">
                {t('expenses.summary.total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.data.byCategory.map((row) => (
              <tr key={`${row.category}-${row.currency}`} className="border-b border-stone-100 dark:border-stone-900">
                <th scope="row" className="py-2 font-normal">
                  {categoryName(t, row.category)}
                </th>
                <td className="py-2 text-right">{row.count}</td>
                <td className="py-2 text-right">{formatMoney(language, row.total, row.currency)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            {summary.data.totals.map((total) => (
              <tr key={total.currency}>
                <th scope="row" colSpan={2} className="py-2 font-semibold">
                  {t('expenses.summary.all')}
                </th>
                <td className="py-2 text-right font-semibold">{formatMoney(language, total.total, total.currency)}</td>
              </tr>
            ))}
          </tfoot>
        </table>
      )}
    </section>
  );
}
