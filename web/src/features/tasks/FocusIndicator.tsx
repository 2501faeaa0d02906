import { useEffect } from 'react';
import { NavLink, useLocation } from 'react-router';
import { useI18n } from '../../i18n';
import { saveFocus, useClock, useFocusTimer } from './focusStore';
import { isPaused, minutesLeft, timeLeft } from './focusTimer';

const tasksPath = '/tasks';

/**
 * The end told by the system, only when the person already allowed notifications (never asked for here). Through
 * the service worker when there is one (phones show no `new Notification`); a click opens Tasks.
 */
async function notifyEnd(title: string, body: string): Promise<void> {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') {
    return;
  }
  const options = { body, icon: '/icons/icon-192.png', tag: 'pa-focus', data: { notificationId: null, actionToken: null, url: tasksPath } };
  const registration = 'serviceWorker' in navigator ? await navigator.serviceWorker.getRegistration() : undefined;
  if (registration) {
    await registration.showNotification(title, options);
  } else {
    new Notification(title, options);
  }
}

/**
 * In the app's header, away from Tasks: the running focus timer in a few words, a link back to it. Wherever the
 * person is, it also tells the end once by a system notification when they allowed them.
 */
export function FocusIndicator() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const timer = useFocusTimer();
  const now = useClock();
  const ended = timer !== null && timeLeft(timer, now) === 0;

  useEffect(() => {
    if (!timer || !ended || timer.endTold) {
      return;
    }
    saveFocus({ ...timer, endTold: true });
    notifyEnd(t('tasks.focus.notification.title'), t('tasks.focus.notification.body', { title: timer.title })).catch(() => {
      // A notification the browser refuses changes nothing: the timer shows the end in the app.
    });
  }, [timer, ended, t]);

  if (!timer || pathname === tasksPath) {
    return null;
  }
  const minutes = minutesLeft(timer, now);
  const paused = isPaused(timer);
  const text = ended
    ? t('tasks.focus.indicator.ended')
    : paused
      ? t('tasks.focus.indicator.paused', { minutes })
      : t('tasks.focus.indicator', { minutes });
  // Beside the app's name on a phone there is room for a few characters: the words shown are part of the link's name.
  const short = ended
    ? t('tasks.focus.indicator.endedShort')
    : paused
      ? t('tasks.focus.indicator.pausedShort')
      : t('tasks.focus.minutes', { minutes });
  return (
    <NavLink
      to={tasksPath}
      aria-label={text}
      className="inline-flex min-h-11 shrink-0 items-center rounded-lg border border-teal-200 bg-teal-50 px-2 text-sm font-medium whitespace-nowrap text-teal-950 tabular-nums hover:bg-teal-100 focus-visible:ring-2 focus-visible:ring-teal-700 focus-visible:outline-none md:px-3 dark:border-teal-800 dark:bg-teal-950 dark:text-teal-50 dark:hover:bg-teal-900 dark:focus-visible:ring-teal-300"
    >
      <span className="md:hidden">{short}</span>
      <span className="max-md:hidden">{text}</span>
    </NavLink>
  );
}
