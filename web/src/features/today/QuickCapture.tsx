import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Link } from 'react-router';
import { ApiProblem } from '../../api/client';
import * as z from 'zod/mini';
import { useI18n, type Translate } from '../../i18n';
import { listFrame, mutedText, quietButton } from '../../ui/styles';
import { assistantKeys } from '../assistant/conversations';
import type { Message } from '../assistant/hub';
import { enqueueCapture, forgetLastSent, useLastSent, useQueuedCaptures } from '../pwa/captureQueue';
import { say, sendCapture, type Said } from './capture';
import { CaptureChips } from './CaptureChips';
import { useUnderstanding, withoutPart } from './understanding';
import { ActionChips } from '../assistant/MessageList';
import { MessageText } from '../assistant/MessageText';
import { useAuth } from '../auth/AuthProvider';
import { applyProblem, Field, FormAlert, problemMessage, SubmitButton } from '../../ui/form';
import { formRules } from '../../ui/formRules';
import { eventKeys } from '../events/events';
import { reminderKeys } from '../reminders/reminders';
import { taskKeys } from '../tasks/tasks';

/** Said as a message, so undoing here works exactly like Undo in the chat or replying UNDO to a text. */
const undoText = 'undo';

/** The server's limit for a capture (a chat message, SendMessageRequest): 4000 characters, sent trimmed. */
function captureSchema(t: Translate) {
  return z.object({ text: formRules(t).optionalText(4000) });
}

type CaptureValues = z.infer<ReturnType<typeof captureSchema>>;

/**
 * One box: what is typed goes to the assistant, which saves it (a task, a reminder, an event, a list item, ...) and
 * says what it understood; the answer shows here with what was saved and Undo.
 */
export function QuickCapture() {
  const { t } = useI18n();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const titleId = useId();
  const {
    register,
    handleSubmit,
    control,
    getValues,
    setValue,
    setFocus,
    reset,
    setError: setFieldError,
    formState: { errors },
  } = useForm<CaptureValues>({ resolver: zodResolver(useMemo(() => captureSchema(t), [t])), defaultValues: { text: '' } });
  const text = useWatch({ control, name: 'text' });
  /** What the server said about the last capture that failed (beside the box when it named it). */
  const [problem, setProblem] = useState<string | null>(null);
  const [answer, setAnswer] = useState<{ said: Said; undone: Message | null } | null>(null);
  const userId = user?.id ?? 'me';
  // What the assistant would understand, shown before saving; nothing while saving or offline.
  const preview = useUnderstanding(text);

  const refresh = () =>
    Promise.all(
      [taskKeys.all, reminderKeys.all, eventKeys.all, assistantKeys.all].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    );

  const queued = useQueuedCaptures(user?.id ?? null);
  const lastSent = useLastSent();

  // Offline (or the server out of reach), a capture waits on this device and is sent once back online.
  const capture = useMutation({
    // Runs offline too (TanStack would pause it): offline, it puts the capture in the queue.
    networkMode: 'always',
    mutationFn: async (words: string): Promise<Said | null> => {
      if (!navigator.onLine) {
        enqueueCapture(userId, words);
        return null;
      }
      try {
        return await sendCapture(userId, words, t('today.capture.conversation'));
      } catch (failure) {
        // No answer at all (the network dropped): keep it. An answer from the server shows as before.
        if (!(failure instanceof ApiProblem)) {
          enqueueCapture(userId, words);
          return null;
        }
        throw failure;
      }
    },
    onSuccess: (said) => {
      reset({ text: '' });
      if (!said) {
        setAnswer(null);
        return undefined;
      }
      setAnswer({ said, undone: null });
      return refresh();
    },
    onError: (failure) => {
      setProblem(applyProblem(failure, setFieldError, ['text'], t('today.capture.error')));
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

  const submit = handleSubmit((values) => {
    if (values.text !== '' && !capture.isPending) {
      setProblem(null);
      undo.reset();
      forgetLastSent();
      capture.mutate(values.text);
    }
  });

  const reply = answer?.said.reply ?? null;
  const failure = problem ?? (undo.error ? problemMessage(undo.error, t('today.capture.error')) : null);
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-3">
      <h2 id={titleId} className="text-2xl font-semibold tracking-tight">
        {t('today.capture.title')}
      </h2>
      <form onSubmit={(event) => void submit(event)} noValidate className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="flex-1">
          <Field
            label={t('today.capture.label')}
            hint={t('today.capture.hint')}
            autoComplete="off"
            enterKeyHint="send"
            error={errors.text?.message}
            {...register('text')}
          />
        </div>
        <div>
          <SubmitButton busy={capture.isPending}>{capture.isPending ? t('today.capture.busy') : t('today.capture.submit')}</SubmitButton>
        </div>
      </form>
      {preview && !capture.isPending && (
        <CaptureChips
          understanding={preview.understanding}
          text={preview.text}
          onRemove={(part) => {
            setValue('text', withoutPart(getValues('text'), preview.text, part), { shouldValidate: errors.text !== undefined });
            // The chip and its button go: the person is back in the box, where the words were.
            setFocus('text');
          }}
        />
      )}
      <FormAlert message={failure} />
      {queued.length > 0 && (
        <div className="flex flex-col gap-2">
          <h3 className="text-lg font-semibold">{t('pwa.queue.title')}</h3>
          <ul className={listFrame}>
            {queued.map((item) => (
              <li key={item.id} className="flex flex-col px-5 py-3">
                <span className="text-base break-words">{item.text}</span>
                <span className={mutedText}>{t('pwa.queue.note')}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {queued.length === 0 && lastSent > 0 && (
        <p role="status" className="text-base">
          {lastSent === 1 ? t('pwa.queue.sent.one') : t('pwa.queue.sent.many', { count: lastSent })}{' '}
          <Link to="/assistant" className="font-medium text-teal-800 underline dark:text-teal-300">
            {t('today.capture.openChat')}
          </Link>
        </p>
      )}
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
