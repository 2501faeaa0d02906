import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { formatInstant } from '../../ui/dates';
import { problemMessage } from '../../ui/form';
import { quietButton } from '../../ui/styles';
import { useAuth } from '../auth/AuthProvider';

/**
 * Shown on every page while the person's account waits for its deletion (they asked, then signed in again during
 * the grace period): the date, and a way to keep the account.
 */
export function DeletionBanner() {
  const { t, language } = useI18n();
  const { user, acceptProfile } = useAuth();
  const keep = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/users/me/deletion')),
    onSuccess: () => {
      if (user) {
        acceptProfile({ ...user, deletionDueAt: null });
      }
    },
  });
  if (!user?.deletionDueAt) {
    return null;
  }

  const date = formatInstant(language, user.deletionDueAt, user.timeZone, { dateStyle: 'full', timeStyle: 'short' });
  return (
    <section aria-labelledby="deletion-banner" className="border-b border-amber-200 bg-amber-50 px-5 py-4 text-stone-900 dark:border-amber-900 dark:bg-stone-900 dark:text-amber-100">
      <div className="mx-auto flex max-w-3xl flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <h2 id="deletion-banner" className="text-base font-semibold">{t('privacy.deletion.scheduled', { date })}</h2>
          <p className="text-base">{t('privacy.deletion.scheduledDetail')}</p>
          {keep.error && <p role="alert" className="text-base">{problemMessage(keep.error, t('privacy.deletion.keepFailed'))}</p>}
        </div>
        <button type="button" className={quietButton} disabled={keep.isPending} onClick={() => {
            keep.mutate();
          }}>
          {t('privacy.deletion.keep')}
        </button>
      </div>
    </section>
  );
}
