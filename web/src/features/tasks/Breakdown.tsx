import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { mutedText, primaryButton, quietButton } from '../../ui/styles';
import { problemMessage } from '../auth/Form';
import { subtasksQuery, taskKeys, type Task } from './tasks';

/**
 * "Break it down": the proposed small steps, then "Save steps" keeps them as subtasks (shown from the server, so
 * what is listed is what was saved).
 */
export function Breakdown({ task, onClose }: { task: Task; onClose: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const titleId = useId();
  const breakdown = (apply: boolean) =>
    unwrap(api.POST('/api/v1/tasks/{id}/breakdown', { params: { path: { id: task.id } }, body: { apply } }));
  const proposal = useQuery({ queryKey: [...taskKeys.all, 'breakdown', task.id], queryFn: () => breakdown(false), staleTime: Infinity });
  const save = useMutation({
    mutationFn: () => breakdown(true),
    onSuccess: (result) => {
      queryClient.setQueryData(subtasksQuery(task.id).queryKey, { items: result.subtasks, page: 1, pageSize: 100, total: result.subtasks.length });
    },
  });

  const subtasks = save.data?.subtasks;
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-3 rounded-xl bg-stone-50 p-4 dark:bg-stone-950">
      <h3 id={titleId} className="text-lg font-semibold">
        {subtasks ? t('tasks.breakdown.saved') : t('tasks.breakdown.title')}
      </h3>
      <div role="status" aria-live="polite">
        {proposal.isPending && <p className={mutedText}>{t('common.loading')}</p>}
        {proposal.isError && <p>{problemMessage(proposal.error, t('tasks.error.load'))}</p>}
        {save.isError && <p>{problemMessage(save.error, t('tasks.error.save'))}</p>}
        {subtasks ? (
          <ol className="list-decimal pl-6 text-base">
            {subtasks.map((step) => (
              <li key={step.id}>{step.title}</li>
            ))}
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
        {!subtasks && proposal.data && (
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
