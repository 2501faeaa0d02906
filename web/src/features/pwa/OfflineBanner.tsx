import { useI18n } from '../../i18n';
import { useAuth } from '../auth/AuthProvider';
import { useOnline } from './online';

/** A calm line at the top while the app shows what was saved: offline, or started without reaching the server. */
export function OfflineBanner() {
  const { t } = useI18n();
  const { offline } = useAuth();
  const online = useOnline();
  if (online && !offline) {
    return null;
  }
  return (
    <p role="status" className="border-b border-amber-200 bg-amber-50 px-5 py-3 text-center text-base text-stone-900 dark:border-amber-900 dark:bg-stone-900 dark:text-amber-100">
      {t('pwa.offline')}
    </p>
  );
}
