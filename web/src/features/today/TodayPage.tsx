import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n';
import { formatDate, formatTime, todayIn } from '../../ui/dates';
import { emptyState, listFrame, mutedText } from '../../ui/styles';
import { useTimeZone } from '../../ui/timeZone';
import { problemMessage } from '../../ui/form';
import { remindersQuery } from '../reminders/reminders';
import { tasksQuery } from '../tasks/tasks';
import { WhatNext } from '../tasks/WhatNext';
import { QuickCapture } from './QuickCapture';
import { doneOn, doneTasksQuery, planFor, todaysEventsQuery, type PlanItem } from './today';

const kindLabel = { event: 'today.plan.event', reminder: 'today.plan.reminder', task: 'today.plan.task' } as const;

/** Today's events, reminders and tasks due today on a simple timeline, and what rolled over, gently. */
function YourDay({ today }: { today: string }) {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const titleId = useId();
  const events = useQuery(todaysEventsQuery(today, timeZone));
  const reminders = useQuery(remindersQuery('active'));
  const dueToday = useQuery(tasksQuery('today'));
  const overdue = useQuery(tasksQuery('overdue'));
  const [now] = useState(() => Date.now());

  const failure = events.error ?? reminders.error ?? dueToday.error;
  let body;
  if (failure) {
    body = <p className="text-base">{problemMessage(failure, t('today.plan.error'))}</p>;
  } else if (!events.data || !reminders.data || !dueToday.data) {
    body = <p className="text-base">{t('today.plan.loading')}</p>;
  } else {
    const plan = planFor(today, timeZone, { events: events.data, reminders: reminders.data, tasks: dueToday.data.items });
    body =
      plan.length === 0 ? (
        <p className={emptyState}>{t('today.plan.empty')}</p>
      ) : (
        <ol className={listFrame}>
          {plan.map((item: PlanItem) => {
            const past = item.at !== null && Date.parse(item.end ?? item.at) < now;
            return (
              <li key={item.key} className={`flex gap-4 px-5 py-3 ${past ? 'bg-stone-50 dark:bg-stone-950' : ''}`}>
                <span className="w-20 shrink-0 text-base font-semibold tabular-nums">
                  {item.at ? <time dateTime={item.at}>{formatTime(language, item.at, timeZone)}</time> : <span className={mutedText}>{t('today.plan.anyTime')}</span>}
                </span>
                <span className="flex min-w-0 flex-col">
                  <span className="text-base break-words">{item.title}</span>
                  <span className={mutedText}>{t(kindLabel[item.kind])}</span>
                </span>
              </li>
            );
          })}
        </ol>
      );
  }

  // Tasks due today with a time already past are in both views: count only the days before today.
  const rolledOver = overdue.data?.items.filter((task) => task.dueDate !== today).length ?? 0;
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-3">
      <h2 id={titleId} className="text-2xl font-semibold tracking-tight">
        {t('today.plan.title')}
      </h2>
      {body}
      {rolledOver > 0 && (
        <p className="text-base text-stone-700 dark:text-stone-300">
          {rolledOver === 1 ? t('today.plan.rolledOver.one') : t('today.plan.rolledOver.many', { count: rolledOver })}{' '}
          <Link to="/tasks" className="inline-flex min-h-11 items-center font-medium text-teal-800 underline dark:text-teal-300">
            {t('today.plan.seeTasks')}
          </Link>
        </p>
      )}
    </section>
  );
}

/** What got done today: the list, and a plain word about it. Nothing about what did not. */
function DoneToday({ today }: { today: string }) {
  const { t } = useI18n();
  const timeZone = useTimeZone();
  const titleId = useId();
  const done = useQuery(doneTasksQuery());
  const finished = done.data ? doneOn(done.data.items, today, timeZone) : [];

  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-3">
      <h2 id={titleId} className="text-2xl font-semibold tracking-tight">
        {t('today.done.title')}
      </h2>
      {done.isError ? (
        <p className="text-base">{problemMessage(done.error, t('today.plan.error'))}</p>
      ) : done.isPending ? null : finished.length === 0 ? (
        <p className={emptyState}>{t('today.done.empty')}</p>
      ) : (
        <>
          <p className="text-base font-medium text-teal-900 dark:text-teal-200">
            {finished.length === 1 ? t('today.done.one') : t('today.done.many', { count: finished.length })}
          </p>
          <ul className={listFrame}>
            {finished.map((task) => (
              <li key={task.id} className="flex items-center gap-3 px-5 py-3 text-base">
                <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5 shrink-0 text-teal-700 dark:text-teal-300" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
                  <path d="M5 12.5 10 17l9-10" />
                </svg>
                <span className="break-words">{task.title}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** Today, the home page after sign-in: one thing to do now, a box to capture, the day, and what got done. */
export function TodayPage() {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const titleId = useId();
  const today = todayIn(timeZone);

  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-10">
      <title>{`${t('today.title')} · ${t('app.name')}`}</title>
      <div>
        <h1 id={titleId} className="text-3xl font-semibold tracking-tight">
          {t('today.title')}
        </h1>
        <p className="mt-1 text-lg text-stone-700 dark:text-stone-300">{formatDate(language, today, { weekday: 'long', month: 'long', day: 'numeric' })}</p>
      </div>
      <WhatNext now />
      <QuickCapture />
      <YourDay today={today} />
      <DoneToday today={today} />
    </section>
  );
}
