import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useAuth } from '../features/auth/AuthProvider';
import { useI18n, type MessageKey } from '../i18n';

/** The person's own things, assistant first. */
const signedInLinks: [string, MessageKey][] = [
  ['/assistant', 'nav.assistant'],
  ['/tasks', 'nav.tasks'],
  ['/reminders', 'nav.reminders'],
  ['/events', 'nav.events'],
  ['/lists', 'nav.lists'],
  ['/notes', 'nav.notes'],
  ['/expenses', 'nav.expenses'],
  ['/memories', 'nav.memories'],
];

const navLinkClass = ({ isActive }: { isActive: boolean }) =>
  [
    'inline-flex min-h-11 items-center rounded-lg px-4 text-base font-medium',
    'transition-colors motion-reduce:transition-none',
    isActive
      ? 'bg-teal-100 text-teal-950 dark:bg-teal-900 dark:text-teal-50'
      : 'text-stone-700 hover:bg-stone-200 hover:text-stone-950 dark:text-stone-300 dark:hover:bg-stone-800 dark:hover:text-stone-50',
  ].join(' ');

export function Layout() {
  const { t } = useI18n();
  const { status, user, isAdministrator, signOut } = useAuth();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const isFirstRender = useRef(true);

  // After a client-side navigation, start keyboard and screen reader users at the new content, as a page load would.
  useEffect(() => {
    if (isFirstRender.current) {
      isFirstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [location.pathname]);

  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only rounded-lg bg-teal-800 font-medium text-white focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:px-4 focus:py-3"
      >
        {t('app.skipToContent')}
      </a>

      <header className="border-b border-stone-200 bg-white/80 dark:border-stone-800 dark:bg-stone-900/80">
        <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-5 py-3">
          <NavLink
            to="/"
            className="inline-flex min-h-11 items-center rounded-lg text-lg font-semibold tracking-tight text-stone-900 dark:text-stone-50"
          >
            {t('app.name')}
          </NavLink>
          <nav aria-label={t('nav.label')}>
            <ul className="flex flex-wrap gap-1">
              {status === 'signedIn' &&
                signedInLinks.map(([to, key]) => (
                  <li key={to}>
                    <NavLink to={to} className={navLinkClass}>
                      {t(key)}
                    </NavLink>
                  </li>
                ))}
              <li>
                <NavLink to="/" end className={navLinkClass}>
                  {t('nav.home')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/status" className={navLinkClass}>
                  {t('nav.status')}
                </NavLink>
              </li>
              {status === 'signedIn' && isAdministrator && (
                <li>
                  <NavLink to="/admin/outbox" className={navLinkClass}>
                    {t('nav.outbox')}
                  </NavLink>
                </li>
              )}
              {status === 'signedIn' ? (
                <>
                  <li>
                    <NavLink to="/settings" className={navLinkClass}>
                      {user?.displayName ?? t('nav.settings')}
                    </NavLink>
                  </li>
                  <li>
                    <button type="button" onClick={() => void signOut()} className={navLinkClass({ isActive: false })}>
                      {t('nav.signOut')}
                    </button>
                  </li>
                </>
              ) : (
                status === 'signedOut' && (
                  <li>
                    <NavLink to="/login" className={navLinkClass}>
                      {t('nav.signIn')}
                    </NavLink>
                  </li>
                )
              )}
            </ul>
          </nav>
        </div>
      </header>

      <main id="main" ref={mainRef} tabIndex={-1} className="mx-auto w-full max-w-3xl flex-1 px-5 py-10 focus:outline-none sm:py-14">
        <Outlet />
      </main>

      <footer className="border-t border-stone-200 dark:border-stone-800">
        <p className="mx-auto max-w-3xl px-5 py-6 text-sm text-stone-600 dark:text-stone-400">{t('footer.text')}</p>
      </footer>
    </div>
  );
}
