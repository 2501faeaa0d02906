import type { components } from '../../api/schema';
import type { MessageKey } from '../../i18n';

export type AdminUser = components['schemas']['AdminUserResponse'];
export type AuditEvent = components['schemas']['AuditEventResponse'];

/** The roles, lowest first: each includes the ones before it (the API grants those below and removes those above). */
export const roleHierarchy = ['user', 'premium', 'administrator'] as const;
export type RoleName = (typeof roleHierarchy)[number];

const roleKeys: Record<RoleName, MessageKey> = {
  user: 'adminUsers.role.user',
  premium: 'adminUsers.role.premium',
  administrator: 'adminUsers.role.administrator',
};

/** The catalog key of a role's name; an unknown role is shown as the API spells it. */
export function roleKey(role: string): MessageKey | null {
  return (roleHierarchy as readonly string[]).includes(role) ? roleKeys[role as RoleName] : null;
}

export const adminUsersKey = ['admin', 'users'] as const;
export const adminAuditKey = ['admin', 'audit'] as const;

/** "21–40 of 130": the first and last item numbers of a page. */
export function pageRange(page: number, pageSize: number, shown: number): { first: number; last: number } {
  const first = (page - 1) * pageSize + 1;
  return { first, last: first + shown - 1 };
}
