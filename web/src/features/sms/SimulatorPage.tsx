import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Link } from 'react-router';
import * as z from 'zod/mini';
import { api, ApiProblem, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n, type Translate } from '../../i18n';
import { formatDateTime } from '../../ui/dates';
import { emptyState, inputClass, labelClass, mutedText, primaryButton, quietButton } from '../../ui/styles';
import { useTimeZone } from '../../ui/timeZone';
import { useSettledValue } from '../../ui/useSettledValue';
import { useAuth } from '../auth/AuthProvider';
import { applyProblem, Field, FormAlert, problemMessage } from '../../ui/form';
import { formRules } from '../../ui/formRules';
import { countSmsSegments } from './segments';
import { phonesQuery, settingsKeys } from '../settings/settings';

type SimulatorMessage = components['schemas']['SimulatorMessageResponse'];

const threadKey = (number: string) => ['sms-simulator', number] as const;

/** How often, and how long, the thread is asked again after a text, while the reply is written by a background job. */
export const replyPollInterval = 1000;
export const replyPollTimeout = 20_000;

/** The select's value for "type another number" (administrators only). */
const otherNumber = 'other';

const e164 = /^\+[1-9]\d{6,14}$/;

/** The server's limit for a simulated text (SimulateSmsRequest): the longest body an SMS is kept with. */
const maxTextLength = 1600;

function textSchema(t: Translate) {
  return z.object({ text: formRules(t).text(maxTextLength) });
}

type TextValues = z.infer<ReturnType<typeof textSchema>>;

/** The simulator answers 404 while a real SMS provider is configured. */
function isSimulatorOff(error: unknown): boolean {
  return error instanceof ApiProblem && error.status === 404;
}

function repliesIn(thread: SimulatorMessage[] | undefined): number {
  return thread?.filter((message) => message.direction === 'outbound').length ?? 0;
}

/** After a text: how many replies the thread had, and whether the wait is over without a new one. */
interface Wait {
  number: string;
  replies: number;
  expired: boolean;
}

/**
 * Text the assistant as if from a phone: pick one of my confirmed numbers (administrators may type any), send, and
 * read the replies the background job writes, polled for a little while after each text.
 */
