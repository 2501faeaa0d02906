import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import * as z from 'zod/mini';
import { api, unwrap } from '../../api/client';
import { languages, useI18n, type Translate } from '../../i18n';
import { applyProblem, Field, FormAlert, SelectField, SubmitButton } from '../../ui/form';
import { formRules } from '../../ui/formRules';
import { mutedText, quietButton } from '../../ui/styles';
import { browserTimeZone, isKnownTimeZone, timeZoneChoices, timeZoneLabel } from '../../ui/timeZone';
import { useAuth, type UserProfile } from '../auth/AuthProvider';

function profileSchema(t: Translate) {
  return z.object({
    displayName: formRules(t).text(100),
    timeZone: z.string().check(z.refine(isKnownTimeZone, t('form.timeZone'))),
    locale: z.enum(languages),
  });
}

type ProfileValues = z.infer<ReturnType<typeof profileSchema>>;

/** Name, time zone and language. Saving switches the app's language and times at once (they follow the profile). */
export function ProfileSection() {
  const { t } = useI18n();
  const { user } = useAuth();
  return (
    <section aria-labelledby="profile-title" className="mt-8">
      <h2 id="profile-title" className="text-2xl font-semibold tracking-tight">
        {t('settings.profile.title')}
      </h2>
      {user ? <ProfileForm user={user} /> : <p className="mt-4">{t('settings.loading')}</p>}
    </section>
  );
}

function ProfileForm({ user }: { user: UserProfile }) {
  const { t } = useI18n();
  const { acceptProfile } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const deviceZone = browserTimeZone();
  const zones = useMemo(() => timeZoneChoices(user.timeZone, deviceZone), [user.timeZone, deviceZone]);
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    setValue,
    control,
    formState: { errors },
  } = useForm<ProfileValues>({
    resolver: zodResolver(useMemo(() => profileSchema(t), [t])),
    defaultValues: {
      displayName: user.displayName,
      timeZone: user.timeZone,
      locale: languages.find((language) => language === user.locale) ?? 'en',
    },
  });
  const save = useMutation({
    mutationFn: (body: ProfileValues) => unwrap(api.PATCH('/api/v1/users/me', { body })),
    onSuccess: (profile) => {
      acceptProfile(profile);
      setSaved(true);
    },
    onError: (failure) => {
      setError(applyProblem(failure, setFieldError, ['displayName', 'timeZone', 'locale'], t('settings.profile.error')));
    },
  });
  const submit = handleSubmit((values) => {
    setError(null);
    setSaved(false);
    save.mutate(values);
  });
  const chosenZone = useWatch({ control, name: 'timeZone' });

  return (
    <form onSubmit={(event) => void submit(event)} onChange={() => {
        setSaved(false);
      }} className="mt-4 flex flex-col gap-5" noValidate>
      <FormAlert message={error} />
      <p className="text-base">
        <span className="font-medium">{t('auth.email')}</span> <span className="break-all">{user.email}</span>
      </p>
      <Field label={t('settings.name')} autoComplete="nickname" required maxLength={100} error={errors.displayName?.message} {...register('displayName')} />
      <div className="flex flex-col gap-2">
        <SelectField label={t('settings.timeZone')} hint={t('settings.profile.timeZoneHint')} error={errors.timeZone?.message} {...register('timeZone')}>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {timeZoneLabel(zone)}
            </option>
          ))}
        </SelectField>
        {chosenZone !== deviceZone && (
          <button
            type="button"
            className={`${quietButton} self-start`}
            onClick={() => {
              setSaved(false);
              setValue('timeZone', deviceZone, { shouldDirty: true, shouldValidate: true });
            }}
          >
            {t('settings.profile.useDevice', { zone: timeZoneLabel(deviceZone) })}
          </button>
        )}
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-base font-medium">{t('settings.profile.language')}</legend>
        <div className="flex flex-wrap gap-3">
          {languages.map((language) => (
            <label
              key={language}
              lang={language}
              className="inline-flex min-h-11 items-center gap-2 rounded-lg border border-stone-300 px-4 dark:border-stone-700"
            >
              <input type="radio" value={language} {...register('locale')} />
              {t(language === 'fr' ? 'language.fr' : 'language.en')}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton busy={save.isPending}>{save.isPending ? t('settings.profile.busy') : t('settings.profile.save')}</SubmitButton>
        <p role="status" className={saved ? 'text-base text-teal-900 dark:text-teal-200' : mutedText}>
          {saved ? t('settings.profile.saved') : ''}
        </p>
      </div>
    </form>
  );
}
