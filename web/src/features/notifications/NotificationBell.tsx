import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useRef, useState, type FocusEvent } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../ui/dates';
import { emptyState, mutedText, quietButton } from '../../ui/styles';
import { useTimeZone } from '../../ui/timeZone';
import { connectAssistant, type AssistantConnection, type ConnectAssistant } from '../assistant/hub';
import {
  markRead,
  notificationKeys,
  recentNotificationsQuery,
  refreshNotifications,
  unreadCountQuery,
  type AppNotification,
} from './notifications';

/** The hub's event for a new in-app notification (AssistantHub.NotificationReceived on the server). */
export const notificationEvent = 'notification';

/**
 * The bell: how many notifications are unread, and the recent ones on demand. New ones arrive over the hub's shared
 * connection (polling covers a missing hub). Opening the list marks what it shows read; those keep a "New" tag
 * until the list closes, so nothing vanishes under the person's eyes.
 */
export function NotificationBell({ connect = connectAssistant }: { connect?: ConnectAssistant }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const panelId = useId();
  const titleId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const wrapperRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const unread = useQuery(unreadCountQuery());
  const recent = useQuery({ ...recentNotificationsQuery(), enabled: open });
  // What was unread when shown in this opening: tagged "New" while the list stays open.
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const count = unread.data ?? 0;

  const openRef = useRef(false);
  useEffect(() => {
    openRef.current = open;
  }, [open]);

  /** What the open list shows unread is read now: marked on the server, tagged "New" here while the list is open. */
  const markShown = useCallback(
    async (ids: string[]) => {
      if (ids.length === 0) {
        return;
      }
      setFresh((current) => new Set([...current, ...ids]));
      await Promise.allSettled(ids.map((id) => markRead(id)));
      await queryClient.invalidateQueries({ queryKey: notificationKeys.all });
    },
    [queryClient],
  );

  // Live news: a new notification refreshes the count (and the list) and is read out once.
  useEffect(() => {
    const onNotification = (notification: AppNotification) => {
      setAnnouncement(t('bell.announce', { text: notification.text }));
      if (openRef.current) {
        void markShown([notification.id]);
      } else {
        void refreshNotifications(queryClient);
      }
    };
    const refresh = () => {
      void refreshNotifications(queryClient);
    };
    const state: { connection: AssistantConnection | null; closed: boolean } = { connection: null, closed: false };
    void (async () => {
      try {
        const connection = await connect();
        if (state.closed) {
          return;
        }
        state.connection = connection;
        connection.on(notificationEvent, onNotification);
        // Notifications sent while the connection was down are only on the server now.
        connection.onreconnected?.(refresh);
        await connection.start();
      } catch {
        // Without the hub the bell still polls.
      }
    })();
    return () => {
      state.closed = true;
      const { connection } = state;
      if (connection) {
        connection.off(notificationEvent, onNotification);
        connection.stop().catch(() => undefined);
      }
    };
  }, [connect, queryClient, t, markShown]);

  async function openList() {
    setOpen(true);
    try {
      const items = await queryClient.query({ ...recentNotificationsQuery(), staleTime: 0 });
      await markShown(items.filter((n) => !n.readAt).map((n) => n.id));
    } catch {
      // The list says it did not load; the count stays as it was.
    }
  }

  function close(returnFocus: boolean) {
    setOpen(false);
    setFresh(new Set());
    void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
    if (returnFocus) {
      buttonRef.current?.focus();
    }
  }

  // An open list takes the focus; Escape or a tap outside closes it.
  useEffect(() => {
    if (!open) {
      return;
    }
    panelRef.current?.focus();
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        close(true);
      }
    };
    const closeOnOutsidePointer = (event: PointerEvent) => {
      if (!(event.target instanceof Node && wrapperRef.current?.contains(event.target))) {
        close(false);
      }
    };
    document.addEventListener('keydown', closeOnEscape);
    document.addEventListener('pointerdown', closeOnOutsidePointer);
    return () => {
      document.removeEventListener('keydown', closeOnEscape);
      document.removeEventListener('pointerdown', closeOnOutsidePointer);
    };
    // close only reads refs and stable setters
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  // Tabbing out of the open list closes it, so it never covers where the focus went.
  function closeOnFocusLeaving(event: FocusEvent<HTMLElement>) {
    if (open && event.relatedTarget instanceof Node && !event.currentTarget.contains(event.relatedTarget)) {
      close(false);
    }
  }

  const label = count === 0 ? t('bell.label') : count === 1 ? t('bell.labelOne') : t('bell.labelMany', { count });

  return (
    <div ref={wrapperRef} onBlur={closeOnFocusLeaving} className="max-md:shrink-0 md:relative">
      <button
        ref={buttonRef}
        type="button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          if (open) {
            close(false);
          } else {
            void openList();
          }
        }}
        className={`${quietButton} relative gap-2 px-3`}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {count > 0 && (
          <span aria-hidden="true" className="min-w-6 rounded-full bg-teal-800 px-1.5 text-sm leading-6 font-semibold text-white dark:bg-teal-300 dark:text-teal-950">
            {count > 99 ? '99+' : count}
          </span>
        )}
      </button>
      <p role="status" className="sr-only">
        {announcement}
      </p>
      <div
        id={panelId}
        ref={panelRef}
        role="region"
        aria-labelledby={titleId}
        tabIndex={-1}
        hidden={!open}
        className={[
          'z-40 border-stone-200 bg-white shadow-lg focus:outline-none dark:border-stone-800 dark:bg-stone-900',
          // On a phone the list lies over the content under the header, as the menu does.
          'max-md:absolute max-md:inset-x-0 max-md:top-full max-md:border-b max-md:px-5 max-md:py-4',
          'md:absolute md:top-full md:right-0 md:mt-2 md:w-96 md:rounded-2xl md:border md:p-4',
        ].join(' ')}
      >
        <h2 id={titleId} className="text-lg font-semibold tracking-tight">
          {t('bell.title')}
        </h2>
        {open && <NotificationList items={recent.data} failed={recent.isError} fresh={fresh} />}
        <Link
          to="/reminders"
          onClick={() => {
            close(false);
          }}
          className="mt-3 inline-flex min-h-11 items-center rounded-lg text-base font-medium text-teal-900 underline underline-offset-4 dark:text-teal-200"
        >
          {t('bell.allReminders')}
        </Link>
      </div>
    </div>
  );
}

