import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type SyntheticEvent } from 'react';
import { useForm } from 'react-hook-form';
import * as z from 'zod/mini';
import { api, ApiProblem, unwrap } from '../../api/client';
import { useI18n, type Translate } from '../../i18n';
import { formatInstant } from '../../ui/dates';
import { emptyState, listFrame, mutedText, quietButton } from '../../ui/styles';
import { useTimeZone } from '../../ui/timeZone';
import { applyProblem, Field, fieldErrors, FormAlert, problemMessage, SubmitButton } from '../../ui/form';
import type { AvailableSmsNumber, SmsNumber } from '../sms/usage';

const numbersKey = ['admin', 'sms', 'numbers'] as const;

/** The API answers every number route with a 404 while Twilio is not configured. */
function isNotConfigured(error: unknown): boolean {
  return error instanceof ApiProblem && error.status === 404;
}

/** The account with exactly this email address, through the administrators' account search. */
async function accountByEmail(email: string): Promise<{ id: string; email: string } | null> {
  const page = await unwrap(api.GET('/api/v1/admin/users', { params: { query: { search: email, pageSize: 20 } } }));
  return page.items.find((account) => account.email.toLowerCase() === email.toLowerCase()) ?? null;
}

/** The instance's Twilio numbers: who holds each, whether Twilio still points it here, search and buy, release. */
export function SmsNumbersSection() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const numbers = useQuery({
    queryKey: numbersKey,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/sms/numbers', { signal })),
  });
  const report = {
    done: (sentence: string) => {
      setError(null);
      setStatus(sentence);
      return queryClient.invalidateQueries({ queryKey: numbersKey });
    },
    failed: (failure: unknown) => {
      report.alert(problemMessage(failure, t('settings.error')));
    },
    alert: (message: string) => {
      setStatus(null);
      setError(message);
    },
  };

  return (
    <section id="sms-numbers" aria-labelledby="sms-numbers-title" className="mt-12">
      <h2 id="sms-numbers-title" className="text-2xl font-semibold tracking-tight">
        {t('smsAdmin.numbers.title')}
      </h2>
      <p className="mt-2 text-base text-stone-700 dark:text-stone-300">{t('smsAdmin.numbers.intro')}</p>
      <div className="mt-4 flex flex-col gap-6">
        {numbers.isPending ? (
          <p role="status">{t('settings.loading')}</p>
        ) : numbers.isError ? (
          isNotConfigured(numbers.error) ? (
            <p className={emptyState}>{t('smsAdmin.numbers.notConfigured')}</p>
          ) : (
            <p role="alert">{problemMessage(numbers.error, t('settings.error'))}</p>
          )
        ) : (
          <>
            <FormAlert message={error} />
            <p role="status" className="text-base text-teal-900 dark:text-teal-200">
              {status}
            </p>
            {numbers.data.length === 0 ? (
              <p className={emptyState}>{t('smsAdmin.numbers.empty')}</p>
            ) : (
              <ul aria-label={t('smsAdmin.numbers.list')} className={listFrame}>
                {numbers.data.map((number) => (
                  <NumberItem key={number.id} number={number} report={report} />
                ))}
              </ul>
            )}
            <BuyNumber report={report} />
          </>
        )}
      </div>
    </section>
  );
}

/**
 * Giving a number: the person's email address, in the field the server names `assignTo` (it receives their id) so
 * that its field error lands beside it. An address without an @ cannot be anyone's.
 */
function giveSchema(t: Translate) {
  return z.object({ assignTo: z.string().check(z.trim(), z.refine((address) => address.includes('@'), t('smsAdmin.numbers.noSuchEmail'))) });
}

type GiveValues = z.infer<ReturnType<typeof giveSchema>>;

interface Report {
  done: (sentence: string) => Promise<void>;
  failed: (failure: unknown) => void;
  /** A sentence for the section's alert (what a form could not put beside its fields). */
  alert: (message: string) => void;
}

