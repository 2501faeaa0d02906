import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type AppNotification = components['schemas']['NotificationResponse'];

/** How many notifications the bell shows: the recent ones; older ones stay on the server. */
export const recentCount = 20;

/** Without the hub (blocked, asleep, reconnecting), the bell still learns of new notifications this often. */
export const pollIntervalMs = 60_000;

export const notificationKeys = {
  all: ['notifications'] as const,
  recent: () => [...notificationKeys.all, 'recent'] as const,
  unread: () => [...notificationKeys.all, 'unread'] as const,
};

export const recentNotificationsQuery = () =>
  queryOptions({
    queryKey: notificationKeys.recent(),
    queryFn: async ({ signal }) => {
      const page = await unwrap(api.GET('/api/v1/notifications', { params: { query: { pageSize: recentCount } }, signal }));
      return Array.isArray(page.items) ? page.items : [];
    },
    refetchInterval: pollIntervalMs,
  });

/** The unread count is the server's total, so it stays right past the recent page. */
export const unreadCountQuery = () =>
  queryOptions({
    queryKey: notificationKeys.unread(),
    queryFn: async ({ signal }) => {
      const page = await unwrap(api.GET('/api/v1/notifications', { params: { query: { unread: true, pageSize: 1 } }, signal }));
      return Number(page.total) || 0;
    },
    refetchInterval: pollIntervalMs,
  });

export function markRead(id: string): Promise<AppNotification> {
  return unwrap(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }));
}

export function refreshNotifications(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: notificationKeys.all });
}