export function SimulatorPage() {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const { isAdministrator } = useAuth();
  const queryClient = useQueryClient();
  const phones = useQuery(phonesQuery);
  const verified = phones.data?.filter((phone) => phone.verified) ?? [];
  const [choice, setChoice] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [wait, setWait] = useState<Wait | null>(null);
  const [offBySend, setOffBySend] = useState(false);
  const id = useId();
  const {
    register,
    handleSubmit,
    reset,
    setFocus,
    setError: setFieldError,
    control,
    formState: { errors },
  } = useForm<TextValues>({ resolver: zodResolver(useMemo(() => textSchema(t), [t])), defaultValues: { text: '' } });
  const text = useWatch({ control, name: 'text' });

  const defaultChoice = (verified.find((phone) => phone.primary) ?? verified[0])?.number ?? (isAdministrator ? otherNumber : null);
  const selected = choice ?? defaultChoice;
  // A typed number is read once typing pauses, so each keystroke is not a request.
  const settledTyped = useSettledValue(typed);
  const number = selected === otherNumber ? settledTyped.replace(/[\s().-]/g, '') : (selected ?? '');
  const numberReady = e164.test(number);

  const waitingHere = wait !== null && wait.number === number;
  const thread = useQuery({
    queryKey: threadKey(number),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/sms/simulator/messages', { params: { query: { number } }, signal })),
    enabled: numberReady,
    refetchInterval: (query) => (waitingHere && !wait.expired && repliesIn(query.state.data) <= wait.replies ? replyPollInterval : false),
  });
  // Sending waits for the thread: the replies already in it are what a new reply is told apart from.
  const sendable = numberReady && thread.isSuccess;
  const replied = waitingHere && repliesIn(thread.data) > wait.replies;
  const waiting = waitingHere && !wait.expired && !replied;

  // A reply may follow STOP or START, which pause or resume texts to the number: Settings must not show the old state.
  useEffect(() => {
    if (replied) {
      void queryClient.invalidateQueries({ queryKey: settingsKeys.phones });
    }
  }, [replied, queryClient]);

  // The wait for a reply ends after a while even when none came: the person can still refresh by hand.
  useEffect(() => {
    if (!wait || wait.expired) {
      return;
    }
    const timer = setTimeout(() => {
      setWait((current) => (current === wait ? { ...wait, expired: true } : current));
    }, replyPollTimeout);
    return () => {
      clearTimeout(timer);
    };
  }, [wait]);

  const send = useMutation({
    mutationFn: (body: { from: string; text: string }) => unwrap(api.POST('/api/v1/sms/simulator/messages', { body })),
    onSuccess: (_, body) => {
      reset({ text: '' });
      setError(null);
      setWait({ number: body.from, replies: repliesIn(queryClient.getQueryData<SimulatorMessage[]>(threadKey(body.from))), expired: false });
      setFocus('text');
      return queryClient.invalidateQueries({ queryKey: threadKey(body.from) });
    },
    onError: (failure) => {
      if (isSimulatorOff(failure)) {
        setOffBySend(true);
        return;
      }
      const message = applyProblem(failure, setFieldError, ['text'], t('simulator.error'));
      setError(message);
      if (message !== null) {
        setFocus('text');
      }
    },
  });

  // Nothing to send yet (or no thread to send to) leaves the form as it is: the send button says so by being off.
  const canSend = text.trim() !== '' && sendable && !send.isPending;
  const submit = handleSubmit((values) => {
    setError(null);
    send.mutate({ from: number, text: values.text });
  });

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // While an input method is composing (accents, Asian scripts), Enter belongs to it.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      if (canSend) {
        void submit(event);
      }
    }
  }

  const segments = countSmsSegments(text);
  const status = waiting ? t('simulator.waiting') : replied ? t('simulator.replied') : waitingHere && wait.expired ? t('simulator.slow') : '';
  const off = offBySend || isSimulatorOff(thread.error);

  let body;
  if (phones.isPending) {
    body = <p className="mt-6">{t('simulator.loading')}</p>;
  } else if (phones.isError) {
    body = <p className="mt-6">{problemMessage(phones.error, t('simulator.error'))}</p>;
  } else if (off) {
    body = <p className={`mt-6 ${emptyState}`}>{t('simulator.off')}</p>;
  } else if (verified.length === 0 && !isAdministrator) {
    body = (
      <div className={`mt-6 flex flex-col gap-3 ${emptyState}`}>
        <p>{t('simulator.noNumber')}</p>
        <p>
          <Link to="/settings" className="font-medium text-teal-800 underline dark:text-teal-300">
            {t('simulator.addNumber')}
          </Link>
        </p>
      </div>
    );
  } else {
    body = (
      <div className="mt-6 flex flex-col gap-4">
        <div className="flex flex-wrap items-end gap-3">
          {(verified.length > 0 || isAdministrator) && (
            <div className="flex flex-col gap-1.5">
              <label htmlFor={`${id}-from`} className={labelClass}>
                {t('simulator.from')}
              </label>
              <select
                id={`${id}-from`}
                value={selected ?? ''}
                onChange={(event) => {
                  setChoice(event.target.value);
                  setError(null);
                }}
                className={inputClass}
              >
                {verified.map((phone) => (
                  <option key={phone.id} value={phone.number}>
                    {phone.number}
                  </option>
                ))}
                {isAdministrator && <option value={otherNumber}>{t('simulator.otherNumber')}</option>}
              </select>
            </div>
          )}
          {selected === otherNumber && (
            <Field
              label={t('simulator.number')}
              type="tel"
              autoComplete="off"
              hint={t('settings.phones.hint')}
              value={typed}
              onChange={(event) => {
                setTyped(event.target.value);
              }}
            />
          )}
        </div>

        <div className="flex flex-col gap-3 rounded-3xl border border-stone-200 bg-stone-50 p-4 dark:border-stone-800 dark:bg-stone-950">
          <div className="flex items-center justify-between gap-3">
            <h2 id={`${id}-thread`} className="text-lg font-semibold">
              {numberReady ? number : t('simulator.thread')}
            </h2>
            <button
              type="button"
              className={quietButton}
              disabled={!numberReady}
              onClick={() => {
                void thread.refetch();
              }}
            >
              {t('simulator.refresh')}
            </button>
          </div>
          {numberReady && thread.isError && <p>{problemMessage(thread.error, t('simulator.error'))}</p>}
          {numberReady && thread.data && thread.data.length === 0 && <p className={mutedText}>{t('simulator.empty')}</p>}
          {thread.data && thread.data.length > 0 && (
            <ol aria-labelledby={`${id}-thread`} className="flex max-h-[28rem] flex-col gap-2 overflow-y-auto">
              {thread.data.map((message, index) => {
                const inbound = message.direction === 'inbound';
                return (
                  <li key={`${message.at}-${String(index)}`} className={`flex max-w-[85%] flex-col gap-1 ${inbound ? 'self-end items-end' : 'self-start items-start'}`}>
                    <p
                      className={[
                        'rounded-2xl px-4 py-2 text-base whitespace-pre-wrap break-words',
                        inbound
                          ? 'rounded-br-sm bg-teal-800 text-white'
                          : 'rounded-bl-sm border border-stone-200 bg-white text-stone-900 dark:border-stone-700 dark:bg-stone-800 dark:text-stone-50',
                      ].join(' ')}
                    >
                      <span className="sr-only">{inbound ? t('simulator.you') : t('simulator.assistant')}: </span>
                      {message.text}
                    </p>
                    <p className={mutedText}>
                      <time dateTime={message.at}>{formatDateTime(language, message.at, timeZone)}</time>
                    </p>
                  </li>
                );
              })}
            </ol>
          )}
          <p aria-live="polite" className="min-h-6 text-base text-stone-700 dark:text-stone-300">
            {status}
          </p>
        </div>

        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (canSend) {
              void submit(event);
            }
          }}
          className="flex flex-col gap-2"
          noValidate
        >
          <FormAlert message={error} />
          <label htmlFor={`${id}-text`} className={labelClass}>
            {t('simulator.message')}
          </label>
          <div className="flex items-end gap-2">
            <textarea
              id={`${id}-text`}
              rows={2}
              aria-invalid={errors.text ? true : undefined}
              aria-describedby={[errors.text ? `${id}-error` : null, `${id}-hint`, `${id}-count`].filter(Boolean).join(' ')}
              onKeyDown={onKeyDown}
              className={`flex-1 resize-y py-2 ${inputClass} aria-invalid:border-red-700`}
              {...register('text')}
            />
            <button type="submit" disabled={!canSend} aria-busy={send.isPending || undefined} className={primaryButton}>
              {t('simulator.send')}
            </button>
          </div>
          {errors.text && (
            <p id={`${id}-error`} className="text-sm font-medium text-red-800 dark:text-red-300">
              {errors.text.message}
            </p>
          )}
          <div className="flex flex-wrap justify-between gap-x-4 gap-y-1">
            <p id={`${id}-hint`} className={mutedText}>
              {t('simulator.hint')}
            </p>
            <p id={`${id}-count`} className={mutedText}>
              {segments === 0 ? '' : segments === 1 ? t('simulator.segmentsOne') : t('simulator.segmentsMany', { count: segments })}
            </p>
          </div>
        </form>
      </div>
    );
  }

  return (
    <section aria-labelledby="simulator-title">
      <title>{`${t('simulator.title')} · ${t('app.name')}`}</title>
      <h1 id="simulator-title" className="text-3xl font-semibold tracking-tight">
        {t('simulator.title')}
      </h1>
      {!off && <p className="mt-2 text-base text-stone-700 dark:text-stone-300">{t('simulator.intro')}</p>}
      {body}
    </section>
  );
}
