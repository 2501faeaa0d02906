import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n, type MessageKey } from '../../i18n';
import { quietButton } from '../../ui/styles';
import { Field, fieldErrors, FormAlert, problemMessage, SubmitButton } from '../../ui/form';
import type { SmsAllowance } from '../sms/usage';

const allowancesKey = ['admin', 'sms', 'allowances'] as const;
const maxSegments = 100_000;

type Role = 'user' | 'premium';
type UpdateRequest = components['schemas']['UpdateSmsAllowancesRequest'];
const roles: Role[] = ['user', 'premium'];

/** A role's limits in the request: `null` sends the role back to the instance's configured allowance. */
type Limits = { daily: number; monthly: number } | null;

/**
 * The request for one role's change. The PUT sets both roles and sends a role left out back to its configured
 * allowance, so the other role keeps an administrator's values by sending them again.
 */
function requestFor(role: Role, limits: Limits, current: SmsAllowance[]): UpdateRequest {
  const of = (name: Role): Limits => {
    if (name === role) {
      return limits;
    }
    const existing = current.find((allowance) => allowance.role === name);
    return existing?.source === 'override' && existing.daily !== null && existing.monthly !== null
      ? { daily: Number(existing.daily), monthly: Number(existing.monthly) }
      : null;
  };
  const user = of('user');
  const premium = of('premium');
  return { userDaily: user?.daily ?? null, userMonthly: user?.monthly ?? null, premiumDaily: premium?.daily ?? null, premiumMonthly: premium?.monthly ?? null };
}

/** A whole number of segments from 0 to 100,000, or null. */
export function parseSegments(value: string): number | null {
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed)) {
    return null;
  }
  const parsed = Number(trimmed);
  return parsed <= maxSegments ? parsed : null;
}

/** The daily and monthly segment allowances of the user and premium roles, one small form each. */
export function SmsAllowancesSection() {
  const { t } = useI18n();
  const allowances = useQuery({
    queryKey: allowancesKey,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/sms/allowances', { signal })),
  });

  return (
    <section id="sms-allowances" aria-labelledby="sms-allowances-title" className="mt-12">
      <h2 id="sms-allowances-title" className="text-2xl font-semibold tracking-tight">
        {t('smsAdmin.allowances.title')}
      </h2>
      <p className="mt-2 text-base text-stone-700 dark:text-stone-300">{t('smsAdmin.allowances.intro')}</p>
      <div className="mt-4 flex flex-col gap-6">
        {allowances.isPending ? (
          <p role="status">{t('settings.loading')}</p>
        ) : allowances.isError ? (
          <p role="alert">{problemMessage(allowances.error, t('settings.error'))}</p>
        ) : (
          roles.map((role) => {
            const allowance = allowances.data.find((candidate) => candidate.role === role);
            return allowance ? (
              <AllowanceForm key={role} role={role} allowance={allowance} all={allowances.data} />
            ) : null;
          })
        )}
      </div>
    </section>
  );
}

function AllowanceForm({ role, allowance, all }: { role: Role; allowance: SmsAllowance; all: SmsAllowance[] }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [daily, setDaily] = useState(allowance.daily === null ? '' : String(allowance.daily));
  const [monthly, setMonthly] = useState(allowance.monthly === null ? '' : String(allowance.monthly));
  const [invalid, setInvalid] = useState<{ daily?: string; monthly?: string }>({});
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (limits: Limits) => unwrap(api.PUT('/api/v1/admin/sms/allowances', { body: requestFor(role, limits, all) })),
    onSuccess: (result) => {
      queryClient.setQueryData(allowancesKey, result);
      // Going back to the default shows the default's values.
      const now = result.find((candidate) => candidate.role === role);
      setDaily(now?.daily == null ? '' : String(now.daily));
      setMonthly(now?.monthly == null ? '' : String(now.monthly));
      setSaved(t('smsAdmin.allowances.saved'));
    },
    onError: () => {
      setSaved(null);
    },
  });
  // The server names fields UserDaily, premiumMonthly…: matched to this role's two fields whatever their case.
  const serverErrors = Object.fromEntries(Object.entries(fieldErrors(save.error)).map(([field, message]) => [field.toLowerCase(), message]));
  const titleId = `allowance-${role}-title`;

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    setSaved(null);
    const dailyValue = parseSegments(daily);
    const monthlyValue = parseSegments(monthly);
    const errors = {
      daily: dailyValue === null ? t('smsAdmin.allowances.invalid') : undefined,
      monthly: monthlyValue === null ? t('smsAdmin.allowances.invalid') : undefined,
    };
    setInvalid(errors);
    if (dailyValue !== null && monthlyValue !== null) {
      save.mutate({ daily: dailyValue, monthly: monthlyValue });
    }
  }

  const sourceKey: MessageKey =
    allowance.source === 'override'
      ? 'smsAdmin.allowances.source.override'
      : allowance.source === 'unlimited'
        ? 'smsAdmin.allowances.source.unlimited'
        : 'smsAdmin.allowances.source.configuration';
  const generalError = save.isError && Object.keys(serverErrors).length === 0 ? problemMessage(save.error, t('settings.error')) : null;

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-labelledby={titleId}
      className="flex flex-col gap-4 rounded-2xl border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900"
    >
      <h3 id={titleId} className="text-xl font-semibold">
        {t(role === 'user' ? 'smsAdmin.allowances.role.user' : 'smsAdmin.allowances.role.premium')}
      </h3>
      <p className="text-base text-stone-700 dark:text-stone-300">{t(sourceKey)}</p>
      <FormAlert message={generalError} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label={t('smsAdmin.allowances.daily')}
          hint={t('smsAdmin.allowances.hint')}
          inputMode="numeric"
          value={daily}
          error={invalid.daily ?? serverErrors[`${role}daily`]}
          onChange={(e) => {
            setDaily(e.target.value);
          }}
        />
        <Field
          label={t('smsAdmin.allowances.monthly')}
          hint={t('smsAdmin.allowances.hint')}
          inputMode="numeric"
          value={monthly}
          error={invalid.monthly ?? serverErrors[`${role}monthly`]}
          onChange={(e) => {
            setMonthly(e.target.value);
          }}
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton busy={save.isPending}>{t('smsAdmin.allowances.save')}</SubmitButton>
        {allowance.source === 'override' && (
          <button
            type="button"
            className={quietButton}
            disabled={save.isPending}
            onClick={() => {
              setSaved(null);
              setInvalid({});
              save.mutate(null);
            }}
          >
            {t('smsAdmin.allowances.reset')}
          </button>
        )}
        <p role="status" className="text-base text-teal-900 dark:text-teal-200">
          {saved}
        </p>
      </div>
    </form>
  );
}
