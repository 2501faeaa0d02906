import { useId } from 'react';
import { useI18n } from '../../i18n';
import { mutedText, quietButton } from '../../ui/styles';
import { install, useInstallState } from './install';

/** In More: a quiet way to install the app, when the browser offers it (or a hint on iPhone and iPad). */
export function InstallSection() {
  const { t } = useI18n();
  const titleId = useId();
  const state = useInstallState();
  if (state === 'none') {
    return null;
  }
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-2">
      <h2 id={titleId} className="text-xl font-semibold tracking-tight">
        {t('pwa.install.title')}
      </h2>
      {state === 'available' && (
        <>
          <p className={mutedText}>{t('pwa.install.hint')}</p>
          <div>
            <button
              type="button"
              className={quietButton}
              onClick={() => {
                void install();
              }}
            >
              {t('pwa.install.button')}
            </button>
          </div>
        </>
      )}
      {state === 'ios' && <p className="text-base">{t('pwa.install.ios')}</p>}
      {state === 'installed' && <p role="status" className="text-base">{t('pwa.install.done')}</p>}
    </section>
  );
}
