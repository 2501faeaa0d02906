import { useState } from 'react';
import { useI18n } from '../../i18n';
import { primaryButton, quietButton } from '../../ui/styles';

/** Recovery codes, shown once: a list to copy or download, and a button to put them away. */
export function TwoStepRecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState<string | null>(null);
  const text = `${codes.join('\n')}\n`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setSaved(t('settings.twoStep.copied'));
    } catch {
      setSaved(t('settings.twoStep.copyFailed'));
    }
  }

  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'recovery-codes.txt';
    link.click();
    URL.revokeObjectURL(url);
    setSaved(t('settings.twoStep.downloaded'));
  }

  return (
    <div className="rounded-2xl border border-amber-300 bg-amber-50 p-5 dark:border-amber-800 dark:bg-amber-950">
      <p className="font-medium">{t('settings.mfa.recoveryIntro')}</p>
      <ul aria-label={t('settings.mfa.recoveryLabel')} className="mt-3 grid grid-cols-2 gap-2 font-mono text-base">
        {codes.map((recovery) => (
          <li key={recovery}>{recovery}</li>
        ))}
      </ul>
      <div className="mt-4 flex flex-wrap gap-3">
        <button type="button" className={quietButton} onClick={() => void copy()}>
          {t('settings.twoStep.copy')}
        </button>
        <button type="button" className={quietButton} onClick={download}>
          {t('settings.twoStep.download')}
        </button>
        <button type="button" className={primaryButton} onClick={onDone}>
          {t('settings.twoStep.keptThem')}
        </button>
      </div>
      <p role="status" className="mt-3 text-base">
        {saved}
      </p>
    </div>
  );
}