function NotificationList({ items, failed, fresh }: { items: AppNotification[] | undefined; failed: boolean; fresh: ReadonlySet<string> }) {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  if (failed) {
    return <p className="mt-3 text-base">{t('bell.error')}</p>;
  }
  if (!items) {
    return <p className="mt-3 text-base">{t('bell.loading')}</p>;
  }
  if (items.length === 0) {
    return <p className={`mt-3 ${emptyState}`}>{t('bell.empty')}</p>;
  }
  return (
    <ul className="mt-3 flex max-h-[60dvh] flex-col divide-y divide-stone-200 overflow-y-auto dark:divide-stone-800">
      {items.map((notification) => {
        const isNew = fresh.has(notification.id) || !notification.readAt;
        return (
          <li key={notification.id} className="py-3">
            <p className={isNew ? 'font-semibold' : ''}>
              {isNew && (
                <span className="mr-2 rounded-full bg-teal-100 px-2 py-0.5 text-sm font-medium text-teal-950 dark:bg-teal-900 dark:text-teal-50">
                  {t('bell.new')}
                </span>
              )}
              {notification.text}
            </p>
            <p className={`mt-1 ${mutedText}`}>
              {notification.late && notification.occurrence
                ? t('bell.sentLate', {
                    sent: formatDateTime(language, notification.createdAt, timeZone),
                    due: formatDateTime(language, notification.occurrence, timeZone),
                  })
                : formatDateTime(language, notification.createdAt, timeZone)}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
