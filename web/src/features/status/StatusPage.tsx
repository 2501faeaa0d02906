import { useId, type ReactNode } from 'react';
import { ApiProblem } from '../../api/client';
import { useI18n, type MessageKey, type Translate } from '../../i18n';
import { useAuth } from '../auth/AuthProvider';
import { useMeta } from './useMeta';

const channelNames: Partial<Record<string, MessageKey>> = {
  web: 'status.channel.web',
  sms: 'status.channel.sms',
  email: 'status.channel.email',
};

function channelName(channel: string, t: Translate): string {
  const key = channelNames[channel.toLowerCase()];
  return key ? t(key) : channel;
}

export function StatusPage() {
  const { t } = useI18n();
  const { isAdministrator } = useAuth();
  const meta = useMeta();

  return (
    <section aria-labelledby="status-title">
      <title>{`${t('status.title')} · ${t('app.name')}`}</title>
      <h1 id="status-title" className="text-3xl font-semibold tracking-tight">
        {t('status.title')}
      </h1>
      <p className="mt-4 text-lg text-stone-700 dark:text-stone-300">{t('status.intro')}</p>

      <div className="mt-8">
        {meta.isPending ? (
          <p role="status" className="text-lg text-stone-700 dark:text-stone-300">
            {t('status.loading')}
          </p>
        ) : meta.isError ? (
          <StatusError error={meta.error} retrying={meta.isFetching} onRetry={() => void meta.refetch()} />
        ) : (
          <>
            <p role="status" className="text-lg font-medium text-teal-900 dark:text-teal-200">
              {t('status.ready')}
            </p>
            <dl className="mt-6 divide-y divide-stone-200 rounded-2xl border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900">
              <Fact label={t('status.version')}>{meta.data.version}</Fact>
              <Fact label={t('status.database')}>{meta.data.databaseProvider}</Fact>
              <Fact label={t('status.channels')}>
                {meta.data.channels.length === 0
                  ? t('status.noChannels')
                  : meta.data.channels.map((channel) => channelName(channel, t)).join(', ')}
              </Fact>
              <Fact label={t('status.understanding')}>
                {meta.data.understanding === 'model' ? t('status.understanding.model') : t('status.understanding.offline')}
              </Fact>
            </dl>
            {isAdministrator && meta.data.understanding !== 'model' ? <WhatAModelWouldAdd /> : null}
          </>
        )}
      </div>
    </section>
  );
}

/**
 * For administrators of an instance without a language model: what the built-in engine already does and what a model
 * would add, so the choice is informed. Ordinary people never see it (nothing for them to change).
 */
function WhatAModelWouldAdd() {
  const { t } = useI18n();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="mt-8 rounded-2xl border border-stone-200 p-5 dark:border-stone-800">
      <h2 id={headingId} className="text-lg font-semibold text-stone-900 dark:text-stone-50">
        {t('status.model.heading')}
      </h2>
      <p className="mt-2 text-stone-800 dark:text-stone-200">{t('status.model.offline')}</p>
      <ul className="mt-3 list-disc space-y-1 pl-6 text-stone-800 dark:text-stone-200">
        <li>{t('status.model.free')}</li>
        <li>{t('status.model.unusual')}</li>
        <li>{t('status.model.steps')}</li>
      </ul>
      <p className="mt-3 text-stone-800 dark:text-stone-200">{t('status.model.how')}</p>
    </section>
  );
}

/** One labelled value; the value is named by its visible label, so it can be found as "Database" by assistive tech. */
function Fact({ label, children }: { label: string; children: ReactNode }) {
  const labelId = useId();
  return (
    <div className="flex flex-col gap-1 px-5 py-4 sm:flex-row sm:items-baseline sm:gap-6">
      <dt id={labelId} className="text-sm font-medium text-stone-600 sm:w-40 dark:text-stone-400">
        {label}
      </dt>
      <dd aria-labelledby={labelId} className="text-lg font-medium text-stone-900 dark:text-stone-50">
        {children}
      </dd>
    </div>
  );
}

function StatusError({ error, retrying, onRetry }: { error: Error; retrying: boolean; onRetry: () => void }) {
  const { t } = useI18n();
  const problem = error instanceof ApiProblem ? error : undefined;
  const title = problem?.title ?? t('status.error.heading');
  const detail = problem ? (problem.detail ?? t('status.error.fallback')) : t('status.error.network');

  return (
    <div
      role="alert"
      aria-labelledby="status-error-title"
      className="rounded-2xl border border-amber-300 bg-amber-50 p-5 dark:border-amber-700 dark:bg-amber-950"
    >
      <h2 id="status-error-title" className="text-lg font-semibold text-stone-900 dark:text-stone-50">
        {title}
      </h2>
      <p className="mt-2 text-stone-800 dark:text-stone-200">{detail}</p>
      {problem?.traceId ? (
        <p className="mt-2 text-sm break-all text-stone-700 dark:text-stone-300">
          {t('status.error.reference', { traceId: problem.traceId })}
        </p>
      ) : null}
      <button type="button" className="button-primary mt-5" onClick={onRetry} disabled={retrying} aria-busy={retrying}>
        {retrying ? t('status.retrying') : t('status.retry')}
      </button>
    </div>
  );
}