function NumberItem({ number, report }: { number: SmsNumber; report: Report }) {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const {
    register,
    handleSubmit,
    reset,
    setError: setFieldError,
    formState: { errors },
  } = useForm<GiveValues>({ resolver: zodResolver(useMemo(() => giveSchema(t), [t])), defaultValues: { assignTo: '' } });
  const holder = useQuery({
    queryKey: ['admin', 'users', number.assignedTo],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/users/{id}', { params: { path: { id: number.assignedTo ?? '' } }, signal })),
    enabled: number.assignedTo !== null,
  });
  const assign = useMutation({
    mutationFn: async (to: string | null) => {
      let account: { id: string; email: string } | null = null;
      if (to !== null) {
        account = await accountByEmail(to);
        if (!account) {
          return 'no-such-email' as const;
        }
      }
      await unwrap(
        api.PUT('/api/v1/admin/sms/numbers/{id}/assignment', { params: { path: { id: number.id } }, body: { assignTo: account?.id ?? null } }),
      );
      return account;
    },
    onSuccess: (account) => {
      if (account === 'no-such-email') {
        setFieldError('assignTo', { type: 'server', message: t('smsAdmin.numbers.noSuchEmail') });
        return;
      }
      reset({ assignTo: '' });
      return report.done(
        account
          ? t('smsAdmin.numbers.assigned', { number: number.phoneNumber, person: account.email })
          : t('smsAdmin.numbers.takenBack', { number: number.phoneNumber }),
      );
    },
    onError: (failure) => {
      const message = applyProblem(failure, setFieldError, ['assignTo'], t('settings.error'));
      if (message !== null) {
        report.alert(message);
      }
    },
  });
  const verify = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/admin/sms/numbers/{id}/verify', { params: { path: { id: number.id } } })),
    onSuccess: () => report.done(t('smsAdmin.numbers.verified', { number: number.phoneNumber })),
    onError: report.failed,
  });
  const release = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/admin/sms/numbers/{id}', { params: { path: { id: number.id } } })),
    onSuccess: () => report.done(t('smsAdmin.numbers.released', { number: number.phoneNumber })),
    onError: report.failed,
  });

  const give = handleSubmit(({ assignTo }) => {
    assign.mutate(assignTo);
  });

  const checked = number.lastVerifiedAt
    ? t(number.pointsHere ? 'smsAdmin.numbers.pointsHere' : 'smsAdmin.numbers.pointsElsewhere', {
        when: formatInstant(language, number.lastVerifiedAt, timeZone, { dateStyle: 'medium', timeStyle: 'short' }),
      })
    : t('smsAdmin.numbers.neverChecked');

  return (
    <li className="flex flex-col gap-3 px-5 py-4">
      <h3 className="text-lg font-semibold">{number.phoneNumber}</h3>
      <p>
        {number.assignedTo === null
          ? t('smsAdmin.numbers.unassigned')
          : t('smsAdmin.numbers.givenTo', { person: holder.data?.email ?? number.assignedTo })}
      </p>
      <p className={mutedText}>{checked}</p>
      {number.assignedTo === null ? (
        <form onSubmit={(event) => void give(event)} noValidate className="flex flex-wrap items-end gap-3">
          <Field label={t('smsAdmin.numbers.giveTo')} type="email" autoComplete="off" error={errors.assignTo?.message} {...register('assignTo')} />
          <button type="submit" className={quietButton} disabled={assign.isPending}>
            {t('smsAdmin.numbers.give')}
          </button>
        </form>
      ) : null}
      <div className="flex flex-wrap gap-3">
        {number.assignedTo !== null && (
          <button
            type="button"
            className={quietButton}
            disabled={assign.isPending}
            onClick={() => {
              assign.mutate(null);
            }}
          >
            {t('smsAdmin.numbers.takeBack')}{' '}
            <span className="sr-only">{number.phoneNumber}</span>
          </button>
        )}
        {number.twilioSid !== null && (
          <button
            type="button"
            className={quietButton}
            disabled={verify.isPending}
            onClick={() => {
              verify.mutate();
            }}
          >
            {t('smsAdmin.numbers.verify')}{' '}
            <span className="sr-only">{number.phoneNumber}</span>
          </button>
        )}
        <button
          type="button"
          className={quietButton}
          disabled={release.isPending}
          onClick={() => {
            if (window.confirm(t('smsAdmin.numbers.confirmRelease', { number: number.phoneNumber }))) {
              release.mutate();
            }
          }}
        >
          {t('smsAdmin.numbers.release')}{' '}
          <span className="sr-only">{number.phoneNumber}</span>
        </button>
      </div>
    </li>
  );
}

