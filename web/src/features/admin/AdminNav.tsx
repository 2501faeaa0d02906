import { NavLink } from 'react-router';
import { useI18n, type MessageKey } from '../../i18n';

const pages: [string, MessageKey][] = [
  ['/admin/users', 'adminUsers.title'],
  ['/admin/audit', 'adminAudit.title'],
  ['/admin/sms', 'admin.nav.sms'],
  ['/admin/outbox', 'outbox.title'],
];

/** The administration pages, one header link away: a small sub-navigation at the top of each. */
export function AdminNav() {
  const { t } = useI18n();
  return (
    <nav aria-label={t('admin.nav.label')} className="mb-8">
      <ul className="flex flex-wrap gap-2">
        {pages.map(([to, key]) => (
          <li key={to}>
            <NavLink
              to={to}
              className={({ isActive }) =>
                [
                  'inline-flex min-h-11 items-center rounded-lg border px-4 text-base',
                  'focus-visible:ring-2 focus-visible:ring-teal-700 focus-visible:ring-offset-2 focus-visible:outline-none',
                  isActive
                    ? 'border-teal-800 bg-teal-100 font-semibold text-teal-950 dark:border-teal-300 dark:bg-teal-900 dark:text-teal-50'
                    : 'border-stone-300 font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800',
                ].join(' ')
              }
            >
              {t(key)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
