import { infiniteQueryOptions, keepPreviousData, queryOptions, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n, type Translate } from '../../i18n';
import { formatInstant } from '../../ui/dates';
import { useTimeZone } from '../../ui/timeZone';
import type { Conversation, Message } from './hub';

type MessagePage = components['schemas']['MessagePage'];
type Before = number | string | undefined;

const messagesPerPage = 30;
const conversationsShown = 50;

/** The server's limit on a conversation's title (ConversationConfiguration.MaxTitleLength). */
export const maxTitleLength = 120;

export const assistantKeys = {
  all: ['assistant'] as const,
  conversations: () => [...assistantKeys.all, 'conversations'] as const,
  conversationSearch: (q: string, archived: boolean) => [...assistantKeys.conversations(), { q, archived }] as const,
  messages: (conversationId: string) => [...assistantKeys.all, 'messages', conversationId] as const,
};

/** The latest current (or archived) conversations, or those whose messages match `q`. */
export function conversationsQuery(q: string, archived = false) {
  return queryOptions({
    queryKey: assistantKeys.conversationSearch(q, archived),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/conversations', {
          params: { query: { q: q || undefined, archived: archived || undefined, pageSize: conversationsShown } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Puts a conversation the server just answered with into every loaded list, so its new title shows at once. */
export function replaceConversation(queryClient: QueryClient, conversation: Conversation): void {
  queryClient.setQueriesData<{ items: Conversation[] }>({ queryKey: assistantKeys.conversations() }, (data) =>
    data ? { ...data, items: data.items.map((item) => (item.id === conversation.id ? conversation : item)) } : data,
  );
}

/** What a conversation is called: its title, or for one without (texts, say) where and when it started. */
export function conversationLabel(t: Translate, date: (iso: string) => string, conversation: Conversation): string {
  if (conversation.title) {
    return conversation.title;
  }
  const started = date(conversation.createdAt);
  return conversation.channel === 'sms' ? t('assistant.untitled.sms', { date: started }) : t('assistant.untitled.web', { date: started });
}

/** {@link conversationLabel} in the person's language and time zone. */
export function useConversationLabel(): (conversation: Conversation) => string {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  return (conversation) =>
    conversationLabel(t, (iso) => formatInstant(language, iso, timeZone, { month: 'long', day: 'numeric', year: 'numeric' }), conversation);
}

/** Pages of a conversation's messages: the first page is the newest, each next page is older. */
export function messagesQuery(conversationId: string) {
  return infiniteQueryOptions({
    queryKey: assistantKeys.messages(conversationId),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/conversations/{id}/messages', {
          params: { path: { id: conversationId }, query: { before: pageParam, limit: messagesPerPage } },
          signal,
        }),
      ),
    initialPageParam: undefined as Before,
    getNextPageParam: (page): Before => page.nextBefore ?? undefined,
  });
}

/** All loaded messages of a conversation, oldest first. */
export function inOrder(data: InfiniteData<MessagePage> | undefined): Message[] {
  return data ? [...data.pages].reverse().flatMap((page) => page.items) : [];
}

/** A conversation that was just created has no messages: no need to ask. */
export function seedEmptyConversation(queryClient: QueryClient, conversationId: string): void {
  queryClient.setQueryData(messagesQuery(conversationId).queryKey, { pages: [{ items: [], nextBefore: null }], pageParams: [undefined] });
}

/**
 * Puts a message the page already knows (the person's, once accepted; the assistant's, from the hub) at the end of
 * its conversation at once, but before a reply to it that came first (the hub can be quicker than the send's own
 * answer). A fetch still in flight is cancelled first so its older answer cannot hide it.
 */
export async function showMessage(queryClient: QueryClient, message: Message): Promise<void> {
  const { queryKey } = messagesQuery(message.conversationId);
  await queryClient.cancelQueries({ queryKey });
  if (!queryClient.getQueryData(queryKey)) {
    await queryClient.invalidateQueries({ queryKey });
    return;
  }
  queryClient.setQueryData(queryKey, (data) => {
    if (!data) {
      return data;
    }
    const known = data.pages.some((page) => page.items.some((item) => String(item.id) === String(message.id)));
    if (known) {
      return data;
    }
    const [newest, ...older] = data.pages;
    if (!newest) {
      return data;
    }
    const answer = newest.items.findIndex((item) => item.replyTo != null && String(item.replyTo) === String(message.id));
    const items = answer < 0 ? [...newest.items, message] : [...newest.items.slice(0, answer), message, ...newest.items.slice(answer)];
    return { ...data, pages: [{ ...newest, items }, ...older] };
  });
}
