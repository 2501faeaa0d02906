import { useId } from 'react';
import { Link } from 'react-router';
import { InstallSection } from '../pwa/InstallSection';
import { useI18n, type MessageKey } from '../../i18n';
import { useAuth } from '../auth/AuthProvider';

interface Place {
  to: string;
  label: MessageKey;
  hint: MessageKey;
}

/** What is one level down from the five destinations, in the order people reach for it. */
const places: Place[] = [
  { to: '/reminders', label: 'nav.reminders', hint: 'more.reminders.hint' },
  { to: '/lists', label: 'nav.lists', hint: 'more.lists.hint' },
  { to: '/notes', label: 'nav.notes', hint: 'more.notes.hint' },
  { to: '/expenses', label: 'nav.expenses', hint: 'more.expenses.hint' },
  { to: '/memories', label: 'nav.memories', hint: 'more.memories.hint' },
  { to: '/settings', label: 'nav.settings', hint: 'more.settings.hint' },
  { to: '/privacy', label: 'nav.privacy', hint: 'more.privacy.hint' },
  // The simulator page says so kindly when a real SMS provider is connected and it is off.
  { to: '/simulator', label: 'more.simulator', hint: 'more.simulator.hint' },
  { to: '/status', label: 'nav.status', hint: 'more.status.hint' },
];

const administration: Place = { to: '/admin/sms', label: 'nav.admin', hint: 'more.admin.hint' };

const rowClass =
  'flex min-h-14 w-full flex-col justify-center gap-0.5 px-5 py-3 text-left hover:bg-stone-100 focus-visible:ring-2 focus-visible:ring-teal-700 focus-visible:outline-none focus-visible:ring-inset dark:hover:bg-stone-800 dark:focus-visible:ring-teal-300';

/** More: a calm page of large links to everything that is not one of the five destinations, and signing out. */
export function MorePage() {
  const { t } = useI18n();
  const { isAdministrator, signOut } = useAuth();
  const titleId = useId();
  const shown = isAdministrator ? [...places, administration] : places;

  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-6">
      <title>{`${t('more.title')} · ${t('app.name')}`}</title>
      <h1 id={titleId} className="text-3xl font-semibold tracking-tight">
        {t('more.title')}
      </h1>
      <ul className="divide-y divide-stone-200 overflow-hidden rounded-2xl border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900">
        {shown.map((place) => (
          <li key={place.to}>
            <Link to={place.to} className={rowClass}>
              <span className="text-lg font-medium text-stone-900 dark:text-stone-50">{t(place.label)}</span>
              <span className="text-sm text-stone-600 dark:text-stone-400">{t(place.hint)}</span>
            </Link>
          </li>
        ))}
      </ul>
      <InstallSection />
      <div>
        <button
          type="button"
          onClick={() => {
            // As from any page for signed-in people, the sign-in page follows.
            void signOut();
          }}
          className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 px-5 text-base font-medium hover:bg-stone-100 focus-visible:ring-2 focus-visible:ring-teal-700 focus-visible:ring-offset-2 focus-visible:outline-none dark:border-stone-700 dark:hover:bg-stone-800"
        >
          {t('nav.signOut')}
        </button>
      </div>
    </section>
  );
}
