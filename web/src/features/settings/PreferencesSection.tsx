import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import * as z from 'zod/mini';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n, type Translate } from '../../i18n';
import { applyProblem, Field, FormAlert, SubmitButton } from '../../ui/form';
import { formRules } from '../../ui/formRules';
import { ChannelChoices } from './ChannelChoices';
import { useAuth } from '../auth/AuthProvider';
import { settingsKeys } from './settings';

type Preferences = components['schemas']['PreferencesDto'];

/** The server's limits (PreferencesDto): both ends of the quiet hours or neither, 0 to 50 nudges, a currency code. */
function preferencesSchema(t: Translate) {
  return z
    .object({
      quietHoursStart: z.string(),
      quietHoursEnd: z.string(),
      morningBriefingTime: z.string(),
      eveningReviewTime: z.string(),
      dailyNudgeCap: formRules(t).wholeNumber(0, 50),
      defaultCurrency: z.string().check(z.trim(), z.regex(/^[A-Za-z]{3}$/, t('settings.preferences.currencyCode'))),
      preferredChannels: z.array(z.string()),
      replyStyle: z.string(),
    })
    .check(
      z.superRefine((values, context) => {
        if ((values.quietHoursStart === '') !== (values.quietHoursEnd === '')) {
          context.addIssue({ code: 'custom', path: ['quietHoursEnd'], message: t('settings.preferences.quietBothEnds'), input: values.quietHoursEnd });
        }
      }),
    );
}

type PreferencesValues = z.infer<ReturnType<typeof preferencesSchema>>;

const fields = [
  'quietHoursStart',
  'quietHoursEnd',
  'morningBriefingTime',
  'eveningReviewTime',
  'dailyNudgeCap',
  'defaultCurrency',
  'preferredChannels',
  'replyStyle',
] as const;

/** The form's values for saved preferences: times as the inputs hold them ('' for none), the cap as text. */
function formValues(preferences: Preferences): PreferencesValues {
  return {
    quietHoursStart: preferences.quietHoursStart ?? '',
    quietHoursEnd: preferences.quietHoursEnd ?? '',
    morningBriefingTime: preferences.morningBriefingTime ?? '',
    eveningReviewTime: preferences.eveningReviewTime ?? '',
    dailyNudgeCap: String(preferences.dailyNudgeCap),
    defaultCurrency: preferences.defaultCurrency,
    preferredChannels: preferences.preferredChannels,
    replyStyle: preferences.replyStyle,
  };
}

/** Quiet hours, nudges and reply style: when and how the assistant may reach the person. */
export function PreferencesSection() {
  const { t } = useI18n();
  const preferences = useQuery({
    queryKey: settingsKeys.preferences,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/users/me/preferences', { signal })),
  });
  return (
    <section aria-labelledby="preferences-title" className="mt-10">
      <h2 id="preferences-title" className="text-2xl font-semibold tracking-tight">
        {t('settings.preferences.title')}
      </h2>
      {preferences.data ? <PreferencesForm initial={preferences.data} /> : <p className="mt-4">{t('settings.loading')}</p>}
    </section>
  );
}

function PreferencesForm({ initial }: { initial: Preferences }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setValue,
    control,
    setError: setFieldError,
    formState: { errors },
  } = useForm<PreferencesValues>({ resolver: zodResolver(useMemo(() => preferencesSchema(t), [t])), defaultValues: formValues(initial) });
  const save = useMutation({
    mutationFn: (body: Preferences) => unwrap(api.PUT('/api/v1/users/me/preferences', { body })),
    onSuccess: (result) => {
      reset(formValues(result));
      setSaved(t('settings.preferences.saved'));
      return queryClient.invalidateQueries({ queryKey: settingsKeys.preferences });
    },
    onError: (failure) => {
      setError(applyProblem(failure, setFieldError, fields, t('settings.error')));
    },
  });
  const submit = handleSubmit((values) => {
    setError(null);
    save.mutate({
      ...values,
      quietHoursStart: values.quietHoursStart || null,
      quietHoursEnd: values.quietHoursEnd || null,
      morningBriefingTime: values.morningBriefingTime || null,
      eveningReviewTime: values.eveningReviewTime || null,
      dailyNudgeCap: Number(values.dailyNudgeCap),
      missesBeforeBreakdown: Number(initial.missesBeforeBreakdown),
    });
  });
  const channels = useWatch({ control, name: 'preferredChannels' });
  const currency = register('defaultCurrency');

  return (
    <form
      onSubmit={(event) => void submit(event)}
      onChange={() => {
        setSaved(null);
      }}
      className="mt-4 flex flex-col gap-5"
      noValidate
    >
      <FormAlert message={error} />
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label={t('settings.preferences.quietStart')} type="time" error={errors.quietHoursStart?.message} {...register('quietHoursStart')} />
        <Field label={t('settings.preferences.quietEnd')} type="time" error={errors.quietHoursEnd?.message} {...register('quietHoursEnd')} />
        <Field label={t('settings.preferences.morning')} type="time" error={errors.morningBriefingTime?.message} {...register('morningBriefingTime')} />
        <Field label={t('settings.preferences.evening')} type="time" error={errors.eveningReviewTime?.message} {...register('eveningReviewTime')} />
        <Field
          label={t('settings.preferences.nudgeCap')}
          type="number"
          min={0}
          max={50}
          error={errors.dailyNudgeCap?.message}
          {...register('dailyNudgeCap')}
        />
        <Field
          label={t('settings.preferences.currency')}
          maxLength={3}
          error={errors.defaultCurrency?.message}
          {...currency}
          onChange={(event) => {
            event.target.value = event.target.value.toUpperCase();
            void currency.onChange(event);
          }}
        />
      </div>
      <ChannelChoices
        value={channels}
        emailConfirmed={user?.emailConfirmed === true}
        error={errors.preferredChannels?.message}
        onChange={(chosen) => {
          setSaved(null);
          setValue('preferredChannels', chosen, { shouldDirty: true });
        }}
      />
      <fieldset className="flex flex-wrap gap-3">
        <legend className="mb-2 text-base font-medium">{t('settings.preferences.replyStyle')}</legend>
        {(['brief', 'detailed'] as const).map((style) => (
          <label key={style} className="inline-flex min-h-11 items-center gap-2 rounded-lg border border-stone-300 px-3 dark:border-stone-700">
            <input type="radio" value={style} {...register('replyStyle')} />
            {t(style === 'brief' ? 'settings.preferences.brief' : 'settings.preferences.detailed')}
          </label>
        ))}
      </fieldset>
      <SubmitButton busy={save.isPending}>{t('settings.preferences.save')}</SubmitButton>
      <p role="status" className="text-base text-teal-900 dark:text-teal-200">
        {saved}
      </p>
    </form>
  );
}
