import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { useTimeZone } from '../../ui/timeZone';
import { oneFinalStop } from '../../ui/dates';
import { Field, fieldErrors, FormAlert, problemMessage, SubmitButton } from '../../ui/form';
import { formatDue, taskKeys, type Task } from './tasks';

/** One line to capture a task, with an optional due date in words; the answer echoes what was understood. */
export function QuickAddTask({ onAdded }: { onAdded: (task: Task, echo: string) => void }) {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [error, setError] = useState<string | null>(null);

  const add = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/tasks', { body: { title: title.trim(), due: due.trim() || null } })),
    onSuccess: (task) => {
      setTitle('');
      setDue('');
      setError(null);
      const when = formatDue(language, task, timeZone);
      onAdded(task, when ? oneFinalStop(t('tasks.added.due', { title: task.title, due: when })) : t('tasks.added', { title: task.title }));
      return queryClient.invalidateQueries({ queryKey: taskKeys.all });
    },
    onError: (failure) => {
      setError(problemMessage(failure, t('tasks.error.save')));
    },
  });

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (title.trim() !== '') {
      add.mutate();
    }
  }

  const errors = fieldErrors(add.error);
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate aria-label={t('tasks.add.title')}>
      <FormAlert message={error} />
      <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
        <Field
          label={t('tasks.add.what')}
          value={title}
          error={errors.title}
          autoComplete="off"
          onChange={(e) => {
            setTitle(e.target.value);
          }}
        />
        <Field
          label={t('tasks.add.due')}
          hint={t('tasks.add.dueHint')}
          value={due}
          error={errors.due}
          autoComplete="off"
          onChange={(e) => {
            setDue(e.target.value);
          }}
        />
      </div>
      <div>
        <SubmitButton busy={add.isPending}>{t('tasks.add.submit')}</SubmitButton>
      </div>
    </form>
  );
}
