import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { mutedText, primaryButton, quietButton } from '../../ui/styles';
import { problemMessage } from '../auth/Form';
import { subtasksQuery, taskKeys, type Task } from './tasks';

/**
 * "Break it down": a task's saved steps when it has some; otherwise the proposed small steps, which "Save steps"
 * keeps as subtasks (listed from the server's answer, so what is shown is what was saved).
 */
export function Breakdown({ task, onClose }: { task: Task; onClose: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const titleId = useId();
  const saved = useQuery(subtasksQuery(task.id));
  const hasSteps = (saved.data?.items.length ?? 0) > 0;
  const breakdown = (apply: boolean) =>
    unwrap(api.POST('/api/v1/tasks/{id}/breakdown', { params: { path: { id: task.id } }, body: { apply } }));
  const proposal = useQuery({
    queryKey: [...taskKeys.all, 'breakdown', task.id],
    queryFn: () => breakdown(false),
    staleTime: Infinity,
    enabled: saved.isSuccess && !hasSteps,
  });
  const save = useMutation({
    mutationFn: () => breakdown(true),
    onSuccess: (result) => {
      queryClient.setQueryData(subtasksQuery(task.id).queryKey, { items: result.subtasks, page: 1, pageSize: 100, total: result.subtasks.length });
    },
  });
  const complete = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/tasks/{id}/complete', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: taskKeys.subtasks(task.id) }),
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
          proposal.data && (
            <ol className="list-decimal pl-6 text-base">
              {proposal.data.steps.map((step) => (
                <li key={step.title}>
                  {step.title} <span className={mutedText}>{t('tasks.breakdown.minutes', { minutes: step.estimatedMinutes })}</span>
                </li>
              ))}
            </ol>
          )
        )}
      </div>
      <div className="flex flex-wrap gap-3">
        {!hasSteps && proposal.data && (
          <button
            type="button"
            className={primaryButton}
            disabled={save.isPending}
            onClick={() => {
              save.mutate();
            }}
          >
            {t('tasks.breakdown.save')}
          </button>
        )}
        <button type="button" className={quietButton} onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </section>
  );
}
