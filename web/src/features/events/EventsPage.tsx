import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { useTimeZone } from '../../ui/timeZone';
import { formatDate, formatDateTime, todayIn } from '../../ui/dates';
import { emptyState, mutedText, quietButton } from '../../ui/styles';
import { useRememberedChoice } from '../../ui/rememberedChoice';
import { useWideScreen } from '../../ui/wideScreen';
import { FormAlert, problemMessage } from '../../ui/form';
import { AddEventForm } from './AddEventForm';
import { CalendarFeed } from './CalendarFeed';
import { EventItem } from './EventItem';
import { ImportCalendar } from './ImportCalendar';
import { byDay, eventKeys, occurrenceKey, weekDays, weekQuery, weekStart, type Occurrence } from './events';

const calendarViews = ['week', 'list'] as const;
type CalendarView = (typeof calendarViews)[number];

/**
 * The calendar, a week at a time in the person's zone: as a list of the days that have something, or on a wide screen
 * as a grid of the seven days (the person's choice, kept on this device); add, delete, import a file, and subscribe
 * from another calendar.
 */
export function EventsPage() {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const titleId = useId();
  const weekId = useId();
  const [offset, setOffset] = useState(0);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The repeating occurrence whose delete asks "only this one or the whole series". */
  const [choosing, setChoosing] = useState<string | null>(null);
  const start = weekStart(timeZone, offset);
  const week = useQuery(weekQuery(start, timeZone));
  // A phone has no room for seven columns: there the list is the only view.
  const wide = useWideScreen();
  const [chosenView, setView] = useRememberedChoice<CalendarView>('pa.calendarView', calendarViews);
  const view: CalendarView = wide ? (chosenView ?? 'week') : 'list';

  const remove = useMutation({
    mutationFn: ({ occurrence, only }: { occurrence: Occurrence; only: boolean }) =>
      only
        ? unwrap(api.DELETE('/api/v1/events/{id}/occurrences/{start}', { params: { path: { id: occurrence.eventId, start: occurrence.start } } }))
        : unwrap(api.DELETE('/api/v1/events/{id}', { params: { path: { id: occurrence.eventId } } })),
    onSuccess: (_result, { occurrence, only }) => {
      setError(null);
      setChoosing(null);
      setStatus(
        only
          ? t('events.deletedOne', { title: occurrence.title, when: formatDateTime(language, occurrence.start, timeZone) })
          : t('events.deleted', { title: occurrence.title }),
      );
      return queryClient.invalidateQueries({ queryKey: eventKeys.all });
    },
    onError: (failure) => {
      setStatus(null);
      setError(problemMessage(failure, t('events.error.save')));
    },
  });

  const dayName = (day: string) => formatDate(language, day, { weekday: 'long', month: 'long', day: 'numeric' });
  const weekLabel = t('events.weekOf', { day: formatDate(language, start, { month: 'long', day: 'numeric' }) });
  const today = todayIn(timeZone);
  const days = week.data ? byDay(week.data, timeZone) : [];

  /** One day and its events, the same in both views: a section named by the day, today said in words too. */
  const daySection = (day: string, items: readonly Occurrence[], narrow: boolean): ReactNode => (
    <section
      key={day}
      aria-label={dayName(day)}
      aria-current={day === today ? 'date' : undefined}
      className={narrow ? `flex min-w-0 flex-col gap-2 border-t-4 pt-2 ${day === today ? 'border-teal-700 dark:border-teal-400' : 'border-transparent'}` : 'flex flex-col gap-2'}
    >
      <h3 className={narrow ? 'text-base font-semibold' : 'text-lg font-semibold'}>
        {narrow ? formatDate(language, day, { weekday: 'short', day: 'numeric' }) : dayName(day)}
        {day === today && <span className={narrow ? 'block text-sm font-normal' : 'ml-2 text-sm font-normal'}>{t('events.today')}</span>}
      </h3>
      {items.length === 0 ? (
        <p className={mutedText}>{t('events.dayFree')}</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {items.map((occurrence) => (
            <EventItem
              key={occurrenceKey(occurrence)}
              occurrence={occurrence}
              narrow={narrow}
              choosing={choosing === occurrenceKey(occurrence)}
              busy={remove.isPending}
              onAsk={() => {
                setChoosing(occurrenceKey(occurrence));
              }}
              onRemove={(only) => {
                remove.mutate({ occurrence, only });
              }}
              onCancel={() => {
                setChoosing(null);
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );

  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-8">
      <title>{`${t('events.title')} · ${t('app.name')}`}</title>
      <h1 id={titleId} className="text-3xl font-semibold tracking-tight">
        {t('events.title')}
      </h1>
      <AddEventForm
        onAdded={(echo) => {
          setError(null);
          setStatus(echo);
        }}
      />
      <div className="flex flex-col gap-2">
        <FormAlert message={error} />
        <p role="status" aria-live="polite" className="min-h-6 text-base text-teal-900 dark:text-teal-200">
          {status}
        </p>
      </div>
      <section aria-labelledby={weekId} className="flex flex-col gap-4">
        <h2 id={weekId} className="text-2xl font-semibold tracking-tight">
          {offset === 0 ? t('events.thisWeek') : weekLabel}
        </h2>
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className={quietButton}
            onClick={() => {
              setOffset(offset - 1);
            }}
          >
            {t('events.previousWeek')}
          </button>
          {offset !== 0 && (
            <button
              type="button"
              className={quietButton}
              onClick={() => {
                setOffset(0);
              }}
            >
              {t('events.thisWeek')}
            </button>
          )}
          <button
            type="button"
            className={quietButton}
            onClick={() => {
              setOffset(offset + 1);
            }}
          >
            {t('events.nextWeek')}
          </button>
        </div>
        {wide && (
          <ChoiceGroup
            label={t('events.view.label')}
            choices={calendarViews}
            chosen={view}
            name={(choice) => t(`events.view.${choice}`)}
            onChoose={setView}
          />
        )}
        {week.isPending ? (
          <p className={mutedText}>{t('common.loading')}</p>
        ) : week.isError ? (
          <p>{problemMessage(week.error, t('events.error.load'))}</p>
        ) : week.data.length === 0 ? (
          <p className={emptyState}>{t('events.empty')}</p>
        ) : view === 'list' ? (
          <div className="flex flex-col gap-6">{days.map(({ day, items }) => daySection(day, items, false))}</div>
        ) : (
          // All seven days side by side, wider than the page's text column (as wide as the header) so each day has room.
          <div className="relative left-1/2 grid w-[min(64rem,calc(100vw-2.5rem))] -translate-x-1/2 grid-cols-7 gap-2">
            {weekDays(start).map((day) => daySection(day, days.find((entry) => entry.day === day)?.items ?? [], true))}
          </div>
        )}
      </section>
      <ImportCalendar />
      <CalendarFeed />
    </section>
  );
}

