import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useI18n } from '../../i18n';
import { formatInstant } from '../../ui/dates';
import { useTimeZone } from '../../ui/timeZone';
import { problemMessage } from '../../ui/form';
import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { conversationsQuery, useConversationLabel } from './conversations';
import type { Conversation } from './hub';
import { quietButton } from '../../ui/styles';
import { useSettledValue } from '../../ui/useSettledValue';

const shownChoices = ['current', 'archived'] as const;
type Shown = (typeof shownChoices)[number];

/** The person's conversations (current or archived), latest first, with search and a way to start afresh. */
export function ConversationList({
  selectedId,
  onSelect,
  onStartNew,
}: {
  selectedId: string | null;
  onSelect: (conversation: Conversation) => void;
  onStartNew: () => void;
}) {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const label = useConversationLabel();
  const titleId = useId();
  const [search, setSearch] = useState('');
  const [shown, setShown] = useState<Shown>('current');
  const q = useSettledValue(search.trim());
  const conversations = useQuery(conversationsQuery(q, shown === 'archived'));
  const formatWhen = (iso: string) =>
    formatInstant(language, iso, timeZone, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-3">
      <h2 id={titleId} className="text-xl font-semibold tracking-tight">
        {t('assistant.conversations')}
      </h2>
      <button
        type="button"
        onClick={onStartNew}
        className="inline-flex min-h-11 items-center justify-center rounded-lg bg-teal-800 px-4 text-base font-medium text-white hover:bg-teal-900 focus-visible:ring-2 focus-visible:ring-teal-700 focus-visible:ring-offset-2 focus-visible:outline-none"
      >
        {t('assistant.new')}
      </button>
      <ChoiceGroup
        choices={shownChoices}
        chosen={shown}
        label={t('assistant.show')}
        name={(choice) => (choice === 'archived' ? t('assistant.show.archived') : t('assistant.show.current'))}
        onChoose={setShown}
      />
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${titleId}-search`} className="text-base font-medium">
          {t('assistant.search')}
        </label>
        <input
          id={`${titleId}-search`}
          type="search"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
          }}
          className="min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-base text-stone-900 focus:border-teal-700 focus:ring-2 focus:ring-teal-700/40 focus:outline-none dark:border-stone-700 dark:bg-stone-900 dark:text-stone-50"
        />
      </div>
      {conversations.isPending ? (
        <p className="text-base text-stone-700 dark:text-stone-300">{t('assistant.loading')}</p>
      ) : conversations.isError ? (
        <p className="text-base text-stone-700 dark:text-stone-300">{problemMessage(conversations.error, t('assistant.error'))}</p>
      ) : conversations.data.items.length === 0 ? (
        <p className="text-base text-stone-700 dark:text-stone-300">{q ? t('assistant.noMatches') : shown === 'archived' ? t('assistant.noArchived') : t('assistant.noConversations')}</p>
      ) : (
        <ul aria-labelledby={titleId} className="flex max-h-64 flex-col gap-1 overflow-y-auto md:max-h-[32rem]">
          {conversations.data.items.map((conversation) => {
            const current = conversation.id === selectedId;
            return (
              <li key={conversation.id}>
                <button
                  type="button"
                  aria-current={current ? 'true' : undefined}
                  onClick={() => {
                    onSelect(conversation);
                  }}
                  className={`${quietButton} w-full flex-col items-start gap-0.5 py-2 text-left ${
                    current ? 'border-teal-700 bg-teal-50 dark:border-teal-500 dark:bg-teal-950' : ''
                  }`}
                >
                  <span className="line-clamp-2 font-medium">{label(conversation)}</span>
                  <span className="text-sm font-normal text-stone-600 dark:text-stone-400">
                    {conversation.awaitingAnswer ? t('assistant.awaitingAnswer') : formatWhen(conversation.updatedAt)}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
