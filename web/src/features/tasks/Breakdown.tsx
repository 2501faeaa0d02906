import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import * as z from 'zod/mini';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n, type Translate } from '../../i18n';
import { inputClass, mutedText, primaryButton, quietButton } from '../../ui/styles';
import { applyProblem, FormAlert, problemMessage } from '../../ui/form';
import { formRules } from '../../ui/formRules';
import { breakdownProposalQuery, subtasksQuery, taskKeys, type Task } from './tasks';

type Step = components['schemas']['BreakdownStep'];

/** The most steps a breakdown keeps (the server's limit). */
const maxSteps = 7;

/** The server's limits for the steps to save (BreakdownRequest): each a task title, 500 characters; blank ones are left out. The minutes are the proposal's, sent back as they came. */
function stepsSchema(t: Translate) {
  return z.object({
    steps: z.array(z.object({ title: formRules(t).optionalText(500), estimatedMinutes: z.custom<Step['estimatedMinutes']>() })),
  });
}

type StepsValues = z.infer<ReturnType<typeof stepsSchema>>;

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

  // A failed save is said in the steps' form, beside the step it is about.
  const failure = saved.error ?? proposal.error ?? complete.error;
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
            onSave={(steps, onFailure) => {
              save.mutate(steps, { onError: onFailure });
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
  onSave: (steps: Step[], onFailure: (failure: unknown) => void) => void;
  onOtherIdeas: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    control,
    setError: setFieldError,
    formState: { errors },
  } = useForm<StepsValues>({
    resolver: zodResolver(useMemo(() => stepsSchema(t), [t])),
    defaultValues: { steps: initial.map((step) => ({ title: step.title, estimatedMinutes: step.estimatedMinutes ?? null })) },
  });
  const { fields: steps, append, remove } = useFieldArray({ control, name: 'steps' });
  const titles = useWatch({ control, name: 'steps' });
  const anyKept = titles.some((step) => step.title.trim() !== '');

  const submit = handleSubmit((values) => {
    // Blank steps are left out; the server names the kept ones by their place among the kept.
    const kept = values.steps.map((step, index) => ({ step, index })).filter(({ step }) => step.title !== '');
    if (kept.length === 0) {
      return;
    }
    setError(null);
    onSave(
      kept.map(({ step }) => step),
      (failure) => {
        const fields = Object.fromEntries(kept.map(({ index }, place) => [`steps[${String(place)}].title`, `steps.${index}.title` as const]));
        setError(applyProblem(failure, setFieldError, fields, t('tasks.error.save')));
      },
    );
  });

  return (
    <form className="flex flex-col gap-3" noValidate onSubmit={(event) => void submit(event)}>
      <p className={mutedText}>{fromModel ? t('tasks.breakdown.fromModel') : t('tasks.breakdown.fromLibrary')}</p>
      <FormAlert message={error} />
      <ol className="flex flex-col gap-2">
        {steps.map((step, index) => {
          const stepError = errors.steps?.[index]?.title?.message;
          return (
            <li key={step.id} className="flex flex-col gap-1">
              <div className="flex flex-col gap-1 sm:flex-row sm:items-center sm:gap-2">
                <div className="flex min-w-0 flex-1 items-center gap-2">
                  <span aria-hidden="true" className="w-6 shrink-0 text-right">
                    {index + 1}.
                  </span>
                  <textarea
                    className={`${inputClass} field-sizing-content min-w-0 flex-1 resize-none py-2 aria-invalid:border-red-700`}
                    rows={1}
                    aria-label={t('tasks.breakdown.step', { number: index + 1 })}
                    aria-invalid={stepError ? true : undefined}
                    aria-describedby={stepError ? `${id}-${step.id}-error` : undefined}
                    maxLength={500}
                    onKeyDown={(event) => {
                      // One line per step: Enter saves, as in any other field of a form.
                      if (event.key === 'Enter' && !event.shiftKey) {
                        event.preventDefault();
                        event.currentTarget.form?.requestSubmit();
                      }
                    }}
                    {...register(`steps.${index}.title`)}
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
                      remove(index);
                    }}
                  >
                    {t('tasks.breakdown.removeShort')}
                  </button>
                </div>
              </div>
              {stepError && (
                <p id={`${id}-${step.id}-error`} className="pl-8 text-sm font-medium text-red-800 dark:text-red-300">
                  {stepError}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      <div className="flex flex-wrap gap-3">
        <button type="submit" className={primaryButton} disabled={saving || !anyKept}>
          {t('tasks.breakdown.save')}
        </button>
        {steps.length < maxSteps && (
          <button
            type="button"
            className={quietButton}
            onClick={() => {
              append({ title: '', estimatedMinutes: null }, { shouldFocus: false });
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