function BuyNumber({ report }: { report: Report }) {
  const { t } = useI18n();
  const [country, setCountry] = useState('');
  const [areaCode, setAreaCode] = useState('');
  const [invalid, setInvalid] = useState<{ country?: string; areaCode?: string }>({});
  const [query, setQuery] = useState<{ country: string; areaCode?: number } | null>(null);
  const available = useQuery({
    queryKey: ['admin', 'sms', 'available', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/sms/numbers/available', { params: { query: query ?? { country: '' } }, signal })),
    enabled: query !== null,
  });
  const buy = useMutation({
    mutationFn: (phoneNumber: string) => unwrap(api.POST('/api/v1/admin/sms/numbers', { body: { phoneNumber, assignTo: null } })),
    onSuccess: (number) => {
      setQuery(null);
      return report.done(t('smsAdmin.numbers.bought', { number: number.phoneNumber }));
    },
    onError: report.failed,
  });
  const serverErrors = Object.fromEntries(Object.entries(fieldErrors(available.error)).map(([field, message]) => [field.toLowerCase(), message]));

  function search(event: SyntheticEvent) {
    event.preventDefault();
    const code = country.trim().toUpperCase();
    const area = areaCode.trim();
    const errors = {
      country: /^[A-Z]{2}$/.test(code) ? undefined : t('smsAdmin.numbers.countryInvalid'),
      areaCode: area === '' || /^[1-9]\d{2}$/.test(area) ? undefined : t('smsAdmin.numbers.areaCodeInvalid'),
    };
    setInvalid(errors);
    if (!errors.country && !errors.areaCode) {
      setQuery(area === '' ? { country: code } : { country: code, areaCode: Number(area) });
    }
  }

  const results: AvailableSmsNumber[] = available.data ?? [];
  return (
    <div className="flex flex-col gap-4">
      <h3 className="text-xl font-semibold">{t('smsAdmin.numbers.buyTitle')}</h3>
      <form onSubmit={search} noValidate className="flex flex-wrap items-end gap-3">
        <Field
          label={t('smsAdmin.numbers.country')}
          hint={t('smsAdmin.numbers.countryHint')}
          autoComplete="off"
          maxLength={2}
          value={country}
          error={invalid.country ?? serverErrors.country}
          onChange={(e) => {
            setCountry(e.target.value);
          }}
        />
        <Field
          label={t('smsAdmin.numbers.areaCode')}
          inputMode="numeric"
          autoComplete="off"
          maxLength={3}
          value={areaCode}
          error={invalid.areaCode ?? serverErrors.areacode}
          onChange={(e) => {
            setAreaCode(e.target.value);
          }}
        />
        <SubmitButton busy={available.isFetching}>{t('smsAdmin.numbers.search')}</SubmitButton>
      </form>
      {query !== null &&
        (available.isPending ? (
          <p role="status">{t('settings.loading')}</p>
        ) : available.isError ? (
          Object.keys(serverErrors).length === 0 && <p role="alert">{problemMessage(available.error, t('settings.error'))}</p>
        ) : results.length === 0 ? (
          <p className={emptyState}>{t('smsAdmin.numbers.noResults')}</p>
        ) : (
          <ul aria-label={t('smsAdmin.numbers.results')} className={listFrame}>
            {results.map((offer) => (
              <li key={offer.phoneNumber} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
                <p>
                  <span className="font-medium">{offer.friendlyName ?? offer.phoneNumber}</span>{' '}
                  <span className={mutedText}>{[offer.locality, offer.region].filter(Boolean).join(', ')}</span>
                </p>
                <button
                  type="button"
                  className={quietButton}
                  disabled={buy.isPending}
                  onClick={() => {
                    if (window.confirm(t('smsAdmin.numbers.confirmBuy', { number: offer.phoneNumber }))) {
                      buy.mutate(offer.phoneNumber);
                    }
                  }}
                >
                  {t('smsAdmin.numbers.buy')}{' '}
                  <span className="sr-only">{offer.phoneNumber}</span>
                </button>
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}
