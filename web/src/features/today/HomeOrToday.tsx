import { lazy, Suspense, useEffect } from 'react';
import { useI18n } from '../../i18n';
import { useAuth } from '../auth/AuthProvider';
import { hasSignInHint } from '../auth/session';
import { HomePage } from '../home/HomePage';

// The day is the app's code: fetched for someone signed in (while their session is being restored, so both travel
// at once), so the landing page loads without it.
const loadToday = async () => ({ default: (await import('./TodayPage')).TodayPage });
const TodayPage = lazy(loadToday);

/** `/`: the day for a signed-in person, the landing page for everyone else. */
export function HomeOrToday() {
  const { status } = useAuth();
  const { t } = useI18n();
  useEffect(() => {
    if (status === 'loading' && hasSignInHint()) {
      void loadToday();
    }
  }, [status]);
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
