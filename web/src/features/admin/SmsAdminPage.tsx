import { useI18n } from '../../i18n';
import { AdminNav } from './AdminNav';
import { SmsAllowancesSection } from './SmsAllowancesSection';
import { SmsNumbersSection } from './SmsNumbersSection';
import { SmsUsageSection } from './SmsUsageSection';

/** Administration → Texts: the instance's usage and costs, the allowances per role, and its numbers. */
export function SmsAdminPage() {
  const { t } = useI18n();
  const link = 'text-base font-medium text-teal-800 underline dark:text-teal-300';
  return (
    <section aria-labelledby="sms-admin-title">
      <title>{`${t('smsAdmin.title')} · ${t('app.name')}`}</title>
      <AdminNav />
      <h1 id="sms-admin-title" className="text-3xl font-semibold tracking-tight">
        {t('smsAdmin.title')}
      </h1>
      <p className="mt-4 text-lg text-stone-700 dark:text-stone-300">{t('smsAdmin.intro')}</p>
      <nav aria-label={t('smsAdmin.onThisPage')} className="mt-4">
        <ul className="flex flex-wrap gap-x-6 gap-y-2">
          <li>
            <a href="#sms-usage" className={link}>
              {t('smsAdmin.usage.title')}
            </a>
          </li>
          <li>
            <a href="#sms-allowances" className={link}>
              {t('smsAdmin.allowances.title')}
            </a>
          </li>
          <li>
            <a href="#sms-numbers" className={link}>
              {t('smsAdmin.numbers.title')}
            </a>
          </li>
        </ul>
      </nav>
      <SmsUsageSection />
      <SmsAllowancesSection />
      <SmsNumbersSection />
    </section>
  );
}
