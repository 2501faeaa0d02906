import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { Field, fieldErrors, FormAlert, problemMessage, SubmitButton } from '../../ui/form';
import { listKeys, type ShoppingList } from './lists';

export function NewListForm({ onCreated }: { onCreated: (list: ShoppingList) => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/lists', { body: { name: name.trim() } })),
    onSuccess: async (list) => {
      setName('');
      setError(null);
      await queryClient.invalidateQueries({ queryKey: listKeys.all, exact: true });
      onCreated(list);
    },
    onError: (failure) => {
      setError(problemMessage(failure, t('lists.error.save')));
    },
  });

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (name.trim() !== '') {
      create.mutate();
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-3" noValidate aria-label={t('lists.new.title')}>
      <FormAlert message={error} />
      <Field
        label={t('lists.new.name')}
        value={name}
        error={fieldErrors(create.error).name}
        autoComplete="off"
        onChange={(e) => {
          setName(e.target.value);
        }}
      />
      <div>
        <SubmitButton busy={create.isPending}>{t('lists.new.submit')}</SubmitButton>
      </div>
    </form>
  );
}
