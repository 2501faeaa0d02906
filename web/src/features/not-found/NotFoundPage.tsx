import { Link } from 'react-router';
import { useI18n } from '../../i18n';

export function NotFoundPage() {
  const { t } = useI18n();

  return (
    <section aria-labelledby="not-found-title">
      <title>{`${t('notFound.title')} · ${t('app.name')}`}</title>
      <h1 id="not-found-title" className="text-3xl font-semibold tracking-tight">
        {t('notFound.title')}
      </h1>
      <p className="mt-4 text-lg text-stone-700 dark:text-stone-300">{t('notFound.body')}</p>
      <p className="mt-8">
        <Link to="/" className="button-primary">
          {t('notFound.home')}
        </Link>
      </p>
    </section>
  );
}
