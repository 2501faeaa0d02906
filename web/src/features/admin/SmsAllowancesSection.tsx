import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import * as z from 'zod/mini';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n, type MessageKey, type Translate } from '../../i18n';
import { quietButton } from '../../ui/styles';
import { applyProblem, Field, FormAlert, problemMessage, SubmitButton } from '../../ui/form';
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

/**
 * A role's two fields, named as the server names them (`userDaily`, `premiumMonthly`) so that its field errors land
 * beside them; the other role's errors go to the alert.
 */
function fieldNames(role: Role) {
  return { daily: `${role}Daily`, monthly: `${role}Monthly` } as const;
}

type AllowanceValues = Record<string, string>;

/** The server's limits (UpdateSmsAllowancesRequest): a whole number of segments from 0 to 100,000 for each. */
function allowanceSchema(t: Translate, role: Role) {
  const segments = z.string().check(z.refine((value) => parseSegments(value) !== null, t('smsAdmin.allowances.invalid')));
  const names = fieldNames(role);
  return z.object({ [names.daily]: segments, [names.monthly]: segments });
}

/** The form's values for a role's allowance: its numbers as text, empty when it has none. */
function valuesOf(role: Role, allowance: SmsAllowance | undefined): AllowanceValues {
  const names = fieldNames(role);
  return {
    [names.daily]: allowance?.daily == null ? '' : String(allowance.daily),
    [names.monthly]: allowance?.monthly == null ? '' : String(allowance.monthly),
  };
}

function AllowanceForm({ role, allowance, all }: { role: Role; allowance: SmsAllowance; all: SmsAllowance[] }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const names = fieldNames(role);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    clearErrors,
    setError: setFieldError,
    formState: { errors },
  } = useForm<AllowanceValues>({ resolver: zodResolver(useMemo(() => allowanceSchema(t, role), [t, role])), defaultValues: valuesOf(role, allowance) });
  const save = useMutation({
    mutationFn: (limits: Limits) => unwrap(api.PUT('/api/v1/admin/sms/allowances', { body: requestFor(role, limits, all) })),
    onSuccess: (result) => {
      queryClient.setQueryData(allowancesKey, result);
      // Going back to the default shows the default's values.
      reset(valuesOf(role, result.find((candidate) => candidate.role === role)));
      setSaved(t('smsAdmin.allowances.saved'));
    },
    onError: (failure) => {
      setSaved(null);
      setError(applyProblem(failure, setFieldError, [names.daily, names.monthly], t('settings.error')));
    },
  });
  const titleId = `allowance-${role}-title`;

  const submit = handleSubmit((values) => {
    setError(null);
    save.mutate({ daily: Number(values[names.daily]), monthly: Number(values[names.monthly]) });
  });

  const sourceKey: MessageKey =
    allowance.source === 'override'
      ? 'smsAdmin.allowances.source.override'
      : allowance.source === 'unlimited'
        ? 'smsAdmin.allowances.source.unlimited'
        : 'smsAdmin.allowances.source.configuration';

  return (
    <form
      onSubmit={(event) => {
        setSaved(null);
        void submit(event);
      }}
      noValidate
      aria-labelledby={titleId}
      className="flex flex-col gap-4 rounded-2xl border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900"
    >
      <h3 id={titleId} className="text-xl font-semibold">
        {t(role === 'user' ? 'smsAdmin.allowances.role.user' : 'smsAdmin.allowances.role.premium')}
      </h3>
      <p className="text-base text-stone-700 dark:text-stone-300">{t(sourceKey)}</p>
      <FormAlert message={error} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label={t('smsAdmin.allowances.daily')}
          hint={t('smsAdmin.allowances.hint')}
          inputMode="numeric"
          error={errors[names.daily]?.message}
          {...register(names.daily)}
        />
        <Field
          label={t('smsAdmin.allowances.monthly')}
          hint={t('smsAdmin.allowances.hint')}
          inputMode="numeric"
          error={errors[names.monthly]?.message}
          {...register(names.monthly)}
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
              setError(null);
              clearErrors();
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
