import { lazy, Suspense } from 'react';
import { useI18n } from '../../i18n';
import { useAuth } from '../auth/AuthProvider';
import { HomePage } from '../home/HomePage';

// The day is the app's code: fetched once someone is signed in, so the landing page loads without it.
const TodayPage = lazy(async () => ({ default: (await import('./TodayPage')).TodayPage }));

/** `/`: the day for a signed-in person, the landing page for everyone else. */
export function HomeOrToday() {
  const { status } = useAuth();
  const { t } = useI18n();
  const waiting = (
    <p role="status" className="text-lg text-stone-700 dark:text-stone-300">
      {t(status === 'loading' ? 'auth.checking' : 'common.loading')}
    </p>
  );
  if (status === 'loading') {
    return waiting;
  }
  return status === 'signedIn' ? (
    <Suspense fallback={waiting}>
      <TodayPage />
    </Suspense>
  ) : (
    <HomePage />
  );
}
