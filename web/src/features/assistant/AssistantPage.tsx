import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { applyProblem, problemMessage } from '../../ui/form';
import { Composer, useComposer } from './Composer';
import { ConversationHeader } from './ConversationHeader';
import { ConversationList } from './ConversationList';
import { assistantKeys, conversationsQuery, inOrder, messagesQuery, seedEmptyConversation, showMessage } from './conversations';
import { connectAssistant, type ConnectAssistant, type Conversation } from './hub';
import { MessageList } from './MessageList';
import { quietButton } from '../../ui/styles';
import { useAssistantTurns } from './useAssistantTurns';

const examples: MessageKey[] = ['assistant.example.call', 'assistant.example.list', 'assistant.example.remember'];

/** Said as a message, so undoing from the web works exactly like replying UNDO to a text. */
const undoText = 'undo';

/**
 * The chat with the assistant: conversations on one side, the open one on the other. A message is answered at once
 * with 202; the reply streams in over the hub (`connect`, replaceable in tests).
 */
export function AssistantPage({ connect = connectAssistant }: { connect?: ConnectAssistant }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const titleId = useId();
  const chatTitleId = useId();
  const [selected, setSelected] = useState<Conversation | null>(null);
  const composer = useComposer();
  const [error, setError] = useState<string | null>(null);
  /** What just happened to a conversation (renamed, archived, deleted), said in the status line. */
  const [notice, setNotice] = useState<string | null>(null);
  const { turns, lastReply, begin } = useAssistantTurns(connect);

  // Shares the list's cache: the title appears once the first message has named the conversation.
  const latest = useQuery(conversationsQuery(''));
  const open = selected ? (latest.data?.items.find((conversation) => conversation.id === selected.id) ?? selected) : null;
  const messages = useInfiniteQuery({ ...messagesQuery(selected?.id ?? ''), enabled: selected !== null });

  const send = useMutation({
    mutationFn: async ({ text, conversationId: chosen }: { text: string; conversationId: string | null }) => {
      let conversationId = chosen;
      if (!conversationId) {
        // The first message starts the conversation (and names it), so "New conversation" never leaves an empty one.
        const created = await unwrap(api.POST('/api/v1/conversations', { body: {} }));
        seedEmptyConversation(queryClient, created.id);
        setSelected(created);
        conversationId = created.id;
      }
      const accepted = await unwrap(
        api.POST('/api/v1/conversations/{id}/messages', { params: { path: { id: conversationId } }, body: { text } }),
      );
      // Without `Prefer: wait` the host answers 202 and the reply comes over the hub; read either shape all the same.
      return 'message' in accepted
        ? { messageId: accepted.message.id, conversationId: accepted.message.conversationId, text }
        : { messageId: accepted.messageId, conversationId: accepted.conversationId, text };
    },
    onSuccess: ({ messageId, conversationId, text }) => {
      setError(null);
      begin(conversationId, messageId);
      void queryClient.invalidateQueries({ queryKey: assistantKeys.conversations() });
      void showMessage(queryClient, {
        id: messageId,
        conversationId,
        role: 'user',
        channel: 'web',
        text,
        replyTo: null,
        actions: [],
        createdAt: new Date().toISOString(),
      });
    },
    onError: (failure, { text }) => {
      // Nothing the person wrote is lost: it goes back in the box unless they have started something new.
      if (composer.getValues('text').trim() === '') {
        composer.setValue('text', text);
      }
      setError(applyProblem(failure, composer.setError, ['text'], t('assistant.sendError')));
    },
  });

  const startingConversation = send.isPending && selected === null;

  /** Sends `text` unless a new conversation is still being started; false when it was not sent. */
  function say(text: string): boolean {
    if (text.trim() === '' || startingConversation) {
      return false;
    }
    setError(null);
    setNotice(null);
    send.mutate({ text, conversationId: selected?.id ?? null });
    composer.setFocus('text');
    return true;
  }

  const shown = inOrder(messages.data);
  const pending = Object.values(turns).filter((turn) => turn.conversationId === selected?.id);
  // A message on its way shows in its own conversation (or in the one it is starting), not in whichever is open.
  const sending =
    send.isPending && (send.variables.conversationId === null || send.variables.conversationId === selected?.id) ? send.variables.text : null;
  const thinking = sending !== null || pending.length > 0;
  const last = shown.at(-1);
  const canUndo = !thinking && last?.role === 'assistant' && last.actions.length > 0;
  const quiet = selected === null || (messages.isSuccess && shown.length === 0 && !send.isPending && pending.length === 0);

  return (
    <section aria-labelledby={titleId}>
      <title>{`${t('assistant.title')} · ${t('app.name')}`}</title>
      <h1 id={titleId} className="text-3xl font-semibold tracking-tight">
        {t('assistant.title')}
      </h1>
      <div className="mt-6 grid gap-8 md:grid-cols-[14rem_1fr]">
        <ConversationList
          selectedId={selected?.id ?? null}
          onSelect={(conversation) => {
            setSelected(conversation);
            setError(null);
            setNotice(null);
          }}
          onStartNew={() => {
            setSelected(null);
            setError(null);
            setNotice(null);
            composer.setFocus('text');
          }}
        />
        <section aria-labelledby={chatTitleId} className="flex min-w-0 flex-col gap-4">
          {open ? (
            <ConversationHeader
              key={open.id}
              conversation={open}
              headingId={chatTitleId}
              onChanged={(conversation, said) => {
                setSelected(conversation);
                setNotice(said);
              }}
              onGone={(said) => {
                // Archived or deleted: a fresh conversation takes its place, ready for the next thought.
                setSelected(null);
                setError(null);
                setNotice(said);
                composer.setFocus('text');
              }}
            />
          ) : (
            <h2 id={chatTitleId} className="text-xl font-semibold tracking-tight">
              {t('assistant.newConversation')}
            </h2>
          )}
          {quiet ? (
            <div className="rounded-2xl border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900">
              <p className="text-lg">{t('assistant.empty.title')}</p>
              <p className="mt-2 text-base text-stone-700 dark:text-stone-300">{t('assistant.empty.examples')}</p>
              <ul className="mt-3 flex flex-wrap gap-2">
                {examples.map((key) => (
                  <li key={key}>
                    <button
                      type="button"
                      className={quietButton}
                      onClick={() => {
                        composer.setValue('text', t(key), { shouldValidate: true });
                        composer.setFocus('text');
                      }}
                    >
                      {t(key)}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ) : messages.isError ? (
            <p className="text-base text-stone-700 dark:text-stone-300">{problemMessage(messages.error, t('assistant.error'))}</p>
          ) : messages.isPending ? (
            <p className="text-base text-stone-700 dark:text-stone-300">{t('assistant.loading')}</p>
          ) : (
            <MessageList
              messages={shown}
              sending={sending}
              pending={pending}
              hasOlder={messages.hasNextPage}
              loadingOlder={messages.isFetchingNextPage}
              onLoadOlder={() => void messages.fetchNextPage()}
              onUndo={
                canUndo
                  ? () => {
                      say(undoText);
                    }
                  : null
              }
            />
          )}
          <p role="status" aria-live="polite" className="min-h-6 text-base text-stone-700 dark:text-stone-300">
            {thinking ? (
              <span className="inline-flex items-center gap-2">
                <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-teal-600 motion-reduce:animate-none" />
                {t('assistant.thinking')}
              </span>
            ) : notice !== null ? (
              notice
            ) : (
              lastReply !== null &&
              lastReply.conversationId === selected?.id && <span className="sr-only">{t('assistant.replied', { text: lastReply.text })}</span>
            )}
          </p>
          <Composer
            form={composer}
            error={error}
            onSend={(text) => {
              if (say(text)) {
                composer.reset({ text: '' });
              }
            }}
          />
        </section>
      </div>
    </section>
  );
}
