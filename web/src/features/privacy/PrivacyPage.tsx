import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n';
import { problemMessage } from '../../ui/form';
import { listFrame, mutedText } from '../../ui/styles';
import { ConsentsSection } from './ConsentsSection';
import { DeleteAccountSection } from './DeleteAccountSection';
import { ExportSection } from './ExportSection';

export const privacySummaryKey = ['privacy', 'summary'] as const;

/**
 * What the instance keeps about the person, for how long, and where their words go; then what they agreed to, taking
 * everything away, and deleting the account. The facts come from the server, as configured (issue 20).
 */
export function PrivacyPage() {
  const { t } = useI18n();
  const summary = useQuery({ queryKey: privacySummaryKey, queryFn: ({ signal }) => unwrap(api.GET('/api/v1/users/me/privacy', { signal })) });
  return (
    <section aria-labelledby="privacy-title">
      <title>{`${t('privacy.title')} · ${t('app.name')}`}</title>
      <h1 id="privacy-title" className="text-3xl font-semibold tracking-tight">
        {t('privacy.title')}
      </h1>
      <p className="mt-4 text-lg text-stone-700 dark:text-stone-300">{t('privacy.intro')}</p>
      {summary.isPending ? (
        <p className="mt-6">{t('privacy.loading')}</p>
      ) : summary.isError ? (
        <p className="mt-6">{problemMessage(summary.error, t('privacy.error'))}</p>
      ) : (
        <>
          <Stored stored={summary.data.stored} />
          <Services services={summary.data.services} />
          <Retention retention={summary.data.retention} exportHours={Number(summary.data.exportHoursAvailable)} />
        </>
      )}
      <ConsentsSection />
      <ExportSection hours={summary.data ? Number(summary.data.exportHoursAvailable) : null} />
      <DeleteAccountSection graceDays={summary.data ? Number(summary.data.deletionGraceDays) : null} />
    </section>
  );
}

type Summary = components['schemas']['PrivacySummaryResponse'];

function Stored({ stored }: { stored: Summary['stored'] }) {
  const { t, language } = useI18n();
  const number = new Intl.NumberFormat(language);
  // The most first: where most of the person's life is.
  const held = stored.filter((kind) => Number(kind.count) > 0).sort((a, b) => Number(b.count) - Number(a.count) || a.label.localeCompare(b.label, language));
  return (
    <section aria-labelledby="privacy-stored" className="mt-10">
      <h2 id="privacy-stored" className="text-2xl font-semibold tracking-tight">
        {t('privacy.stored.title')}
      </h2>
      <p className="mt-2 text-base text-stone-700 dark:text-stone-300">{t('privacy.stored.intro')}</p>
      <table className="mt-4 w-full max-w-xl text-left text-base">
        <caption className="sr-only">{t('privacy.stored.title')}</caption>
        <thead>
          <tr className="border-b border-stone-300 dark:border-stone-700">
            <th scope="col" className="py-2 pr-4 font-semibold">
              {t('privacy.stored.kind')}
            </th>
            <th scope="col" className="py-2 text-right font-semibold">
              {t('privacy.stored.count')}
            </th>
          </tr>
        </thead>
        <tbody>
          {held.map((kind) => (
            <tr key={kind.file} className="border-b border-stone-200 dark:border-stone-800">
              <th scope="row" className="py-2 pr-4 font-normal">
                {kind.label}
              </th>
              <td className="py-2 text-right tabular-nums">{number.format(Number(kind.count))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {held.length < stored.length && (
        <p className={`mt-3 ${mutedText}`}>
          {t('privacy.stored.nothingElse', { kinds: stored.filter((kind) => Number(kind.count) === 0).map((kind) => kind.label.toLowerCase()).join(', ') })}
        </p>
      )}
    </section>
  );
}

function Services({ services }: { services: Summary['services'] }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="privacy-services" className="mt-10">
      <h2 id="privacy-services" className="text-2xl font-semibold tracking-tight">
        {t('privacy.services.title')}
      </h2>
      <ul className={`mt-4 ${listFrame}`}>
        {services.map((service) => (
          <li key={service.kind} className="flex flex-col gap-1 px-5 py-4">
            <p className="font-medium">
              {t(serviceLabel[service.kind] ?? 'privacy.services.other')}
              <span className="ml-2 rounded-full bg-stone-100 px-2 py-0.5 text-sm font-normal text-stone-800 dark:bg-stone-800 dark:text-stone-100">
                {service.leavesServer ? t('privacy.services.leaves') : t('privacy.services.stays')}
              </span>
            </p>
            <p className="text-base text-stone-700 dark:text-stone-300">{service.description}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

const serviceLabel: Record<string, 'privacy.services.sms' | 'privacy.services.email' | 'privacy.services.model' | 'privacy.services.push'> = {
  sms: 'privacy.services.sms',
  email: 'privacy.services.email',
  model: 'privacy.services.model',
  push: 'privacy.services.push',
};

function Retention({ retention, exportHours }: { retention: Summary['retention']; exportHours: number }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="privacy-retention" className="mt-10">
      <h2 id="privacy-retention" className="text-2xl font-semibold tracking-tight">
        {t('privacy.retention.title')}
      </h2>
      <p className="mt-2 text-base text-stone-700 dark:text-stone-300">{t('privacy.retention.intro')}</p>
      <ul className={`mt-4 ${listFrame}`}>
        {retention.map((kind) => {
          const days = Number(kind.days);
          return (
            <li key={kind.kind} className="flex flex-wrap items-baseline justify-between gap-2 px-5 py-3">
              <span>{kind.label}</span>
              <span className="font-medium">{days === 0 ? t('privacy.retention.forGood') : t(days === 1 ? 'privacy.retention.days.one' : 'privacy.retention.days.many', { count: days })}</span>
            </li>
          );
        })}
      </ul>
      <p className={`mt-3 ${mutedText}`}>{t('privacy.retention.exports', { hours: exportHours })}</p>
    </section>
  );
}
