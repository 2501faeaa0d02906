import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useI18n } from '../../i18n';
import { mutedText } from '../../ui/styles';
import { problemMessage } from '../../ui/form';
import { ListItems } from './ListItems';
import { listsQuery } from './lists';
import { NewListForm } from './NewListForm';

/** Lists: Groceries first (it is always there), any others the person made, and a way to start a new one. */
export function ListsPage() {
  const { t } = useI18n();
  const titleId = useId();
  const newId = useId();
  const lists = useQuery(listsQuery);
  const [chosenId, setChosenId] = useState<string | null>(null);

  const all = lists.data ?? [];
  const selected = all.find((list) => list.id === chosenId) ?? all.find((list) => list.isDefault) ?? all[0];
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-8">
      <title>{`${t('lists.title')} · ${t('app.name')}`}</title>
      <h1 id={titleId} className="text-3xl font-semibold tracking-tight">
        {t('lists.title')}
      </h1>
      {lists.isPending ? (
        <p className={mutedText}>{t('common.loading')}</p>
      ) : lists.isError ? (
        <p>{problemMessage(lists.error, t('lists.error.load'))}</p>
      ) : (
        <ChoiceGroup
          label={t('lists.choose')}
          choices={all.map((list) => list.id)}
          chosen={selected?.id}
          name={(id) => {
            const list = all.find((candidate) => candidate.id === id);
            return list ? t('lists.choice', { name: list.name, open: list.openItems }) : '';
          }}
          onChoose={setChosenId}
        />
      )}
      {selected && <ListItems key={selected.id} list={selected} />}
      <section aria-labelledby={newId} className="flex flex-col gap-3 border-t border-stone-200 pt-6 dark:border-stone-800">
        <h2 id={newId} className="text-xl font-semibold tracking-tight">
          {t('lists.new.title')}
        </h2>
        <NewListForm
          onCreated={(list) => {
            setChosenId(list.id);
          }}
        />
      </section>
    </section>
  );
}
