import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import * as z from 'zod/mini';
import { api, unwrap } from '../../api/client';
import { useI18n, type Translate } from '../../i18n';
import { formatInstant } from '../../ui/dates';
import { Field, FormAlert, problemMessage, SubmitButton } from '../../ui/form';
import { mutedText, quietButton, textLink } from '../../ui/styles';
import { useTimeZone } from '../../ui/timeZone';
import { useAuth } from '../auth/AuthProvider';
import { AccessSection, NameSection } from './AccountControls';
import { AdminNav } from './AdminNav';
import { adminUsersKey, roleHierarchy, roleKey, type AdminUser, type RoleName } from './adminShared';
import { statusInWords } from './UsersPage';

const sectionClass = 'mt-10 rounded-2xl border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900';

/**
 * Administration → one account: whether it can sign in (deactivate, unlock, ask for a new password), its name, its
 * roles, signing it out everywhere, its audit entries, deleting it.
 */
export function UserPage() {
  const { id = '' } = useParams();
  const { t, language } = useI18n();
  const { user: me } = useAuth();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const [announcement, setAnnouncement] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<string | null>(null);
  const userKey = [...adminUsersKey, 'one', id] as const;
  const account = useQuery({
    queryKey: userKey,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/users/{id}', { params: { path: { id } }, signal })),
    enabled: deleted === null,
  });

  const settle = (user: AdminUser, message: string) => {
    queryClient.setQueryData(userKey, user);
    void queryClient.invalidateQueries({ queryKey: adminUsersKey, exact: false, predicate: (query) => query.queryKey[2] !== 'one' });
    setFailure(null);
    setAnnouncement(message);
  };
  const failed = (error: unknown) => {
    setAnnouncement('');
    setFailure(problemMessage(error, t('adminUser.error')));
  };

  const grant = useMutation({
    mutationFn: (role: RoleName) => unwrap(api.POST('/api/v1/admin/users/{id}/roles', { params: { path: { id } }, body: { role } })),
    onSuccess: (user, role) => {
      settle(user, t('adminUser.roles.granted', { role: t(roleKey(role) ?? 'adminUsers.role.user'), roles: namesOf(user.roles) }));
    },
    onError: failed,
  });
  const remove = useMutation({
    mutationFn: (role: RoleName) => unwrap(api.DELETE('/api/v1/admin/users/{id}/roles/{role}', { params: { path: { id, role } } })),
    onSuccess: (user, role) => {
      settle(user, t('adminUser.roles.removed', { role: t(roleKey(role) ?? 'adminUsers.role.user'), roles: namesOf(user.roles) }));
    },
    onError: failed,
  });
  const signOut = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/admin/users/{id}/sessions', { params: { path: { id } } })),
    onSuccess: (result) => {
      const count = Number(result.revoked);
      setFailure(null);
      setAnnouncement(count === 1 ? t('adminUser.sessions.doneOne') : t('adminUser.sessions.doneMany', { count }));
    },
    onError: failed,
  });

  function namesOf(roles: readonly string[]): string {
    return roles.map((role) => {
      const key = roleKey(role);
      return key ? t(key) : role;
    }).join(', ');
  }

  const busy = grant.isPending || remove.isPending || signOut.isPending;
  const title = account.data ? account.data.displayName || account.data.email : t('adminUser.title');

  return (
    <section aria-labelledby="admin-user-title">
      <title>{`${title} · ${t('app.name')}`}</title>
      <AdminNav />
      <p>
        <Link to="/admin/users" className={`${textLink} inline-flex min-h-11 items-center`}>
          {t('adminUser.back')}
        </Link>
      </p>
      <h1 id="admin-user-title" className="mt-2 text-3xl font-semibold tracking-tight break-words">
        {deleted ?? title}
      </h1>
      <p role="status" aria-live="polite" className="mt-4 text-base font-medium text-teal-900 empty:hidden dark:text-teal-200">
        {announcement}
      </p>
      <div className="mt-2">
        <FormAlert message={failure} />
      </div>
      {deleted !== null ? null : account.isPending ? (
        <p role="status">{t('settings.loading')}</p>
      ) : account.isError ? (
        <p role="alert">{problemMessage(account.error, t('settings.error'))}</p>
      ) : (
        <>
          <dl className="mt-6 grid gap-x-6 gap-y-2 text-base sm:grid-cols-[auto_1fr]">
            <dt className="font-medium">{t('adminUser.email')}</dt>
            <dd className="break-all">{account.data.email}</dd>
            <dt className="font-medium">{t('adminUser.created')}</dt>
            <dd>{formatInstant(language, account.data.createdAt, timeZone, { dateStyle: 'medium', timeStyle: 'short' })}</dd>
            <dt className="font-medium">{t('adminUser.lastSignIn')}</dt>
            <dd>
              {account.data.lastLoginAt
                ? formatInstant(language, account.data.lastLoginAt, timeZone, { dateStyle: 'medium', timeStyle: 'short' })
                : t('adminUser.never')}
            </dd>
            <dt className="font-medium">{t('adminUser.status')}</dt>
            <dd>{statusInWords(t, account.data)}</dd>
          </dl>
          <p className="mt-4">
            <Link to={`/admin/audit?userId=${encodeURIComponent(account.data.id)}`} className={`${textLink} inline-flex min-h-11 items-center`}>
              {t('adminUser.auditLink')}
            </Link>
          </p>

          <AccessSection user={account.data} own={me?.id === account.data.id} onChanged={settle} onFailed={failed} />
          <NameSection
            key={account.data.id}
            user={account.data}
            onChanged={settle}
            onFailed={(message) => {
              if (message !== null) {
                setAnnouncement('');
              }
              setFailure(message);
            }}
          />

          <section aria-labelledby="admin-user-roles" className={sectionClass}>
            <h2 id="admin-user-roles" className="text-2xl font-semibold tracking-tight">
              {t('adminUser.roles.title')}
            </h2>
            <p className="mt-2 text-base text-stone-700 dark:text-stone-300">{t('adminUser.roles.hierarchy')}</p>
            <ul className="mt-4 flex flex-col gap-3">
              {roleHierarchy.map((role) => {
                const held = account.data.roles.includes(role);
                const name = t(roleKey(role) ?? 'adminUsers.role.user');
                return (
                  <li key={role} className="flex flex-wrap items-center justify-between gap-3">
                    <p className="text-base">
                      <span className="font-medium">{name}</span>
                      {' · '}
                      {held ? t('adminUser.roles.has') : t('adminUser.roles.hasNot')}
                    </p>
                    {role === 'user' ? (
                      <p className={mutedText}>{t('adminUser.roles.everyone')}</p>
                    ) : (
                      <button
                        type="button"
                        className={quietButton}
                        disabled={busy}
                        onClick={() => {
                          (held ? remove : grant).mutate(role);
                        }}
                      >
                        {t(held ? 'adminUser.roles.remove' : 'adminUser.roles.grant', { role: name })}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>

          <section aria-labelledby="admin-user-sessions" className={sectionClass}>
            <h2 id="admin-user-sessions" className="text-2xl font-semibold tracking-tight">
              {t('adminUser.sessions.title')}
            </h2>
            <p className="mt-2 text-base text-stone-700 dark:text-stone-300">{t('adminUser.sessions.intro')}</p>
            <button
              type="button"
              className={`${quietButton} mt-4`}
              disabled={busy}
              onClick={() => {
                signOut.mutate();
              }}
            >
              {t('adminUser.sessions.submit')}
            </button>
          </section>

          <DeleteAccount
            user={account.data}
            onDeleted={(message) => {
              queryClient.removeQueries({ queryKey: userKey });
              void queryClient.invalidateQueries({ queryKey: adminUsersKey });
              setFailure(null);
              setDeleted(account.data.displayName || account.data.email);
              setAnnouncement(message);
            }}
          />
        </>
      )}
      {deleted !== null && (
        <p className="mt-6">
          <Link to="/admin/users" className={`${textLink} inline-flex min-h-11 items-center`}>
            {t('adminUser.back')}
          </Link>
        </p>
      )}
    </section>
  );
}

/** The confirmation is the account's address, typed as shown (case and spaces around it aside). */
function confirmationSchema(t: Translate, email: string) {
  return z.object({
    typed: z.string().check(z.refine((typed) => typed.trim().toLowerCase() === email.toLowerCase(), t('adminUser.delete.mismatch'))),
  });
}

type ConfirmationValues = z.infer<ReturnType<typeof confirmationSchema>>;

/** Deleting an account from here erases it at once: the person typing its address is the confirmation. */
function DeleteAccount({ user, onDeleted }: { user: AdminUser; onDeleted: (message: string) => void }) {
  const { t } = useI18n();
  const { user: me } = useAuth();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors },
  } = useForm<ConfirmationValues>({
    resolver: zodResolver(useMemo(() => confirmationSchema(t, user.email), [t, user.email])),
    defaultValues: { typed: '' },
  });
  const erase = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/admin/users/{id}', { params: { path: { id: user.id } } })),
    onSuccess: () => {
      onDeleted(t('adminUser.delete.done', { email: user.email }));
    },
    onError: (failure) => {
      setError(problemMessage(failure, t('adminUser.error')));
    },
  });

  const submit = handleSubmit(
    () => {
      setError(null);
      erase.mutate();
    },
    () => {
      setError(null);
    },
  );

  const own = me?.id === user.id;
  return (
    <section aria-labelledby="admin-user-delete" className={sectionClass}>
      <h2 id="admin-user-delete" className="text-2xl font-semibold tracking-tight">
        {t('adminUser.delete.title')}
      </h2>
      <p className="mt-2 text-base text-stone-700 dark:text-stone-300">{own ? t('adminUser.delete.own') : t('adminUser.delete.intro')}</p>
      {own ? null : !open ? (
        <button
          type="button"
          className={`${quietButton} mt-4`}
          onClick={() => {
            setOpen(true);
          }}
        >
          {t('adminUser.delete.start')}
        </button>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="admin-user-delete" className="mt-4 flex flex-col gap-4">
          <FormAlert message={error} />
          <Field
            label={t('adminUser.delete.confirmLabel', { email: user.email })}
            autoComplete="off"
            spellCheck={false}
            error={errors.typed?.message}
            {...register('typed')}
          />
          <div className="flex flex-wrap gap-3">
            <SubmitButton busy={erase.isPending}>{erase.isPending ? t('adminUser.delete.busy') : t('adminUser.delete.submit')}</SubmitButton>
            <button
              type="button"
              className={quietButton}
              onClick={() => {
                setOpen(false);
                reset();
                setError(null);
              }}
            >
              {t('adminUser.delete.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
