import { Link } from 'react-router';
import { useI18n, type MessageKey } from '../../i18n';

const features: readonly { title: MessageKey; body: MessageKey }[] = [
  { title: 'home.capture.title', body: 'home.capture.body' },
  { title: 'home.echo.title', body: 'home.echo.body' },
  { title: 'home.nextStep.title', body: 'home.nextStep.body' },
  { title: 'home.nudges.title', body: 'home.nudges.body' },
  { title: 'home.noShame.title', body: 'home.noShame.body' },
  { title: 'home.channels.title', body: 'home.channels.body' },
  { title: 'home.private.title', body: 'home.private.body' },
];

export function HomePage() {
  const { t } = useI18n();

  return (
    <>
      <title>{t('app.name')}</title>
      <section aria-labelledby="home-title">
        <h1 id="home-title" className="text-3xl font-semibold tracking-tight text-balance sm:text-4xl">
          {t('home.title')}
        </h1>
        <p className="mt-5 max-w-prose text-lg leading-relaxed text-stone-700 dark:text-stone-300">{t('home.intro')}</p>
      </section>

      <section aria-labelledby="home-features" className="mt-12">
        <h2 id="home-features" className="text-xl font-semibold">
          {t('home.featuresHeading')}
        </h2>
        <ul className="mt-5 grid gap-4 sm:grid-cols-2">
          {features.map((feature) => (
            <li
              key={feature.title}
              className="rounded-2xl border border-stone-200 bg-white p-5 sm:last:odd:col-span-2 dark:border-stone-800 dark:bg-stone-900"
            >
              <h3 className="text-lg font-semibold text-teal-900 dark:text-teal-200">{t(feature.title)}</h3>
              <p className="mt-2 leading-relaxed text-stone-700 dark:text-stone-300">{t(feature.body)}</p>
            </li>
          ))}
        </ul>
      </section>

      <p className="mt-12">
        <Link
          to="/status"
          className="inline-flex min-h-11 items-center rounded-lg font-medium text-teal-800 underline decoration-2 underline-offset-4 hover:text-teal-950 dark:text-teal-300 dark:hover:text-teal-100"
        >
          {t('home.statusLink')}
        </Link>
      </p>
    </>
  );
}
