import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { formatInstant, instantFromWallTime } from '../../ui/dates';
import { Field, problemMessage } from '../../ui/form';
import { emptyState, inputClass, labelClass, listFrame, mutedText, quietButton, textLink } from '../../ui/styles';
import { useTimeZone } from '../../ui/timeZone';
import { useAuth } from '../auth/AuthProvider';
import { adminAuditKey, type AuditEvent } from './adminShared';
import { AdminNav } from './AdminNav';
import { auditDetailText } from './auditDetails';
import { auditKindName, auditKinds } from './auditKinds';
import { Pager } from './Pager';

const pageSize = 25;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

const outcomeKeys: Record<AuditEvent['outcome'], MessageKey> = {
  Success: 'adminAudit.outcome.success',
  Failure: 'adminAudit.outcome.failure',
  Denied: 'adminAudit.outcome.denied',
};

/** Administration → Audit: the security trail, newest first, filtered by kind, account and days in the viewer's zone. */
export function AuditPage() {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const { user: me } = useAuth();
  const [params, setParams] = useSearchParams();
  const action = params.get('action') ?? '';
  const userId = params.get('userId') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);

  // Days are the viewer's: "from" starts at its midnight, "to" takes in the whole of its day.
  const fromInstant = datePattern.test(from) ? instantFromWallTime(from, timeZone).toISOString() : undefined;
  const toInstant = datePattern.test(to) ? new Date(instantFromWallTime(to, timeZone).getTime() + 86_400_000).toISOString() : undefined;

  const audit = useQuery({
    queryKey: [...adminAuditKey, { action, userId, fromInstant, toInstant, page }],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/admin/audit', {
          params: {
            query: { action: action || undefined, userId: userId || undefined, from: fromInstant, to: toInstant, page, pageSize },
          },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });

  function change(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) {
      next.set(name, value);
    } else {
      next.delete(name);
    }
    if (name !== 'page') {
      next.delete('page');
    }
    setParams(next, { replace: true });
  }

  const filtered = Boolean(action || userId || from || to);
  // Ids are time-ordered (their start is the moment they were made): their last characters tell accounts apart.
  const account = (id: string | null | undefined) =>
    id ? (
      <Link to={`/admin/users/${id}`} className={textLink}>
        {id === me?.id ? t('adminAudit.you') : t('adminAudit.account', { id: id.slice(-8) })}
      </Link>
    ) : (
      t('adminAudit.nobody')
    );

  return (
    <section aria-labelledby="admin-audit-title">
      <title>{`${t('adminAudit.title')} · ${t('app.name')}`}</title>
      <AdminNav />
      <h1 id="admin-audit-title" className="text-3xl font-semibold tracking-tight">
        {t('adminAudit.title')}
      </h1>
      <p className="mt-4 text-lg text-stone-700 dark:text-stone-300">{t('adminAudit.intro', { zone: timeZone })}</p>
      <form
        aria-label={t('adminAudit.filters')}
        className="mt-6 grid gap-4 sm:grid-cols-3"
        onSubmit={(event) => {
          event.preventDefault();
        }}
      >
        {/* Its own select: the longest kind's words must not widen the page on a phone. */}
        <div className="flex min-w-0 flex-col gap-1.5">
          <label htmlFor="audit-kind" className={labelClass}>
            {t('adminAudit.kindFilter')}
          </label>
          <select
            id="audit-kind"
            className={`${inputClass} w-full min-w-0`}
            value={action}
            onChange={(event) => {
              change('action', event.target.value);
            }}
          >
            <option value="">{t('adminAudit.kindFilter.all')}</option>
            {Object.keys(auditKinds).map((code) => (
              <option key={code} value={code}>
                {auditKindName(t, code)}
              </option>
            ))}
          </select>
        </div>
        <Field
          label={t('adminAudit.from')}
          type="date"
          value={from}
          onChange={(event) => {
            change('from', event.target.value);
          }}
        />
        <Field
          label={t('adminAudit.to')}
          type="date"
          value={to}
          onChange={(event) => {
            change('to', event.target.value);
          }}
        />
      </form>
      {userId && (
        <p className="mt-4 flex flex-wrap items-center gap-3 text-base">
          <span>{t('adminAudit.oneAccount')}</span>
          <Link to={`/admin/users/${userId}`} className={`${textLink} inline-flex min-h-11 items-center`}>
            {t('adminAudit.openAccount')}
          </Link>
        </p>
      )}
      {filtered && (
        <button
          type="button"
          className={`${quietButton} mt-4`}
          onClick={() => {
            setParams(new URLSearchParams(), { replace: true });
          }}
        >
          {t('adminAudit.clear')}
        </button>
      )}
      <div className="mt-8" aria-busy={audit.isFetching || undefined}>
        {audit.isPending ? (
          <p role="status">{t('settings.loading')}</p>
        ) : audit.isError ? (
          <p role="alert">{problemMessage(audit.error, t('settings.error'))}</p>
        ) : audit.data.items.length === 0 ? (
          <p className={emptyState}>{filtered ? t('adminAudit.noMatch') : t('adminAudit.empty')}</p>
        ) : (
          <>
            <ul aria-label={t('adminAudit.listLabel')} className={listFrame}>
              {audit.data.items.map((event) => (
                <li key={event.id} className="flex flex-col gap-1 px-5 py-4">
                  <p className="text-lg font-medium">{auditKindName(t, event.action)}</p>
                  <p className="text-base">
                    <time dateTime={event.occurredAt}>
                      {formatInstant(language, event.occurredAt, timeZone, { dateStyle: 'medium', timeStyle: 'medium' })}
                    </time>
                    {' · '}
                    {t(outcomeKeys[event.outcome])}
                  </p>
                  <p className="text-base">
                    {t('adminAudit.by')} {account(event.actorUserId)}
                    {event.subjectUserId && event.subjectUserId !== event.actorUserId && (
                      <>
                        {' · '}
                        {t('adminAudit.about')} {account(event.subjectUserId)}
                      </>
                    )}
                  </p>
                  {event.detail && <p className={`${mutedText} break-words`}>{auditDetailText(t, event.detail, language, timeZone)}</p>}
                  {event.ipAddress && <p className={mutedText}>{t('adminAudit.from.ip', { ip: event.ipAddress })}</p>}
                </li>
              ))}
            </ul>
            <Pager
              page={page}
              pageSize={pageSize}
              shown={audit.data.items.length}
              total={Number(audit.data.total)}
              label={t('adminAudit.pages')}
              onPage={(next) => {
                change('page', String(next));
              }}
            />
          </>
        )}
      </div>
    </section>
  );
}
