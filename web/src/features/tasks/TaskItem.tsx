import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { useTimeZone } from '../../ui/timeZone';
import { mutedText, quietButton } from '../../ui/styles';
import { problemMessage } from '../../ui/form';
import { Breakdown } from './Breakdown';
import { FocusChooser } from './FocusTimer';
import { formatDue, taskKeys, type Task } from './tasks';
import { TaskEditForm } from './TaskEditForm';

type Mode = 'view' | 'edit' | 'breakdown' | 'focus';

/** One task: done, focus on it for a while, change, break it down, delete. Results and errors are said through `onResult`. */
export function TaskItem({
  task,
  onResult,
  onCompleted,
}: {
  task: Task;
  onResult: (message: string, isError?: boolean) => void;
  onCompleted: (task: Task) => void;
}) {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<Mode>('view');
  const focusButton = useRef<HTMLButtonElement>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: taskKeys.all });

  const complete = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/tasks/{id}/complete', { params: { path: { id: task.id } } })),
    onSuccess: (done) => {
      onCompleted(done);
      return refresh();
    },
    onError: (failure) => {
      onResult(problemMessage(failure, t('tasks.error.save')), true);
    },
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/tasks/{id}', { params: { path: { id: task.id } } })),
    onSuccess: () => {
      onResult(t('tasks.deleted', { title: task.title }));
      return refresh();
    },
    onError: (failure) => {
      onResult(problemMessage(failure, t('tasks.error.save')), true);
    },
  });

  if (mode === 'edit') {
    return (
      <li className="px-5 py-4">
        <TaskEditForm
          task={task}
          onDone={(message) => {
            setMode('view');
            if (message) {
              onResult(message);
            }
          }}
        />
      </li>
    );
  }

  const due = formatDue(language, task, timeZone);
  return (
    <li className="flex flex-col gap-3 px-5 py-4">
      <div>
        <p className="text-lg font-medium">{task.title}</p>
        <p className={mutedText}>
          {[
            due ? t('tasks.due', { due }) : null,
            task.priority === 'high' ? t('tasks.priority.highLabel') : null,
            Number(task.steps) > 0 ? t('tasks.steps', { done: task.stepsDone, total: task.steps }) : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
      </div>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={quietButton}
          disabled={complete.isPending}
          aria-label={t('tasks.complete.label', { title: task.title })}
          onClick={() => {
            complete.mutate();
          }}
        >
          {t('tasks.complete')}
        </button>
        <button
          ref={focusButton}
          type="button"
          className={quietButton}
          aria-expanded={mode === 'focus'}
          aria-label={t('tasks.focus.label', { title: task.title })}
          onClick={() => {
            setMode(mode === 'focus' ? 'view' : 'focus');
          }}
        >
          {t('tasks.focus')}
        </button>
        <button
          type="button"
          className={quietButton}
          aria-label={t('tasks.edit.label', { title: task.title })}
          onClick={() => {
            setMode('edit');
          }}
        >
          {t('common.edit')}
        </button>
        <button
          type="button"
          className={quietButton}
          aria-expanded={mode === 'breakdown'}
          aria-label={t('tasks.breakdown.label', { title: task.title })}
          onClick={() => {
            setMode(mode === 'breakdown' ? 'view' : 'breakdown');
          }}
        >
          {t('tasks.breakdown')}
        </button>
        <button
          type="button"
          className={quietButton}
          aria-label={t('tasks.delete.label', { title: task.title })}
          onClick={() => {
            if (window.confirm(t('tasks.delete.confirm', { title: task.title }))) {
              remove.mutate();
            }
          }}
        >
          {t('common.delete')}
        </button>
      </div>
      {mode === 'focus' && (
        <FocusChooser
          task={task}
          onDone={(started) => {
            setMode('view');
            // A started timer takes the keyboard; a choice let go of returns it to the button that opened it.
            if (!started) {
              focusButton.current?.focus();
            }
          }}
        />
      )}
      {mode === 'breakdown' && (
        <Breakdown
          task={task}
          onClose={() => {
            setMode('view');
          }}
        />
      )}
    </li>
  );
}
