import { useEffect, useId, useRef, useState, type FocusEvent, type MouseEvent } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useAuth } from '../features/auth/AuthProvider';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { useI18n, type MessageKey } from '../i18n';
import { quietButton } from '../ui/styles';

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
    'inline-flex min-h-11 items-center rounded-lg px-4 text-base font-medium max-md:w-full',
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
  const navRef = useRef<HTMLElement>(null);
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const menuId = useId();
  const isFirstRender = useRef(true);
  // Below `md` the links fold into a menu. It belongs to the page it was opened on, so any navigation closes it.
  const [menuOpenOn, setMenuOpenOn] = useState<string | null>(null);
  const menuOpen = menuOpenOn === location.pathname;

  // After a client-side navigation, start keyboard and screen reader users at the new content, as a page load would.
  useEffect(() => {
    if (isFirstRender.current) {
      isFirstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [location.pathname]);

  // An opened menu takes the focus on its first item; Escape or a tap outside closes it.
  useEffect(() => {
    if (!menuOpen) {
      return;
    }
    menuRef.current?.querySelector<HTMLElement>('a, button')?.focus();
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setMenuOpenOn(null);
        menuButtonRef.current?.focus();
      }
    };
    const closeOnOutsidePointer = (event: PointerEvent) => {
      if (!(event.target instanceof Node && navRef.current?.contains(event.target))) {
        setMenuOpenOn(null);
      }
    };
    document.addEventListener('keydown', closeOnEscape);
    document.addEventListener('pointerdown', closeOnOutsidePointer);
    return () => {
      document.removeEventListener('keydown', closeOnEscape);
      document.removeEventListener('pointerdown', closeOnOutsidePointer);
    };
  }, [menuOpen]);

  // Choosing an item closes the menu; the keyboard continues in the content (as after any navigation), not on a hidden link.
  function closeOnChoice(event: MouseEvent<HTMLUListElement>) {
    if (menuOpen && event.target instanceof Element && event.target.closest('a, button')) {
      setMenuOpenOn(null);
      mainRef.current?.focus();
    }
  }

  // Tabbing out of an open menu closes it, so it never covers the content the focus went to.
  function closeOnFocusLeaving(event: FocusEvent<HTMLElement>) {
    if (menuOpen && event.relatedTarget instanceof Node && !event.currentTarget.contains(event.relatedTarget)) {
      setMenuOpenOn(null);
    }
  }

  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only rounded-lg bg-teal-800 font-medium text-white focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:px-4 focus:py-3"
      >
        {t('app.skipToContent')}
      </a>

      <header className="relative border-b border-stone-200 bg-white/80 dark:border-stone-800 dark:bg-stone-900/80">
        <div className="mx-auto flex max-w-3xl items-center justify-between gap-x-4 gap-y-2 px-5 py-3 md:flex-wrap md:gap-x-6">
          <NavLink
            to="/"
            className="inline-flex min-h-11 min-w-0 items-center rounded-lg text-lg leading-tight font-semibold tracking-tight text-stone-900 dark:text-stone-50"
          >
            {t('app.name')}
          </NavLink>
          {status === 'signedIn' && (
            <div className="ml-auto">
              <NotificationBell />
            </div>
          )}
          <nav aria-label={t('nav.label')} ref={navRef} onBlur={closeOnFocusLeaving} className="max-md:shrink-0">
            <button
              ref={menuButtonRef}
              type="button"
              aria-expanded={menuOpen}
              aria-controls={menuId}
              onClick={() => {
                setMenuOpenOn(menuOpen ? null : location.pathname);
              }}
              className={`${quietButton} gap-2 md:hidden`}
            >
              <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
                {menuOpen ? <path d="M6 6l12 12M18 6L6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}
              </svg>
              {t('nav.menu')}
            </button>
            <ul
              id={menuId}
              ref={menuRef}
              onClick={closeOnChoice}
              className={[
                menuOpen ? 'flex' : 'hidden',
                'gap-1 md:flex md:flex-wrap',
                // On a phone the open menu lies over the content under the header: opening it moves nothing on the page.
                'max-md:absolute max-md:inset-x-0 max-md:top-full max-md:z-40 max-md:flex-col max-md:border-b max-md:border-stone-200 max-md:bg-white max-md:px-5 max-md:py-3 max-md:shadow-lg',
                'max-md:dark:border-stone-800 max-md:dark:bg-stone-900',
              ].join(' ')}
            >
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
                  {/* One entry for every administration page; the pages link to each other. */}
                  <NavLink to="/admin/sms" className={() => navLinkClass({ isActive: location.pathname.startsWith('/admin/') })}>
                    {t('nav.admin')}
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
