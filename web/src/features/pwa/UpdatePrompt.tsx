import { useI18n } from '../../i18n';
import { primaryButton, quietButton } from '../../ui/styles';
import { applyUpdate, dismissUpdate, useUpdateReady } from './registerWorker';

/** A calm toast when a new version waits: Reload now, or Later (it then starts with the next visit). */
export function UpdatePrompt() {
  const { t } = useI18n();
  const ready = useUpdateReady();
  if (!ready) {
    return null;
  }
  return (
    <div className="fixed inset-x-3 bottom-[calc(5rem+env(safe-area-inset-bottom))] z-50 mx-auto flex max-w-md flex-col gap-3 sm:flex-row sm:items-center rounded-2xl border border-stone-300 bg-white px-5 py-4 shadow-lg md:bottom-6 dark:border-stone-700 dark:bg-stone-900">
      <p role="status" className="flex-1 text-base text-stone-900 dark:text-stone-50">
        {t('pwa.update.ready')}
      </p>
      <div className="flex justify-end gap-2">
        <button type="button" className={quietButton} onClick={dismissUpdate}>
          {t('pwa.update.later')}
        </button>
        <button type="button" className={primaryButton} onClick={applyUpdate}>
          {t('pwa.update.reload')}
        </button>
      </div>
    </div>
  );
}
