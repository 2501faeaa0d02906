import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useI18n } from '../../i18n';
import { useAuth } from './AuthProvider';

/** Shows its children to a signed-in person; otherwise sends them to sign in and back here afterwards. */
export function RequireAuth({ children, role }: { children: ReactNode; role?: 'administrator' }) {
  const { status, isAdministrator } = useAuth();
  const { t } = useI18n();
  const location = useLocation();

  if (status === 'loading') {
    return (
      <p role="status" className="text-lg text-stone-700 dark:text-stone-300">
        {t('auth.checking')}
      </p>
    );
  }
  if (status === 'signedOut') {
    return <Navigate to={`/login?from=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  if (role === 'administrator' && !isAdministrator) {
    return <p className="text-lg text-stone-700 dark:text-stone-300">{t('auth.adminOnly')}</p>;
  }
  return children;
}
