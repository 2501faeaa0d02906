import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { inputClass, labelClass, quietButton } from '../../ui/styles';
import { Field, fieldErrors, FormAlert, problemMessage, SubmitButton } from '../../ui/form';
import { taskKeys, type Task } from './tasks';

const priorities = ['low', 'medium', 'high'] as const;

/** Change a task's title, due date (words work; empty clears it) and priority. */
export function TaskEditForm({ task, onDone }: { task: Task; onDone: (message: string | null) => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const priorityId = useId();
  const [title, setTitle] = useState(task.title);
  const [due, setDue] = useState(task.due ?? '');
  const [priority, setPriority] = useState(task.priority);
  const [error, setError] = useState<string | null>(null);
  const originalDue = task.due ?? '';

  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/v1/tasks/{id}', {
          params: { path: { id: task.id } },
          body: { title: title.trim(), priority, due: due.trim() === originalDue ? undefined : due.trim() },
        }),
      ),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: taskKeys.all });
      onDone(t('tasks.saved', { title: saved.title }));
    },
    onError: (failure) => {
      setError(problemMessage(failure, t('tasks.error.save')));
    },
  });

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    save.mutate();
  }

  const errors = fieldErrors(save.error);
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate aria-label={t('tasks.edit.title', { title: task.title })}>
      <FormAlert message={error} />
      <Field
        label={t('tasks.edit.what')}
        // Opened by the person's own tap on Edit: the form takes the place of the task, so the focus goes into it.
        autoFocus
        value={title}
        error={errors.title}
        onChange={(e) => {
          setTitle(e.target.value);
        }}
      />
      <Field
        label={t('tasks.add.due')}
        hint={t('tasks.edit.dueHint')}
        value={due}
        error={errors.due}
        onChange={(e) => {
          setDue(e.target.value);
        }}
      />
      <div className="flex flex-col gap-1.5">
        <label htmlFor={priorityId} className={labelClass}>
          {t('tasks.priority')}
        </label>
        <select
          id={priorityId}
          className={inputClass}
          value={priority}
          onChange={(e) => {
            setPriority(e.target.value);
          }}
        >
          {priorities.map((value) => (
            <option key={value} value={value}>
              {t(`tasks.priority.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-wrap gap-3">
        <SubmitButton busy={save.isPending}>{t('common.save')}</SubmitButton>
        <button
          type="button"
          className={quietButton}
          onClick={() => {
            onDone(null);
          }}
        >
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
