import { useI18n } from '../../i18n';
import { PushSection } from '../push/PushSection';
import { PhoneNumbersSection } from './PhoneNumbersSection';
import { PreferencesSection } from './PreferencesSection';
import { ProfileSection } from './ProfileSection';
import { SecuritySection } from './SecuritySection';
import { TextsSection } from './TextsSection';
import { TwoStepSection } from './TwoStepSection';

export function SettingsPage() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="settings-title">
      <title>{`${t('settings.title')} · ${t('app.name')}`}</title>
      <h1 id="settings-title" className="text-3xl font-semibold tracking-tight">
        {t('settings.title')}
      </h1>
      <ProfileSection />
      <SecuritySection />
      <TwoStepSection />
      <PhoneNumbersSection />
      <TextsSection />
      <PreferencesSection />
      <PushSection />
    </section>
  );
}
