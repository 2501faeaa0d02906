import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { emptyState, listFrame, mutedText, quietButton } from '../../ui/styles';
import { FormAlert, problemMessage } from '../../ui/form';
import { FocusTimer } from './FocusTimer';
import { QuickAddTask } from './QuickAddTask';
import { TaskItem } from './TaskItem';
import { taskKeys, tasksQuery, taskViews, type Task, type TaskView } from './tasks';
import { WhatNext } from './WhatNext';

/** Tasks: capture in one line, a few calm views, one next step. Overdue things simply "rolled over". */
export function TasksPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const titleId = useId();
  const listId = useId();
  const [view, setView] = useState<TaskView>('today');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [lastDone, setLastDone] = useState<Task | null>(null);
  const tasks = useQuery(tasksQuery(view));
  const undoButton = useRef<HTMLButtonElement>(null);

  // The finished task leaves the list with the button that was pressed: keep the keyboard on the page, at Undo.
  useEffect(() => {
    if (lastDone) {
      undoButton.current?.focus();
    }
  }, [lastDone]);

  const say = (message: string, isError = false) => {
    setError(isError ? message : null);
    setStatus(isError ? null : message);
    setLastDone(null);
  };

  const reopen = useMutation({
    mutationFn: (task: Task) => unwrap(api.PATCH('/api/v1/tasks/{id}', { params: { path: { id: task.id } }, body: { status: 'open' } })),
    onSuccess: (task) => {
      say(t('tasks.reopened', { title: task.title }));
      return queryClient.invalidateQueries({ queryKey: taskKeys.all });
    },
    onError: (failure) => {
      say(problemMessage(failure, t('tasks.error.save')), true);
    },
  });

  const items = tasks.data?.items ?? [];
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-8">
      <title>{`${t('tasks.title')} · ${t('app.name')}`}</title>
      <h1 id={titleId} className="text-3xl font-semibold tracking-tight">
        {t('tasks.title')}
      </h1>
      <FocusTimer />
      <QuickAddTask onAdded={(_task, echo) => { say(echo); }} />
      <div className="flex flex-col gap-2">
        <FormAlert message={error} />
        <div role="status" aria-live="polite" className="flex flex-wrap items-center gap-3 text-base text-teal-900 dark:text-teal-200">
          {status && <p>{status}</p>}
          {lastDone && (
            <>
              <p>{t('tasks.completed', { title: lastDone.title })}</p>
              <button
                ref={undoButton}
                type="button"
                className={quietButton}
                onClick={() => {
                  reopen.mutate(lastDone);
                }}
              >
                {t('common.undo')}
              </button>
            </>
          )}
        </div>
      </div>
      <WhatNext />
      <section aria-labelledby={listId} className="flex flex-col gap-4">
        <h2 id={listId} className="text-2xl font-semibold tracking-tight">
          {t(`tasks.view.${view}`)}
        </h2>
        <ChoiceGroup label={t('tasks.views')} choices={taskViews} chosen={view} name={(value) => t(`tasks.view.${value}`)} onChoose={setView} />
        {tasks.isPending ? (
          <p className={mutedText}>{t('common.loading')}</p>
        ) : tasks.isError ? (
          <p className="text-base">{problemMessage(tasks.error, t('tasks.error.load'))}</p>
        ) : items.length === 0 ? (
          <p className={emptyState}>{t(`tasks.empty.${view}`)}</p>
        ) : (
          <ul className={listFrame} aria-labelledby={listId}>
            {items.map((task) => (
              <TaskItem
                key={task.id}
                task={task}
                onResult={say}
                onCompleted={(done) => {
                  setStatus(null);
                  setError(null);
                  setLastDone(done);
                }}
              />
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
