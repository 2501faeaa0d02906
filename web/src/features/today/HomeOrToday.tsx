import { useI18n } from '../../i18n';
import { useAuth } from '../auth/AuthProvider';
import { HomePage } from '../home/HomePage';
import { TodayPage } from './TodayPage';

/** `/`: the day for a signed-in person, the landing page for everyone else. */
export function HomeOrToday() {
  const { status } = useAuth();
  const { t } = useI18n();
  if (status === 'loading') {
    return (
      <p role="status" className="text-lg text-stone-700 dark:text-stone-300">
        {t('auth.checking')}
      </p>
    );
  }
  return status === 'signedIn' ? <TodayPage /> : <HomePage />;
}
