import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { problemMessage } from '../../ui/form';
import { calloutCard, labelClass, mutedText, primaryButton, quietButton } from '../../ui/styles';
import { saveFocus, useClock, useFocusTimer } from './focusStore';
import {
  addMinutes,
  defaultFocusMinutes,
  focusLengths,
  isPaused,
  lengthMinutes,
  milestoneAt,
  minutesLeft,
  minutesSpent,
  pauseFocus,
  resumeFocus,
  startFocus,
  timeLeft,
} from './focusTimer';
import { taskKeys } from './tasks';

/**
 * Chooses how long to focus on `task` (15 minutes unless changed) and starts the one timer; `onDone` closes it and
 * says whether a timer was started.
 */
export function FocusChooser({ task, onDone }: { task: { id: string; title: string }; onDone: (started: boolean) => void }) {
  const { t } = useI18n();
  const labelId = useId();
  const current = useFocusTimer();
  const [minutes, setMinutes] = useState<number>(defaultFocusMinutes);
  return (
    <div className="flex flex-col gap-3 rounded-xl border border-stone-200 px-4 py-3 dark:border-stone-800">
      <div className="flex flex-col gap-2">
        <span id={labelId} className={labelClass}>
          {t('tasks.focus.length')}
        </span>
        <ChoiceGroup
          labelledBy={labelId}
          choices={focusLengths}
          chosen={minutes}
          name={(length) => t('tasks.focus.minutes', { minutes: length })}
          onChoose={setMinutes}
        />
      </div>
      {current && <p className={mutedText}>{t('tasks.focus.replaces', { title: current.title })}</p>}
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={primaryButton}
          onClick={() => {
            saveFocus(startFocus(task, minutes, Date.now()));
            onDone(true);
          }}
        >
          {t('tasks.focus.start')}
        </button>
        <button
          type="button"
          className={quietButton}
          onClick={() => {
            onDone(false);
          }}
        >
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}

/** Where a timer stands, as far as screen readers are told: which run, ended or not, the last milestone reached. */
interface Stage {
  startedAt: number;
  ended: boolean;
  milestone: number | null;
}

/**
 * The running focus timer: the task, the minutes left in large calm text, a progress bar, Pause or Resume, "+5 min"
 * and Stop; at the end a calm message with "Mark done", "5 more minutes" and "Take a break". Screen readers hear the
 * start, pause, resume, a few milestones and the end, not every minute.
 */
export function FocusTimer() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const titleId = useId();
  const timer = useFocusTimer();
  const now = useClock();
  const panel = useRef<HTMLElement>(null);
  const status = useRef<HTMLParagraphElement>(null);
  const [announcement, setAnnouncement] = useState('');
  const [startedHere, setStartedHere] = useState<number | null>(null);
  const [finished, setFinished] = useState(0);

  const left = timer ? timeLeft(timer, now) : 0;
  const ended = timer !== null && left === 0;
  const stage: Stage | null = timer ? { startedAt: timer.startedAt, ended, milestone: ended ? null : milestoneAt(left) } : null;
  // What the clock or another part of the page changed (a start, a milestone, the end) is told when it is first seen;
  // a timer found on arrival (a reload, another page) is shown, not announced.
  const [seen, setSeen] = useState<Stage | null>(stage);
  if (stage?.startedAt !== seen?.startedAt || stage?.ended !== seen?.ended || stage?.milestone !== seen?.milestone) {
    setSeen(stage);
    if (timer && stage) {
      if (stage.startedAt !== seen?.startedAt) {
        setAnnouncement(t('tasks.focus.started', { minutes: lengthMinutes(timer), title: timer.title }));
        setStartedHere(stage.startedAt);
      } else if (stage.ended && !seen.ended) {
        setAnnouncement(t('tasks.focus.ended', { title: timer.title }));
      } else if (stage.milestone !== null && !seen.ended && (seen.milestone === null || stage.milestone < seen.milestone)) {
        setAnnouncement(t('tasks.focus.left', { minutes: stage.milestone }));
      }
    }
  }

  // The choice of length closes as the timer starts: the keyboard goes on to the timer.
  useEffect(() => {
    if (startedHere !== null) {
      panel.current?.focus();
    }
  }, [startedHere]);

  // The timer's buttons are gone: the keyboard stays here, on the sentence that says what happened.
  useEffect(() => {
    if (finished > 0) {
      status.current?.focus();
    }
  }, [finished]);

  const finish = (message: string) => {
    saveFocus(null);
    setAnnouncement(message);
    setFinished((count) => count + 1);
  };

  const complete = useMutation({
    mutationFn: (taskId: string) => unwrap(api.POST('/api/v1/tasks/{id}/complete', { params: { path: { id: taskId } } })),
    onSuccess: (done) => {
      finish(t('tasks.completed', { title: done.title }));
      return queryClient.invalidateQueries({ queryKey: taskKeys.all });
    },
    onError: (failure) => {
      setAnnouncement(problemMessage(failure, t('tasks.error.save')));
    },
  });

  const paused = timer !== null && isPaused(timer);
  const minutes = timer ? minutesLeft(timer, now) : 0;
  return (
    <>
      {timer && (
        <section ref={panel} tabIndex={-1} aria-labelledby={titleId} className={`${calloutCard} flex flex-col gap-4 focus:outline-none`}>
          <div>
            <h2 id={titleId} className="text-base font-medium text-teal-900 dark:text-teal-200">
              {t('tasks.focus.title')}
            </h2>
            <p className="text-xl font-semibold break-words">{timer.title}</p>
          </div>
          {ended ? (
            <p className="text-xl">{t('tasks.focus.ended', { title: timer.title })}</p>
          ) : (
            <div>
              <p className="text-4xl font-semibold tracking-tight tabular-nums sm:text-5xl">{t('tasks.focus.left', { minutes })}</p>
              {paused && <p className="mt-1 text-base font-medium">{t('tasks.focus.paused')}</p>}
            </div>
          )}
          <progress
            aria-label={t('tasks.focus.progress')}
            aria-valuetext={t('tasks.focus.progressText', { minutes, length: lengthMinutes(timer) })}
            max={lengthMinutes(timer)}
            value={minutesSpent(timer, now)}
            className="h-3 w-full appearance-none overflow-hidden rounded-full bg-stone-200 dark:bg-stone-700 [&::-moz-progress-bar]:bg-teal-700 dark:[&::-moz-progress-bar]:bg-teal-300 [&::-webkit-progress-bar]:bg-stone-200 dark:[&::-webkit-progress-bar]:bg-stone-700 [&::-webkit-progress-value]:bg-teal-700 dark:[&::-webkit-progress-value]:bg-teal-300"
          />
          {/* The same three places before and after the end, so a focused button stays focused. */}
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className={primaryButton}
              disabled={ended && complete.isPending}
              onClick={() => {
                const at = Date.now();
                if (ended) {
                  complete.mutate(timer.taskId);
                } else if (paused) {
                  const resumed = resumeFocus(timer, at);
                  saveFocus(resumed);
                  setAnnouncement(t('tasks.focus.resumed', { minutes: minutesLeft(resumed, at) }));
                } else {
                  const held = pauseFocus(timer, at);
                  saveFocus(held);
                  setAnnouncement(t('tasks.focus.pausedAt', { minutes: minutesLeft(held, at) }));
                }
              }}
            >
              {ended ? t('tasks.focus.markDone') : paused ? t('tasks.focus.resume') : t('tasks.focus.pause')}
            </button>
            <button
              type="button"
              className={quietButton}
              onClick={() => {
                const at = Date.now();
                const longer = addMinutes(timer, at);
                saveFocus(longer);
                setAnnouncement(t('tasks.focus.added', { minutes: minutesLeft(longer, at) }));
              }}
            >
              {ended ? t('tasks.focus.fiveMore') : t('tasks.focus.more')}
            </button>
            <button
              type="button"
              className={quietButton}
              onClick={() => {
                finish(ended ? t('tasks.focus.onBreak') : t('tasks.focus.stopped'));
              }}
            >
              {ended ? t('tasks.focus.break') : t('tasks.focus.stop')}
            </button>
          </div>
        </section>
      )}
      {/* Always there, so what it says is announced; shown as a sentence once the timer is gone. */}
      <p
        ref={status}
        role="status"
        aria-live="polite"
        tabIndex={-1}
        className={timer || announcement === '' ? 'sr-only' : 'text-base text-teal-900 focus:outline-none dark:text-teal-200'}
      >
        {announcement}
      </p>
    </>
  );
}
