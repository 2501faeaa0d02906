import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type SyntheticEvent } from 'react';
import { Link } from 'react-router';
import { ApiProblem, api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { quietButton } from '../../ui/styles';
import { assistantKeys } from '../assistant/conversations';
import type { Message } from '../assistant/hub';
import { ActionChips } from '../assistant/MessageList';
import { MessageText } from '../assistant/MessageText';
import { useAuth } from '../auth/AuthProvider';
import { Field, FormAlert, problemMessage, SubmitButton } from '../../ui/form';
import { eventKeys } from '../events/events';
import { reminderKeys } from '../reminders/reminders';
import { taskKeys } from '../tasks/tasks';

/** Said as a message, so undoing here works exactly like Undo in the chat or replying UNDO to a text. */
const undoText = 'undo';

/** How long to wait for the assistant's answer before saying it will be in the chat. */
const waitSeconds = 15;

/**
 * Captures go to one conversation of their own ("Quick capture"), so they neither interrupt the chat's current
 * conversation (a question it is waiting on) nor add a new conversation per line. Its id is kept on this device.
 */
const conversationStorageKey = (userId: string) => `pa.captureConversation.${userId}`;

function storedConversation(userId: string): string | null {
  try {
    return localStorage.getItem(conversationStorageKey(userId));
  } catch {
    return null;
  }
}

function storeConversation(userId: string, id: string | null) {
  try {
    if (id) {
      localStorage.setItem(conversationStorageKey(userId), id);
    } else {
      localStorage.removeItem(conversationStorageKey(userId));
    }
  } catch {
    // Private browsing: a new capture conversation next visit.
  }
}

type Said = { reply: Message | null; conversationId: string };

/**
 * One box: what is typed goes to the assistant, which saves it (a task, a reminder, an event, a list item, ...) and
 * says what it understood; the answer shows here with what was saved and Undo.
 */
export function QuickCapture() {
  const { t } = useI18n();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const titleId = useId();
  const [text, setText] = useState('');
  const [answer, setAnswer] = useState<{ said: Said; undone: Message | null } | null>(null);
  const userId = user?.id ?? 'me';

  async function conversation(): Promise<string> {
    const known = storedConversation(userId);
    if (known) {
      return known;
    }
    const created = await unwrap(api.POST('/api/v1/conversations', { body: { title: t('today.capture.conversation') } }));
    storeConversation(userId, created.id);
    return created.id;
  }

  async function say(words: string, conversationId: string): Promise<Said> {
    const result = await unwrap(
      api.POST('/api/v1/conversations/{id}/messages', {
        params: { path: { id: conversationId } },
        body: { text: words },
        headers: { Prefer: `wait=${String(waitSeconds)}` },
      }),
    );
    return { reply: 'reply' in result ? result.reply : null, conversationId };
  }

  const refresh = () =>
    Promise.all(
      [taskKeys.all, reminderKeys.all, eventKeys.all, assistantKeys.all].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    );

  const capture = useMutation({
    mutationFn: async (words: string) => {
      const id = await conversation();
      try {
        return await say(words, id);
      } catch (failure) {
        // The capture conversation was deleted (by the person, or by retention): start a new one once.
        if (failure instanceof ApiProblem && failure.status === 404) {
          storeConversation(userId, null);
          return say(words, await conversation());
        }
        throw failure;
      }
    },
    onSuccess: (said) => {
      setText('');
      setAnswer({ said, undone: null });
      return refresh();
    },
  });

  const undo = useMutation({
    mutationFn: (conversationId: string) => say(undoText, conversationId),
    onSuccess: (said) => {
      // Without an answer in time, say it will be in the chat, as for a capture.
      setAnswer((current) => (current ? (said.reply ? { ...current, undone: said.reply } : { said, undone: null }) : current));
      return refresh();
    },
  });

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (text.trim() !== '' && !capture.isPending) {
      undo.reset();
      capture.mutate(text.trim());
    }
  }

  const reply = answer?.said.reply ?? null;
  const failure = capture.error ?? undo.error;
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-3">
      <h2 id={titleId} className="text-2xl font-semibold tracking-tight">
        {t('today.capture.title')}
      </h2>
      <form onSubmit={submit} noValidate className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="flex-1">
          <Field
            label={t('today.capture.label')}
            hint={t('today.capture.hint')}
            value={text}
            autoComplete="off"
            enterKeyHint="send"
            onChange={(event) => {
              setText(event.target.value);
            }}
          />
        </div>
        <div>
          <SubmitButton busy={capture.isPending}>{capture.isPending ? t('today.capture.busy') : t('today.capture.submit')}</SubmitButton>
        </div>
      </form>
      <FormAlert message={failure ? problemMessage(failure, t('today.capture.error')) : null} />
      <div role="status" aria-live="polite">
        {answer &&
          (reply ? (
            <div className="rounded-2xl border border-stone-200 bg-white px-5 py-4 dark:border-stone-800 dark:bg-stone-900">
              <MessageText text={answer.undone?.text ?? reply.text} />
              {!answer.undone && reply.actions.length > 0 && (
                <>
                  <h3 className="sr-only">{t('today.capture.saved')}</h3>
                  <ActionChips actions={reply.actions} />
                  <button
                    type="button"
                    className={`${quietButton} mt-3`}
                    disabled={undo.isPending}
                    onClick={() => {
                      undo.mutate(answer.said.conversationId);
                    }}
                  >
                    {t('common.undo')}
                  </button>
                </>
              )}
            </div>
          ) : (
            <p className="text-base">
              {t('today.capture.pending')}{' '}
              <Link to="/assistant" className="font-medium text-teal-800 underline dark:text-teal-300">
                {t('today.capture.openChat')}
              </Link>
            </p>
          ))}
      </div>
    </section>
  );
}
