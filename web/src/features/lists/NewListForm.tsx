import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import * as z from 'zod/mini';
import { api, unwrap } from '../../api/client';
import { useI18n, type Translate } from '../../i18n';
import { applyProblem, Field, FormAlert, SubmitButton } from '../../ui/form';
import { formRules } from '../../ui/formRules';
import { listKeys, type ShoppingList } from './lists';

// The server's limit on a list's name (ListRequest, ItemListConfiguration).
function newListSchema(t: Translate) {
  return z.object({ name: formRules(t).text(100) });
}

type NewListValues = z.infer<ReturnType<typeof newListSchema>>;

export function NewListForm({ onCreated }: { onCreated: (list: ShoppingList) => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError: setFieldError,
    formState: { errors },
  } = useForm<NewListValues>({
    resolver: zodResolver(useMemo(() => newListSchema(t), [t])),
    defaultValues: { name: '' },
  });
  const create = useMutation({
    mutationFn: (body: NewListValues) => unwrap(api.POST('/api/v1/lists', { body })),
    onSuccess: async (list) => {
      reset();
      await queryClient.invalidateQueries({ queryKey: listKeys.all, exact: true });
      onCreated(list);
    },
    onError: (failure) => {
      setError(applyProblem(failure, setFieldError, ['name'], t('lists.error.save')));
    },
  });
  const submit = handleSubmit((values) => {
    setError(null);
    create.mutate(values);
  });

  return (
    <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-3" noValidate aria-label={t('lists.new.title')}>
      <FormAlert message={error} />
      <Field label={t('lists.new.name')} error={errors.name?.message} autoComplete="off" {...register('name')} />
      <div>
        <SubmitButton busy={create.isPending}>{t('lists.new.submit')}</SubmitButton>
      </div>
    </form>
  );
}
