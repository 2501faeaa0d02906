import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useI18n, type Translate } from '../../i18n';
import { formatInstant } from '../../ui/dates';
import { Field, problemMessage, SelectField } from '../../ui/form';
import { emptyState, listFrame, mutedText, textLink } from '../../ui/styles';
import { useTimeZone } from '../../ui/timeZone';
import { useSettledValue } from '../../ui/useSettledValue';
import { AdminNav } from './AdminNav';
import { adminUsersKey, roleHierarchy, roleKey, type AdminUser } from './adminShared';
import { Pager } from './Pager';

const pageSize = 20;

/** The roles of an account in words, lowest first. */
export function rolesInWords(t: Translate, roles: readonly string[]): string {
  return roles.map((role) => {
    const key = roleKey(role);
    return key ? t(key) : role;
  }).join(', ');
}

/** How an account stands, in a few words: deactivated, locked, waiting for a new password or a confirmed email. */
export function statusInWords(t: Translate, user: AdminUser, now = Date.now()): string {
  const parts: string[] = [];
  parts.push(user.isActive ? t('adminUsers.status.active') : t('adminUsers.status.inactive'));
  if (user.lockedOutUntil && new Date(user.lockedOutUntil).getTime() > now) {
    parts.push(t('adminUsers.status.locked'));
  }
  if (user.passwordResetRequired) {
    parts.push(t('adminUsers.status.resetRequired'));
  }
  if (!user.emailConfirmed) {
    parts.push(t('adminUsers.status.unconfirmed'));
  }
  if (user.mfaEnabled) {
    parts.push(t('adminUsers.status.twoStep'));
  }
  return parts.join(' · ');
}

/** Administration → People: find an account by email or name, filter by role, page through them. */
export function UsersPage() {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState('');
  const [page, setPage] = useState(1);
  const q = useSettledValue(search.trim());
  const users = useQuery({
    queryKey: [...adminUsersKey, { q, role, page }],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/admin/users', {
          params: { query: { search: q || undefined, role: role || undefined, page, pageSize, sort: '-createdAt' } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });

  return (
    <section aria-labelledby="admin-users-title">
      <title>{`${t('adminUsers.title')} · ${t('app.name')}`}</title>
      <AdminNav />
      <h1 id="admin-users-title" className="text-3xl font-semibold tracking-tight">
        {t('adminUsers.title')}
      </h1>
      <p className="mt-4 text-lg text-stone-700 dark:text-stone-300">{t('adminUsers.intro')}</p>
      <form
        role="search"
        aria-label={t('adminUsers.searchLabel')}
        className="mt-6 grid gap-4 sm:grid-cols-[2fr_1fr]"
        onSubmit={(event) => {
          event.preventDefault();
        }}
      >
        <Field
          label={t('adminUsers.search')}
          hint={t('adminUsers.searchHint')}
          type="search"
          value={search}
          maxLength={254}
          onChange={(event) => {
            setSearch(event.target.value);
            setPage(1);
          }}
        />
        <SelectField
          label={t('adminUsers.roleFilter')}
          value={role}
          onChange={(event) => {
            setRole(event.target.value);
            setPage(1);
          }}
        >
          <option value="">{t('adminUsers.roleFilter.all')}</option>
          {roleHierarchy.map((name) => (
            <option key={name} value={name}>
              {t(roleKey(name) ?? 'adminUsers.role.user')}
            </option>
          ))}
        </SelectField>
      </form>
      <div className="mt-8" aria-busy={users.isFetching || undefined}>
        {users.isPending ? (
          <p role="status">{t('settings.loading')}</p>
        ) : users.isError ? (
          <p role="alert">{problemMessage(users.error, t('settings.error'))}</p>
        ) : users.data.items.length === 0 ? (
          <p className={emptyState}>{q || role ? t('adminUsers.noMatch') : t('adminUsers.empty')}</p>
        ) : (
          <>
            <ul aria-label={t('adminUsers.listLabel')} className={listFrame}>
              {users.data.items.map((user) => (
                <li key={user.id} className="flex flex-col gap-1 px-5 py-4">
                  <Link to={`/admin/users/${user.id}`} className={`${textLink} inline-flex min-h-11 items-center self-start text-lg`}>
                    {user.displayName || user.email}
                  </Link>
                  <p className="text-base break-all">{user.email}</p>
                  <p className="text-base">
                    {t('adminUsers.rolesLine', { roles: rolesInWords(t, user.roles) })}
                  </p>
                  <p className={mutedText}>
                    {t('adminUsers.createdLine', { date: formatInstant(language, user.createdAt, timeZone, { dateStyle: 'medium' }) })} ·{' '}
                    {statusInWords(t, user)}
                  </p>
                </li>
              ))}
            </ul>
            <Pager
              page={page}
              pageSize={pageSize}
              shown={users.data.items.length}
              total={Number(users.data.total)}
              label={t('adminUsers.pages')}
              onPage={setPage}
            />
          </>
        )}
      </div>
    </section>
  );
}
