import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import * as z from 'zod/mini';
import { api, unwrap } from '../../api/client';
import { useI18n, type Translate } from '../../i18n';
import { useTimeZone } from '../../ui/timeZone';
import { oneFinalStop } from '../../ui/dates';
import { applyProblem, Field, FormAlert, SubmitButton } from '../../ui/form';
import { formRules } from '../../ui/formRules';
import { formatDue, taskKeys, type Task } from './tasks';

// The server's limits on a new task (CreateTaskRequest).
function quickAddSchema(t: Translate) {
  const rules = formRules(t);
  return z.object({ title: rules.text(500), due: rules.optionalText(200) });
}

type QuickAddValues = z.infer<ReturnType<typeof quickAddSchema>>;

/** One line to capture a task, with an optional due date in words; the answer echoes what was understood. */
export function QuickAddTask({ onAdded }: { onAdded: (task: Task, echo: string) => void }) {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError: setFieldError,
    formState: { errors },
  } = useForm<QuickAddValues>({
    resolver: zodResolver(useMemo(() => quickAddSchema(t), [t])),
    defaultValues: { title: '', due: '' },
  });

  const add = useMutation({
    mutationFn: ({ title, due }: QuickAddValues) => unwrap(api.POST('/api/v1/tasks', { body: { title, due: due || null } })),
    onSuccess: (task) => {
      reset();
      const when = formatDue(language, task, timeZone);
      onAdded(task, when ? oneFinalStop(t('tasks.added.due', { title: task.title, due: when })) : t('tasks.added', { title: task.title }));
      return queryClient.invalidateQueries({ queryKey: taskKeys.all });
    },
    onError: (failure) => {
      setError(applyProblem(failure, setFieldError, ['title', 'due'], t('tasks.error.save')));
    },
  });
  const submit = handleSubmit((values) => {
    setError(null);
    add.mutate(values);
  });

  return (
    <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-4" noValidate aria-label={t('tasks.add.title')}>
      <FormAlert message={error} />
      <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
        <Field label={t('tasks.add.what')} error={errors.title?.message} autoComplete="off" {...register('title')} />
        <Field label={t('tasks.add.due')} hint={t('tasks.add.dueHint')} error={errors.due?.message} autoComplete="off" {...register('due')} />
      </div>
      <div>
        <SubmitButton busy={add.isPending}>{t('tasks.add.submit')}</SubmitButton>
      </div>
    </form>
  );
}
