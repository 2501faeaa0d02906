import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n';
import { Field, fieldErrors, FormAlert, problemMessage, SubmitButton } from '../../ui/form';
import { ChannelChoices } from './ChannelChoices';
import { useAuth } from '../auth/AuthProvider';
import { settingsKeys } from './settings';

type Preferences = components['schemas']['PreferencesDto'];

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
  const [form, setForm] = useState(initial);
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: Preferences) => unwrap(api.PUT('/api/v1/users/me/preferences', { body })),
    onSuccess: (result) => {
      setForm(result);
      setSaved(t('settings.preferences.saved'));
      return queryClient.invalidateQueries({ queryKey: settingsKeys.preferences });
    },
  });
  const errors = fieldErrors(save.error);
  const set = (patch: Partial<Preferences>) => {
    setSaved(null);
    setForm((current) => ({ ...current, ...patch }));
  };

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    save.mutate({ ...form, dailyNudgeCap: Number(form.dailyNudgeCap), missesBeforeBreakdown: Number(form.missesBeforeBreakdown) });
  }

  return (
    <form onSubmit={submit} className="mt-4 flex flex-col gap-5" noValidate>
      <FormAlert message={save.isError ? problemMessage(save.error, t('settings.error')) : null} />
      <div className="grid gap-5 sm:grid-cols-2">
        <Field
          label={t('settings.preferences.quietStart')}
          type="time"
          value={form.quietHoursStart ?? ''}
          error={errors.quietHoursStart}
          onChange={(e) => {
            set({ quietHoursStart: e.target.value || null });
          }}
        />
        <Field
          label={t('settings.preferences.quietEnd')}
          type="time"
          value={form.quietHoursEnd ?? ''}
          error={errors.quietHoursEnd}
          onChange={(e) => {
            set({ quietHoursEnd: e.target.value || null });
          }}
        />
        <Field
          label={t('settings.preferences.morning')}
          type="time"
          value={form.morningBriefingTime ?? ''}
          error={errors.morningBriefingTime}
          onChange={(e) => {
            set({ morningBriefingTime: e.target.value || null });
          }}
        />
        <Field
          label={t('settings.preferences.evening')}
          type="time"
          value={form.eveningReviewTime ?? ''}
          error={errors.eveningReviewTime}
          onChange={(e) => {
            set({ eveningReviewTime: e.target.value || null });
          }}
        />
        <Field
          label={t('settings.preferences.nudgeCap')}
          type="number"
          min={0}
          max={50}
          value={String(form.dailyNudgeCap)}
          error={errors.dailyNudgeCap}
          onChange={(e) => {
            set({ dailyNudgeCap: Number(e.target.value) });
          }}
        />
        <Field
          label={t('settings.preferences.currency')}
          maxLength={3}
          value={form.defaultCurrency}
          error={errors.defaultCurrency}
          onChange={(e) => {
            set({ defaultCurrency: e.target.value.toUpperCase() });
          }}
        />
      </div>
      <ChannelChoices
        value={form.preferredChannels}
        emailConfirmed={user?.emailConfirmed === true}
        error={errors.preferredChannels}
        onChange={(channels) => {
          set({ preferredChannels: channels });
        }}
      />
      <fieldset className="flex flex-wrap gap-3">
        <legend className="mb-2 text-base font-medium">{t('settings.preferences.replyStyle')}</legend>
        {(['brief', 'detailed'] as const).map((style) => (
          <label key={style} className="inline-flex min-h-11 items-center gap-2 rounded-lg border border-stone-300 px-3 dark:border-stone-700">
            <input
              type="radio"
              name="replyStyle"
              value={style}
              checked={form.replyStyle === style}
              onChange={() => {
                set({ replyStyle: style });
              }}
            />
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
