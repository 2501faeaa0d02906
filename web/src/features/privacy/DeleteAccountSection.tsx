import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { formatInstant } from '../../ui/dates';
import { FormAlert } from '../../ui/form';
import { ProofForm, type Proof } from '../../ui/ProofForm';
import { quietButton } from '../../ui/styles';
import { useAuth } from '../auth/AuthProvider';
import { mfaQuery } from '../settings/settings';

/**
 * Deleting the account: the password (and a second factor when sign-in asks for one), then a grace period during which
 * signing in can keep it. The server signs out everywhere, so this device signs out too and says what happens next.
 */
export function DeleteAccountSection({ graceDays }: { graceDays: number | null }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <section aria-labelledby="privacy-delete" className="mt-10 mb-6">
      <h2 id="privacy-delete" className="text-2xl font-semibold tracking-tight">
        {t('privacy.delete.title')}
      </h2>
      <p className="mt-2 text-base text-stone-700 dark:text-stone-300">
        {graceDays === 0 ? t('privacy.delete.introNow') : t(graceDays === 1 ? 'privacy.delete.intro.one' : 'privacy.delete.intro.many', { days: graceDays ?? 7 })}
      </p>
      {open ? (
        <DeleteForm
          onCancel={() => {
            setOpen(false);
          }}
        />
      ) : (
        <button
          type="button"
          className={`${quietButton} mt-4`}
          onClick={() => {
            setOpen(true);
          }}
        >
          {t('privacy.delete.start')}
        </button>
      )}
    </section>
  );
}

function DeleteForm({ onCancel }: { onCancel: () => void }) {
  const { t, language } = useI18n();
  const { user, signOut } = useAuth();
  const needsCode = user?.mfaEnabled ?? false;
  const mfa = useQuery({ ...mfaQuery, enabled: needsCode });
  if (needsCode && !mfa.data) {
    // The second factor's methods did not load: say so, and keep the way out.
    return mfa.isError ? (
      <div className="mt-6 flex flex-col gap-4">
        <FormAlert message={t('settings.error')} />
        <button type="button" className={`${quietButton} self-start`} onClick={onCancel}>
          {t('privacy.delete.cancel')}
        </button>
      </div>
    ) : (
      <p className="mt-6 text-base">{t('common.loading')}</p>
    );
  }

  async function deleteAccount({ password, method, code }: Proof) {
    const outcome = await unwrap(api.DELETE('/api/v1/users/me', { body: { password, method, code } }));
    const notice = outcome.deleted
      ? t('privacy.delete.done')
      : t('privacy.delete.scheduled', {
          date: formatInstant(language, outcome.deletesAt, user?.timeZone ?? 'UTC', { dateStyle: 'full', timeStyle: 'short' }),
        });
    // Signed out, the page's guard takes the person to the sign-in page, which says what happens next.
    await signOut(notice);
  }

  return (
    <ProofForm
      methods={mfa.data?.methods ?? []}
      withPassword
      username={user?.email ?? ''}
      labels={{
        submit: t('privacy.delete.submit'),
        busy: t('privacy.delete.busy'),
        cancel: t('privacy.delete.cancel'),
        error: t('privacy.delete.error'),
        password: t('privacy.delete.password'),
      }}
      onProof={deleteAccount}
      onCancel={onCancel}
    />
  );
}
