import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useAuth } from '../features/auth/AuthProvider';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { CaptureQueueSender } from '../features/pwa/CaptureQueueSender';
import { OfflineBanner } from '../features/pwa/OfflineBanner';
import { DeletionBanner } from '../features/privacy/DeletionBanner';
import { FocusIndicator } from '../features/tasks/FocusIndicator';
import { UpdatePrompt } from '../features/pwa/UpdatePrompt';
import { useI18n, type MessageKey } from '../i18n';
import { NavIcon, type NavIconName } from './NavIcon';

/** The five places a signed-in person goes to; everything else is one level down, under More. */
const destinations: { to: string; label: MessageKey; icon: NavIconName }[] = [
  { to: '/', label: 'nav.today', icon: 'today' },
  { to: '/assistant', label: 'nav.chat', icon: 'chat' },
  { to: '/tasks', label: 'nav.tasks', icon: 'tasks' },
  { to: '/events', label: 'nav.events', icon: 'calendar' },
  { to: '/more', label: 'nav.more', icon: 'more' },
];

/** Pages reached from More: while one is open, More stays the highlighted destination. */
const underMore = ['/more', '/reminders', '/lists', '/notes', '/expenses', '/memories', '/settings', '/simulator', '/status', '/admin'];

function isUnder(pathname: string, to: string): boolean {
  if (to === '/') {
    return pathname === '/';
  }
  if (to === '/more') {
    return underMore.some((section) => pathname === section || pathname.startsWith(`${section}/`));
  }
  return pathname === to || pathname.startsWith(`${to}/`);
}

const focusRing = 'focus-visible:ring-2 focus-visible:ring-teal-700 focus-visible:outline-none dark:focus-visible:ring-teal-300';

/** A destination: icon over label in the phone's bottom bar, side by side in the desktop header. */
const destinationClass = (active: boolean) =>
  [
    // In the phone bar a label keeps its weight when active (the background says so) and sits a little tighter: at
    // 320 to 360 px a fifth of the width is about 62 px, and "Aujourd’hui" in semibold is 72 (it was cut short).
    'flex min-h-14 flex-col items-center justify-center gap-0.5 rounded-lg px-0 text-[0.6875rem] leading-tight font-medium tracking-tight',
    'md:min-h-11 md:flex-row md:gap-2 md:px-3 md:text-base md:tracking-normal',
    'transition-colors motion-reduce:transition-none',
    focusRing,
    active
      ? 'bg-teal-100 text-teal-950 md:font-semibold dark:bg-teal-900 dark:text-teal-50'
      : 'text-stone-700 hover:bg-stone-200 hover:text-stone-950 dark:text-stone-300 dark:hover:bg-stone-800 dark:hover:text-stone-50',
  ].join(' ');

const headerLinkClass = ({ isActive }: { isActive: boolean }) =>
  [
    'inline-flex min-h-11 items-center rounded-lg px-3 text-base font-medium',
    'transition-colors motion-reduce:transition-none',
    focusRing,
    isActive
      ? 'bg-teal-100 text-teal-950 dark:bg-teal-900 dark:text-teal-50'
      : 'text-stone-700 hover:bg-stone-200 hover:text-stone-950 dark:text-stone-300 dark:hover:bg-stone-800 dark:hover:text-stone-50',
  ].join(' ');

export function Layout() {
  const { t } = useI18n();
  const { status, user } = useAuth();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const isFirstRender = useRef(true);
  const signedIn = status === 'signedIn';

  // After a client-side navigation, start keyboard and screen reader users at the new content, as a page load would.
  useEffect(() => {
    if (isFirstRender.current) {
      isFirstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [location.pathname]);

  return (
    // On a phone the bottom bar lies over the end of the page: the page leaves room for it.
    <div className={`flex min-h-dvh flex-col ${signedIn ? 'max-md:pb-[calc(4.5rem+env(safe-area-inset-bottom))]' : ''}`}>
      <a
        href="#main"
        className="sr-only rounded-lg bg-teal-800 font-medium text-white focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:px-4 focus:py-3"
      >
        {t('app.skipToContent')}
      </a>

      <header className="border-b border-stone-200 bg-white/80 dark:border-stone-800 dark:bg-stone-900/80">
        <div className="mx-auto flex max-w-5xl items-center gap-x-4 gap-y-2 px-5 py-3">
          <NavLink
            to="/"
            className={`inline-flex min-h-11 min-w-0 items-center rounded-lg text-lg leading-tight font-semibold tracking-tight text-stone-900 dark:text-stone-50 ${focusRing} ${signedIn ? 'md:max-lg:hidden' : ''}`}
          >
            {t('app.name')}
          </NavLink>
          {signedIn ? (
            <>
              <nav
                aria-label={t('nav.label')}
                className={[
                  'md:ml-auto',
                  // Below `md` the five destinations are a bar fixed at the bottom, above the phone's home indicator.
                  'max-md:fixed max-md:inset-x-0 max-md:bottom-0 max-md:z-40 max-md:border-t max-md:border-stone-200 max-md:bg-white max-md:px-1 max-md:pt-1 max-md:pb-[calc(0.25rem+env(safe-area-inset-bottom))]',
                  'max-md:dark:border-stone-800 max-md:dark:bg-stone-900',
                ].join(' ')}
              >
                <ul className="grid grid-cols-5 gap-0.5 md:flex md:gap-1">
                  {destinations.map(({ to, label, icon }) => (
                    <li key={to}>
                      <NavLink to={to} end={to === '/'} className={() => destinationClass(isUnder(location.pathname, to))}>
                        <NavIcon name={icon} className="size-6 md:size-5 md:max-lg:hidden" />
                        <span className="max-w-full truncate md:px-0.5">{t(label)}</span>
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </nav>
              <div className="ml-auto flex items-center gap-2 md:ml-0">
                <FocusIndicator />
                <NotificationBell />
                <NavLink to="/settings" className={(state) => `${headerLinkClass(state)} max-md:hidden`}>
                  <span className="max-w-40 truncate">{user?.displayName ?? t('nav.settings')}</span>
                </NavLink>
              </div>
            </>
          ) : (
            status === 'signedOut' && (
              <nav aria-label={t('nav.label')} className="ml-auto shrink-0">
                <ul className="flex gap-1">
                  <li>
                    <NavLink to="/login" className={headerLinkClass}>
                      {t('nav.signIn')}
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to="/register" className={headerLinkClass}>
                      {t('nav.signUp')}
                    </NavLink>
                  </li>
                </ul>
              </nav>
            )
          )}
        </div>
      </header>
      <OfflineBanner />
      <DeletionBanner />
      <CaptureQueueSender />
      <UpdatePrompt />

      <main id="main" ref={mainRef} tabIndex={-1} className="mx-auto w-full max-w-3xl flex-1 px-5 py-10 focus:outline-none sm:py-14">
        <Outlet />
      </main>

      <footer className="border-t border-stone-200 dark:border-stone-800">
        <p className="mx-auto max-w-3xl px-5 py-6 text-sm text-stone-600 dark:text-stone-400">{t('footer.text')}</p>
      </footer>
    </div>
  );
}
