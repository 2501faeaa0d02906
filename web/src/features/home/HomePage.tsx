import { Link } from 'react-router';
import { useI18n, type MessageKey } from '../../i18n';
import { primaryButton, quietButton } from '../../ui/styles';

const features: readonly { title: MessageKey; body: MessageKey }[] = [
  { title: 'home.capture.title', body: 'home.capture.body' },
  { title: 'home.echo.title', body: 'home.echo.body' },
  { title: 'home.nextStep.title', body: 'home.nextStep.body' },
  { title: 'home.nudges.title', body: 'home.nudges.body' },
  { title: 'home.noShame.title', body: 'home.noShame.body' },
];

const smsSteps: readonly MessageKey[] = ['home.sms.step1', 'home.sms.step2', 'home.sms.step3', 'home.sms.step4'];

const card = 'rounded-2xl border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900';
const prose = 'leading-relaxed text-stone-700 dark:text-stone-300';

/** The landing page for people not signed in: what it does and for whom, how texting works, privacy, and one way in. */
export function HomePage() {
  const { t } = useI18n();

  return (
    <div className="flex flex-col gap-12">
      <title>{t('app.name')}</title>
      <section aria-labelledby="home-title">
        <h1 id="home-title" className="text-3xl font-semibold tracking-tight text-balance sm:text-4xl">
          {t('home.title')}
        </h1>
        <p className="mt-5 max-w-prose text-lg leading-relaxed text-stone-700 dark:text-stone-300">{t('home.intro')}</p>
        <div className="mt-8 flex flex-wrap items-center gap-x-4 gap-y-3">
          <Link to="/register" className={`${primaryButton} min-h-12 text-lg`}>
            {t('home.signUp')}
          </Link>
          <span className="text-base text-stone-700 dark:text-stone-300">{t('home.haveAccount')}</span>
          <Link to="/login" className={quietButton}>
            {t('home.signIn')}
          </Link>
        </div>
      </section>

      <section aria-labelledby="home-for-whom">
        <h2 id="home-for-whom" className="text-xl font-semibold">
          {t('home.forWhom.title')}
        </h2>
        <p className={`mt-3 max-w-prose text-lg ${prose}`}>{t('home.forWhom.body')}</p>
      </section>

      <section aria-labelledby="home-features">
        <h2 id="home-features" className="text-xl font-semibold">
          {t('home.featuresHeading')}
        </h2>
        <ul className="mt-5 grid gap-4 sm:grid-cols-2">
          {features.map((feature) => (
            <li key={feature.title} className={`${card} sm:last:odd:col-span-2`}>
              <h3 className="text-lg font-semibold text-teal-900 dark:text-teal-200">{t(feature.title)}</h3>
              <p className={`mt-2 ${prose}`}>{t(feature.body)}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="home-sms" className={card}>
        <h2 id="home-sms" className="text-xl font-semibold">
          {t('home.sms.title')}
        </h2>
        <ol className={`mt-4 list-decimal space-y-2 pl-6 ${prose}`}>
          {smsSteps.map((step) => (
            <li key={step}>{t(step)}</li>
          ))}
        </ol>
        <p className="mt-4 text-sm text-stone-600 dark:text-stone-400">{t('home.sms.note')}</p>
      </section>

      <section aria-labelledby="home-private">
        <h2 id="home-private" className="text-xl font-semibold">
          {t('home.private.title')}
        </h2>
        <p className={`mt-3 max-w-prose text-lg ${prose}`}>{t('home.private.body')}</p>
        <p className={`mt-3 max-w-prose ${prose}`}>{t('home.private.model')}</p>
        <p className="mt-4">
          <Link
            to="/status"
            className="inline-flex min-h-11 items-center rounded-lg font-medium text-teal-800 underline decoration-2 underline-offset-4 hover:text-teal-950 dark:text-teal-300 dark:hover:text-teal-100"
          >
            {t('home.statusLink')}
          </Link>
        </p>
      </section>
    </div>
  );
}
