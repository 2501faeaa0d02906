import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { useTimeZone } from '../../ui/timeZone';
import { calloutCard, mutedText, primaryButton, quietButton } from '../../ui/styles';
import { problemMessage } from '../../ui/form';
import { useRememberedChoice } from '../../ui/rememberedChoice';
import { saveFocus } from './focusStore';
import { defaultFocusMinutes, startFocus } from './focusTimer';
import {
  breakdownProposalQuery,
  energyLevels,
  fitsEnergy,
  formatDue,
  nextTaskQuery,
  subtasksQuery,
  taskKeys,
  tasksQuery,
  type Energy,
  type Task,
} from './tasks';

/** The suggested task, when it is due, and why it was chosen. */
function Suggestion({ task, reasons, heading }: { task: Task; reasons: readonly string[]; heading: string }) {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const due = formatDue(language, task, timeZone);
  return (
    <>
      <p className="text-lg font-semibold">{heading}</p>
      {due && <p className="text-base text-stone-700 dark:text-stone-300">{t('tasks.due', { due })}</p>}
      {reasons.length > 0 && (
        <ul className="mt-2 list-disc pl-5 text-base">
          {reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * "What next?": one task to do now and why. On the Tasks page it is asked for only when the person wants it; on
 * Today (`now`) it is there at once, for the energy the person has, with a small first step, "Done", a short focus
 * timer and "Not now".
 */
export function WhatNext({ now = false }: { now?: boolean }) {
  return now ? <NowSuggestion /> : <AskWhatNext />;
}

function AskWhatNext() {
  const { t } = useI18n();
  const titleId = useId();
  const next = useQuery({ ...nextTaskQuery(null), enabled: false });

  const suggestion = next.data;
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-3">
      <h2 id={titleId} className="sr-only">
        {t('tasks.next.title')}
      </h2>
      <div>
        <button
          type="button"
          className={quietButton}
          disabled={next.isFetching}
          onClick={() => {
            void next.refetch();
          }}
        >
          {t('tasks.next.ask')}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {next.isError ? (
          <p className="text-base text-stone-700 dark:text-stone-300">{problemMessage(next.error, t('tasks.error.load'))}</p>
        ) : (
          suggestion && (
            <div className={calloutCard}>
              {suggestion.task ? (
                <Suggestion task={suggestion.task} reasons={suggestion.reasons} heading={t('tasks.next.suggestion', { title: suggestion.task.title })} />
              ) : (
                // The server's sentence is not in the person's register in French; say it here in both languages.
                <p className="text-base">{t('tasks.next.nothing')}</p>
              )}
            </div>
          )
        )}
      </div>
    </section>
  );
}

/** A first step small enough to start with: the task's first open step, or the first of the steps it could be cut into. */
function FirstStep({ task }: { task: Task }) {
  const { t } = useI18n();
  const hasOpenSteps = task.steps > task.stepsDone;
  const steps = useQuery({ ...subtasksQuery(task.id), enabled: hasOpenSteps });
  // A step of a bigger task is already small; a task with steps starts with its first open one.
  const proposal = useQuery({ ...breakdownProposalQuery(task.id), enabled: !hasOpenSteps && task.parentId === null });
  if (task.parentId !== null) {
    return null;
  }
  const first = hasOpenSteps ? steps.data?.items.find((step) => step.status !== 'done')?.title : proposal.data?.steps[0]?.title;
  if (first) {
    return <p className="mt-3 text-base font-medium text-teal-950 dark:text-teal-50">{t('today.now.firstStep', { step: first })}</p>;
  }
  if (steps.isPending && hasOpenSteps) {
    return <p className={`mt-3 ${mutedText}`}>{t('today.now.firstStepLoading')}</p>;
  }
  if (proposal.isPending && !hasOpenSteps) {
    return <p className={`mt-3 ${mutedText}`}>{t('today.now.firstStepLoading')}</p>;
  }
  return null;
}

function NowSuggestion() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const titleId = useId();
  const energyId = useId();
  // The energy the person said they have, kept on this device for their next visit.
  const [energy, setEnergy] = useRememberedChoice<Energy>('pa.energy', energyLevels);
  // "Not now" sets a task aside for this visit; the server's suggestion does not know, so the next one comes from the list.
  const [skipped, setSkipped] = useState<readonly string[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const next = useQuery(nextTaskQuery(energy));
  const suggested = next.data?.task ?? null;
  const serverChoiceSkipped = suggested !== null && skipped.includes(suggested.id);
  const open = useQuery({ ...tasksQuery('all'), enabled: serverChoiceSkipped });

  const complete = useMutation({
    mutationFn: (task: Task) => unwrap(api.POST('/api/v1/tasks/{id}/complete', { params: { path: { id: task.id } } })),
    onSuccess: (task) => {
      setAnnouncement(t('today.now.completed', { title: task.title }));
      return queryClient.invalidateQueries({ queryKey: taskKeys.all });
    },
    onError: (failure) => {
      setAnnouncement(problemMessage(failure, t('tasks.error.save')));
    },
  });

  let shown: { task: Task; reasons: readonly string[] } | null = null;
  if (suggested && !serverChoiceSkipped) {
    shown = { task: suggested, reasons: next.data?.reasons ?? [] };
  } else if (serverChoiceSkipped) {
    const another = open.data?.items.find((task) => !skipped.includes(task.id) && fitsEnergy(task, energy));
    shown = another ? { task: another, reasons: [t('today.now.fromList')] } : null;
  }
  const waiting = next.isPending || (serverChoiceSkipped && open.isPending);
  const failure = next.error ?? open.error;

  let body;
  if (failure) {
    body = <p className="text-base">{problemMessage(failure, t('today.now.error'))}</p>;
  } else if (waiting) {
    body = <p className="text-base">{t('today.now.loading')}</p>;
  } else if (shown) {
    const { task } = shown;
    body = (
      <>
        <Suggestion task={task} reasons={shown.reasons} heading={task.title} />
        <FirstStep task={task} />
        <div className="mt-4 flex flex-wrap gap-3">
          <button
            type="button"
            className={primaryButton}
            disabled={complete.isPending}
            aria-label={t('today.now.doneLabel', { title: task.title })}
            onClick={() => {
              complete.mutate(task);
            }}
          >
            {t('today.now.done')}
          </button>
          <button
            type="button"
            className={quietButton}
            aria-label={t('today.now.focusLabel', { minutes: defaultFocusMinutes, title: task.title })}
            onClick={() => {
              // The timer lives on Tasks, with its controls; starting it here goes there.
              saveFocus(startFocus(task, defaultFocusMinutes, Date.now()));
              void navigate('/tasks');
            }}
          >
            {t('today.now.focus', { minutes: defaultFocusMinutes })}
          </button>
          <button
            type="button"
            className={quietButton}
            aria-label={t('today.now.notNowLabel', { title: task.title })}
            onClick={() => {
              setAnnouncement('');
              setSkipped((current) => [...current, task.id]);
            }}
          >
            {t('today.now.notNow')}
          </button>
        </div>
      </>
    );
  } else if (skipped.length > 0) {
    body = (
      <>
        <p className="text-base">{t('today.now.allSkipped')}</p>
        <button
          type="button"
          className={`${quietButton} mt-3`}
          onClick={() => {
            setSkipped([]);
          }}
        >
          {t('today.now.startOver')}
        </button>
      </>
    );
  } else {
    body = <p className="text-base">{energy ? t('today.now.nothingFits') : t('today.now.nothing')}</p>;
  }

  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-3">
      <h2 id={titleId} className="text-2xl font-semibold tracking-tight">
        {t('today.now.title')}
      </h2>
      <div className="flex flex-col gap-2">
        <span id={energyId} className="text-base font-medium">
          {t('today.energy.label')}
        </span>
        <ChoiceGroup
          labelledBy={energyId}
          choices={energyLevels}
          chosen={energy}
          name={(level) => t(`today.energy.${level}`)}
          onChoose={(level) => {
            setSkipped([]);
            setEnergy(energy === level ? null : level);
          }}
        />
      </div>
      <div className={calloutCard}>{body}</div>
      <p role="status" aria-live="polite" className="text-base text-teal-900 dark:text-teal-200">
        {announcement}
      </p>
    </section>
  );
}
