import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { useTimeZone } from '../../ui/timeZone';
import { formatDateTime } from '../../ui/dates';
import { mutedText, quietButton } from '../../ui/styles';
import { Field, fieldErrors, problemMessage, SubmitButton } from '../../ui/form';
import { memoryKeys, type Memory } from './memories';

/** One thing the assistant remembers: correct it or make it forget. */
export function MemoryItem({ memory, onResult }: { memory: Memory; onResult: (message: string, isError?: boolean) => void }) {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(memory.body);
  const path = { params: { path: { id: memory.id } } };
  const refresh = () => queryClient.invalidateQueries({ queryKey: memoryKeys.all });
  const fail = (failure: unknown) => {
    onResult(problemMessage(failure, t('memories.error.save')), true);
  };

  const save = useMutation({
    mutationFn: () => unwrap(api.PATCH('/api/v1/memories/{id}', { ...path, body: { body: body.trim() } })),
    onSuccess: () => {
      setEditing(false);
      onResult(t('memories.saved'));
      return refresh();
    },
    onError: fail,
  });
  const forget = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/memories/{id}', path)),
    onSuccess: () => {
      onResult(t('memories.forgotten', { body: memory.body }));
      return refresh();
    },
    onError: fail,
  });

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (body.trim() !== '') {
      save.mutate();
    }
  }

  if (editing) {
    return (
      <li className="px-5 py-4">
        <form onSubmit={submit} className="flex flex-col gap-3" noValidate aria-label={t('memories.edit.title')}>
          <Field
            label={t('memories.field.body')}
            // Opened by the person's own tap on Edit, in place of that button: the focus goes into the form.
            autoFocus
            value={body}
            error={fieldErrors(save.error).body}
            onChange={(e) => {
              setBody(e.target.value);
            }}
          />
          <div className="flex flex-wrap gap-3">
            <SubmitButton busy={save.isPending}>{t('common.save')}</SubmitButton>
            <button
              type="button"
              className={quietButton}
              onClick={() => {
                setBody(memory.body);
                setEditing(false);
              }}
            >
              {t('common.cancel')}
            </button>
          </div>
        </form>
      </li>
    );
  }

  return (
    <li className="flex flex-col gap-3 px-5 py-4">
      <div>
        <p className="text-lg">{memory.body}</p>
        <p className={mutedText}>{t('memories.since', { when: formatDateTime(language, memory.createdAt, timeZone) })}</p>
      </div>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={quietButton}
          aria-label={t('memories.edit.label', { body: memory.body })}
          onClick={() => {
            setEditing(true);
          }}
        >
          {t('common.edit')}
        </button>
        <button
          type="button"
          className={quietButton}
          aria-label={t('memories.forget.label', { body: memory.body })}
          onClick={() => {
            if (window.confirm(t('memories.forget.confirm', { body: memory.body }))) {
              forget.mutate();
            }
          }}
        >
          {t('memories.forget')}
        </button>
      </div>
    </li>
  );
}
