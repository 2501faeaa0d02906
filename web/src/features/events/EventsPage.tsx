import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { useTimeZone } from '../../ui/timeZone';
import { formatDate, formatDateTime, formatTime, todayIn } from '../../ui/dates';
import { emptyState, mutedText, quietButton } from '../../ui/styles';
import { FormAlert, problemMessage } from '../../ui/form';
import { AddEventForm } from './AddEventForm';
import { CalendarFeed } from './CalendarFeed';
import { DeleteRepeatChoice } from './DeleteRepeatChoice';
import { ImportCalendar } from './ImportCalendar';
import { byDay, eventKeys, occurrenceKey, weekQuery, weekStart, type Occurrence } from './events';

/** The calendar as a week list: what is on each day, in the person's zone; add, delete, and subscribe from another calendar. */
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
        {week.isPending ? (
          <p className={mutedText}>{t('common.loading')}</p>
        ) : week.isError ? (
          <p>{problemMessage(week.error, t('events.error.load'))}</p>
        ) : week.data.length === 0 ? (
          <p className={emptyState}>{t('events.empty')}</p>
        ) : (
          <div className="flex flex-col gap-6">
            {byDay(week.data, timeZone).map(({ day, items }) => (
              <section key={day} aria-label={dayName(day)} className="flex flex-col gap-2">
                <h3 className="text-lg font-semibold">
                  {dayName(day)}
                  {day === today && <span className="ml-2 text-sm font-normal">{t('events.today')}</span>}
                </h3>
                <ul className="flex flex-col gap-2">
                  {items.map((occurrence) => (
                    <li
                      key={occurrenceKey(occurrence)}
                      className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-stone-200 bg-white px-4 py-3 dark:border-stone-800 dark:bg-stone-900"
                    >
                      <div>
                        <p className="text-lg font-medium">{occurrence.title}</p>
                        <p className={mutedText}>
                          {[
                            t('events.time', { start: formatTime(language, occurrence.start, timeZone), end: formatTime(language, occurrence.end, timeZone) }),
                            occurrence.location,
                            occurrence.repeats ? t('events.repeats') : null,
                          ]
                            .filter(Boolean)
                            .join(' · ')}
                        </p>
                      </div>
                      {choosing !== occurrenceKey(occurrence) && (
                        <button
                          type="button"
                          className={quietButton}
                          aria-label={t('events.delete.label', { title: occurrence.title })}
                          aria-expanded={occurrence.repeats ? false : undefined}
                          onClick={() => {
                            if (occurrence.repeats) {
                              setChoosing(occurrenceKey(occurrence));
                            } else if (window.confirm(t('events.delete.confirm', { title: occurrence.title }))) {
                              remove.mutate({ occurrence, only: false });
                            }
                          }}
                        >
                          {t('common.delete')}
                        </button>
                      )}
                      {choosing === occurrenceKey(occurrence) && (
                        <DeleteRepeatChoice
                          occurrence={occurrence}
                          busy={remove.isPending}
                          onChoose={(only) => {
                            remove.mutate({ occurrence, only });
                          }}
                          onCancel={() => {
                            setChoosing(null);
                          }}
                        />
                      )}
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
        )}
      </section>
      <ImportCalendar />
      <CalendarFeed />
    </section>
  );
}
