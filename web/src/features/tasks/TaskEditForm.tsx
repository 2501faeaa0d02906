import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import * as z from 'zod/mini';
import { api, unwrap } from '../../api/client';
import { useI18n, type Translate } from '../../i18n';
import { applyProblem, Field, FormAlert, SelectField, SaveOrCancel } from '../../ui/form';
import { formRules } from '../../ui/formRules';
import { taskKeys, type Task } from './tasks';

const priorities = ['low', 'medium', 'high'] as const;

// The server's limits on a task (TaskItemConfiguration, UpdateTaskRequest).
function taskEditSchema(t: Translate) {
  const rules = formRules(t);
  return z.object({ title: rules.text(500), due: rules.optionalText(200), priority: z.enum(priorities) });
}

type TaskEditValues = z.infer<ReturnType<typeof taskEditSchema>>;

/** Change a task's title, due date (words work; empty clears it) and priority. */
export function TaskEditForm({ task, onDone }: { task: Task; onDone: (message: string | null) => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const originalDue = task.due ?? '';
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    formState: { errors },
  } = useForm<TaskEditValues>({
    resolver: zodResolver(useMemo(() => taskEditSchema(t), [t])),
    defaultValues: { title: task.title, due: originalDue, priority: priorities.find((value) => value === task.priority) ?? 'medium' },
  });

  const save = useMutation({
    mutationFn: ({ title, due, priority }: TaskEditValues) =>
      unwrap(
        api.PATCH('/api/v1/tasks/{id}', {
          params: { path: { id: task.id } },
          body: { title, priority, due: due === originalDue ? undefined : due },
        }),
      ),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: taskKeys.all });
      onDone(t('tasks.saved', { title: saved.title }));
    },
    onError: (failure) => {
      setError(applyProblem(failure, setFieldError, ['title', 'due', 'priority'], t('tasks.error.save')));
    },
  });
  const submit = handleSubmit((values) => {
    setError(null);
    save.mutate(values);
  });

  return (
    <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-4" noValidate aria-label={t('tasks.edit.title', { title: task.title })}>
      <FormAlert message={error} />
      <Field
        label={t('tasks.edit.what')}
        // Opened by the person's own tap on Edit: the form takes the place of the task, so the focus goes into it.
        autoFocus
        error={errors.title?.message}
        {...register('title')}
      />
      <Field label={t('tasks.add.due')} hint={t('tasks.edit.dueHint')} error={errors.due?.message} {...register('due')} />
      <SelectField label={t('tasks.priority')} error={errors.priority?.message} {...register('priority')}>
        {priorities.map((value) => (
          <option key={value} value={value}>
            {t(`tasks.priority.${value}`)}
          </option>
        ))}
      </SelectField>
      <SaveOrCancel
        busy={save.isPending}
        onCancel={() => {
          onDone(null);
        }}
      />
    </form>
  );
}
