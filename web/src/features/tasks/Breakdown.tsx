import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n';
import { inputClass, mutedText, primaryButton, quietButton } from '../../ui/styles';
import { problemMessage } from '../../ui/form';
import { breakdownProposalQuery, subtasksQuery, taskKeys, type Task } from './tasks';

type Step = components['schemas']['BreakdownStep'];

/** The most steps a breakdown keeps (the server's limit). */
const maxSteps = 7;

/**
 * "Break it down": a task's saved steps when it has some; otherwise the proposed small steps, which the person can
 * reword, remove or add to before "Save steps" keeps exactly those as subtasks (listed from the server's answer, so
 * what is shown is what was saved). With an AI model, "Other ideas" asks for a new proposal.
 */
export function Breakdown({ task, onClose }: { task: Task; onClose: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const titleId = useId();
  const saved = useQuery(subtasksQuery(task.id));
  /** The task lists show each task's progress ("1 of 5 steps done"). */
  const refreshLists = () => queryClient.invalidateQueries({ queryKey: [...taskKeys.all, 'view'] });
  const hasSteps = (saved.data?.items.length ?? 0) > 0;
  const proposal = useQuery({ ...breakdownProposalQuery(task.id), enabled: saved.isSuccess && !hasSteps });
  const save = useMutation({
    mutationFn: (steps: Step[]) =>
      unwrap(api.POST('/api/v1/tasks/{id}/breakdown', { params: { path: { id: task.id } }, body: { apply: true, steps } })),
    onSuccess: (result) => {
      queryClient.setQueryData(subtasksQuery(task.id).queryKey, { items: result.subtasks, page: 1, pageSize: 100, total: result.subtasks.length });
      return refreshLists();
    },
  });
  const complete = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/tasks/{id}/complete', { params: { path: { id } } })),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: taskKeys.subtasks(task.id) }), refreshLists()]),
  });

  const failure = saved.error ?? proposal.error ?? save.error ?? complete.error;
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-3 rounded-xl bg-stone-50 p-4 dark:bg-stone-950">
      <h3 id={titleId} className="text-lg font-semibold">
        {hasSteps ? t('tasks.breakdown.saved') : t('tasks.breakdown.title')}
      </h3>
      <div role="status" aria-live="polite" className="flex flex-col gap-2">
        {(saved.isPending || proposal.isFetching) && <p className={mutedText}>{t('common.loading')}</p>}
        {failure && <p>{problemMessage(failure, t('tasks.error.load'))}</p>}
      </div>
      {hasSteps ? (
        <ol className="flex flex-col gap-2">
          {saved.data?.items.map((step, index) => {
            const done = step.status === 'done';
            return (
              <li key={step.id} className="flex flex-wrap items-center justify-between gap-2">
                <span className={done ? 'text-stone-500 line-through dark:text-stone-400' : ''}>
                  {index + 1}. {step.title}
                  {done && <span className="sr-only"> {t('tasks.breakdown.stepDone')}</span>}
                </span>
                {!done && (
                  <button
                    type="button"
                    className={quietButton}
                    aria-label={t('tasks.complete.label', { title: step.title })}
                    onClick={() => {
                      complete.mutate(step.id);
                    }}
                  >
                    {t('tasks.complete')}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      ) : (
        proposal.data &&
        !proposal.isFetching && (
          <ProposedSteps
            key={proposal.dataUpdatedAt}
            initial={proposal.data.steps}
            fromModel={proposal.data.source === 'model'}
            saving={save.isPending}
            onSave={(steps) => {
              save.mutate(steps);
            }}
            onOtherIdeas={() => {
              void proposal.refetch();
            }}
          />
        )
      )}
      <div className="flex flex-wrap gap-3">
        <button type="button" className={quietButton} onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </section>
  );
}

/** The proposal as a short form: each step can be reworded or removed, and a step added, before saving. */
function ProposedSteps({
  initial,
  fromModel,
  saving,
  onSave,
  onOtherIdeas,
}: {
  initial: Step[];
  fromModel: boolean;
  saving: boolean;
  onSave: (steps: Step[]) => void;
  onOtherIdeas: () => void;
}) {
  const { t } = useI18n();
  const [steps, setSteps] = useState(() => initial.map((step, index) => ({ ...step, key: index })));
  const [nextKey, setNextKey] = useState(initial.length);
  const kept = steps.map((step) => ({ title: step.title.trim(), estimatedMinutes: step.estimatedMinutes })).filter((step) => step.title !== '');

  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (kept.length > 0) {
          onSave(kept);
        }
      }}
    >
      <p className={mutedText}>{fromModel ? t('tasks.breakdown.fromModel') : t('tasks.breakdown.fromLibrary')}</p>
      <ol className="flex flex-col gap-2">
        {steps.map((step, index) => (
          <li key={step.key} className="flex flex-col gap-1 sm:flex-row sm:items-center sm:gap-2">
            <div className="flex min-w-0 flex-1 items-center gap-2">
              <span aria-hidden="true" className="w-6 shrink-0 text-right">
                {index + 1}.
              </span>
              <textarea
                className={`${inputClass} field-sizing-content min-w-0 flex-1 resize-none py-2`}
                rows={1}
                aria-label={t('tasks.breakdown.step', { number: index + 1 })}
                value={step.title}
                maxLength={500}
                onKeyDown={(event) => {
                  // One line per step: Enter saves, as in any other field of a form.
                  if (event.key === 'Enter' && !event.shiftKey) {
                    event.preventDefault();
                    event.currentTarget.form?.requestSubmit();
                  }
                }}
                onChange={(event) => {
                  const title = event.target.value;
                  setSteps((current) => current.map((s) => (s.key === step.key ? { ...s, title } : s)));
                }}
              />
            </div>
            <div className="flex items-center gap-2 pl-8 sm:pl-0">
              {step.estimatedMinutes != null && (
                <span className={mutedText}>{t('tasks.breakdown.minutes', { minutes: step.estimatedMinutes })}</span>
              )}
              <button
                type="button"
                className={quietButton}
                aria-label={t('tasks.breakdown.remove', { number: index + 1 })}
                disabled={steps.length <= 1}
                onClick={() => {
                  setSteps((current) => current.filter((s) => s.key !== step.key));
                }}
              >
                {t('tasks.breakdown.removeShort')}
              </button>
            </div>
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-3">
        <button type="submit" className={primaryButton} disabled={saving || kept.length === 0}>
          {t('tasks.breakdown.save')}
        </button>
        {steps.length < maxSteps && (
          <button
            type="button"
            className={quietButton}
            onClick={() => {
              setSteps((current) => [...current, { title: '', estimatedMinutes: null, key: nextKey }]);
              setNextKey(nextKey + 1);
            }}
          >
            {t('tasks.breakdown.add')}
          </button>
        )}
        {fromModel && (
          <button type="button" className={quietButton} onClick={onOtherIdeas}>
            {t('tasks.breakdown.again')}
          </button>
        )}
      </div>
    </form>
  );
}
