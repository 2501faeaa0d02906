import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { formatInstant } from '../../ui/dates';
import { useTimeZone } from '../../ui/timeZone';
import type { Action, Message } from './hub';
import { MessageText } from './MessageText';
import { quietButton } from '../../ui/styles';
import type { PendingTurn } from './useAssistantTurns';

export function ActionChips({ actions }: { actions: Action[] }) {
  const { t } = useI18n();
  if (actions.length === 0) {
    return null;
  }
  return (
    <ul aria-label={t('assistant.actions')} className="mt-2 flex flex-wrap gap-2">
      {actions.map((action, index) => (
        <li
          key={`${action.entityId}-${index}`}
          className="rounded-full border border-teal-200 bg-teal-50 px-3 py-1 text-sm text-teal-950 dark:border-teal-800 dark:bg-teal-950 dark:text-teal-50"
        >
          {action.summary}
        </li>
      ))}
    </ul>
  );
}

function Bubble({ mine, speaker, children, footer }: { mine: boolean; speaker: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <li className={`flex max-w-[85%] flex-col ${mine ? 'items-end self-end' : 'items-start self-start'}`}>
      <div
        className={`rounded-2xl px-4 py-3 text-base break-words ${
          mine
            ? 'rounded-br-md bg-teal-100 text-teal-950 dark:bg-teal-900 dark:text-teal-50'
            : 'rounded-bl-md border border-stone-200 bg-white text-stone-900 dark:border-stone-800 dark:bg-stone-900 dark:text-stone-50'
        }`}
      >
        <span className="sr-only">{speaker}</span>
        {children}
      </div>
      {footer}
    </li>
  );
}

/**
 * One conversation, oldest first: the person's words on the right, the assistant's on the left with what it did,
 * then whatever is on its way (the message being sent, the reply being written).
 */
export function MessageList({
  messages,
  sending,
  pending,
  hasOlder,
  loadingOlder,
  onLoadOlder,
  onUndo,
}: {
  messages: Message[];
  sending: string | null;
  pending: PendingTurn[];
  hasOlder: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  onUndo: (() => void) | null;
}) {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const scroller = useRef<HTMLDivElement>(null);
  const formatTime = (iso: string) => formatInstant(language, iso, timeZone, { hour: 'numeric', minute: '2-digit' });
  const last = messages.at(-1);
  const streamed = pending.map((turn) => turn.text.length + turn.actions.length).join();

  // Follow the conversation as it grows at the end; loading older messages at the top leaves the view alone.
  useEffect(() => {
    const element = scroller.current;
    if (element) {
      element.scrollTop = element.scrollHeight;
    }
  }, [last?.id, sending, streamed]);

  return (
    <div
      ref={scroller}
      tabIndex={0}
      className="flex max-h-[60vh] min-h-48 flex-col gap-3 overflow-y-auto rounded-2xl border border-stone-200 bg-stone-50 p-4 focus-visible:ring-2 focus-visible:ring-teal-700 focus-visible:outline-none dark:border-stone-800 dark:bg-stone-950"
    >
      {hasOlder && (
        <button type="button" onClick={onLoadOlder} disabled={loadingOlder} aria-busy={loadingOlder || undefined} className={`${quietButton} self-center disabled:opacity-60`}>
          {loadingOlder ? t('assistant.loadingOlder') : t('assistant.loadOlder')}
        </button>
      )}
      <ol aria-label={t('assistant.messages')} className="flex flex-col gap-3">
        {messages.map((message) => {
          const mine = message.role === 'user';
          return (
            <Bubble
              key={message.id}
              mine={mine}
              speaker={mine ? t('assistant.speaker.you') : t('assistant.speaker.assistant')}
              footer={
                <>
                  <time dateTime={message.createdAt} className="mt-1 px-1 text-xs text-stone-600 dark:text-stone-400">
                    {formatTime(message.createdAt)}
                  </time>
                  {onUndo && message === last && (
                    <button type="button" onClick={onUndo} className={`${quietButton} mt-2`}>
                      {t('assistant.undo')}
                    </button>
                  )}
                </>
              }
            >
              {mine ? <p className="whitespace-pre-wrap">{message.text}</p> : <MessageText text={message.text} />}
              {!mine && <ActionChips actions={message.actions} />}
            </Bubble>
          );
        })}
        {sending !== null && (
          <Bubble mine speaker={t('assistant.speaker.you')}>
            <p className="whitespace-pre-wrap">{sending}</p>
          </Bubble>
        )}
        {pending
          .filter((turn) => turn.text.length > 0 || turn.actions.length > 0)
          .map((turn) => (
            <Bubble key={`pending-${turn.messageId}`} mine={false} speaker={t('assistant.speaker.assistant')}>
              <MessageText text={turn.text} />
              <ActionChips actions={turn.actions} />
            </Bubble>
          ))}
      </ol>
    </div>
  );
}
