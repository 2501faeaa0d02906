import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import * as z from 'zod/mini';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n, type Translate } from '../../i18n';
import { formatInstant } from '../../ui/dates';
import { applyProblem, Field, SubmitButton } from '../../ui/form';
import { formRules } from '../../ui/formRules';
import { mutedText, primaryButton, quietButton } from '../../ui/styles';
import { useTimeZone } from '../../ui/timeZone';
import type { AdminUser } from './adminShared';

type Change = Partial<components['schemas']['AdminUpdateUserRequest']>;

/** The PATCH body: only the fields sent apply, the others go as null. */
function patchOf(change: Change): components['schemas']['AdminUpdateUserRequest'] {
  return { isActive: null, unlock: null, forcePasswordReset: null, displayName: null, ...change };
}

const sectionClass = 'mt-10 rounded-2xl border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900';
const confirmPanel = 'mt-4 flex flex-col gap-4 rounded-2xl border border-stone-300 p-4 dark:border-stone-700';

/** One PATCH of the account; the page announces what it answered or shows why it refused. */
function useAccountChange(id: string, onChanged: (user: AdminUser, message: string) => void, onFailed: (error: unknown) => void) {
  return useMutation({
    mutationFn: ({ change }: { change: Change; message: (user: AdminUser) => string }) =>
      unwrap(api.PATCH('/api/v1/admin/users/{id}', { params: { path: { id } }, body: patchOf(change) })),
    onSuccess: (user, { message }) => {
      onChanged(user, message(user));
    },
    onError: onFailed,
  });
}

/** The steps of an account that ask "are you sure?" first; their words are `adminUser.<step>.start`, `.explain`, `.submit`, `.cancel`. */
type ConfirmedStep = 'deactivate' | 'reset';

/**
 * A step that asks first: a quiet button, then "are you sure?" in words that say what happens, with the way back right
 * after the step in reading order. One step asks at a time (`asking`); the question takes the focus when it opens.
 */
function ConfirmedAction({ step, asking, onAsking, busy, onConfirm }: {
  step: ConfirmedStep;
  asking: ConfirmedStep | null;
  onAsking: (step: ConfirmedStep | null) => void;
  busy: boolean;
  onConfirm: () => void;
}) {
  const { t } = useI18n();
  const open = asking === step;
  const question = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (open) {
      question.current?.focus();
    }
  }, [open]);
  return (
    <div className="mt-4">
      {open ? (
        <div className={confirmPanel}>
          <p ref={question} tabIndex={-1} className="text-base focus-visible:ring-2 focus-visible:ring-teal-700 focus-visible:outline-none">
            {t(`adminUser.${step}.explain`)}
          </p>
          <div className="flex flex-wrap gap-3">
            <button type="button" className={primaryButton} disabled={busy} onClick={onConfirm}>
              {t(`adminUser.${step}.submit`)}
            </button>
            <button
              type="button"
              className={quietButton}
              onClick={() => {
                onAsking(null);
              }}
            >
              {t(`adminUser.${step}.cancel`)}
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          className={quietButton}
          disabled={busy}
          onClick={() => {
            onAsking(step);
          }}
        >
          {t(`adminUser.${step}.start`)}
        </button>
      )}
    </div>
  );
}

/** When the lockout after failed sign-ins ends, or null when the account is not locked now. */
function lockedUntilOf(user: AdminUser, now = Date.now()): string | null {
  return user.lockedOutUntil && new Date(user.lockedOutUntil).getTime() > now ? user.lockedOutUntil : null;
}

/** Whether the person can sign in, in one sentence. */
function accessInWords(t: Translate, user: AdminUser): string {
  return user.isActive ? t('adminUser.access.active') : t('adminUser.access.inactive');
}

/**
 * Administration → one account → signing in: deactivate or activate it again, lift a lockout, ask for a new
 * password. Deactivating and asking for a new password are not offered on your own account (the server refuses them
 * too); anything the server refuses is shown by the page through `onFailed`.
 */
export function AccessSection({ user, own, onChanged, onFailed }: {
  user: AdminUser;
  own: boolean;
  onChanged: (user: AdminUser, message: string) => void;
  onFailed: (error: unknown) => void;
}) {
  const { t, language } = useI18n();
  const timeZone = useTimeZone();
  const [asking, setAsking] = useState<ConfirmedStep | null>(null);
  const change = useAccountChange(user.id, (changed, message) => {
    setAsking(null);
    onChanged(changed, message);
  }, onFailed);
  const busy = change.isPending;
  const lockedUntil = lockedUntilOf(user);

  return (
    <section aria-labelledby="admin-user-access" className={sectionClass}>
      <h2 id="admin-user-access" className="text-2xl font-semibold tracking-tight">
        {t('adminUser.access.title')}
      </h2>
      <p className="mt-2 text-base font-medium">{accessInWords(t, user)}</p>
      {user.passwordResetRequired && <p className="mt-2 text-base">{t('adminUser.reset.waiting')}</p>}

      {lockedUntil && (
        <div className="mt-4 flex flex-col gap-3">
          <p className="text-base">
            {t('adminUser.unlock.locked', { time: formatInstant(language, lockedUntil, timeZone, { dateStyle: 'medium', timeStyle: 'short' }) })}
          </p>
          <button
            type="button"
            className={`${quietButton} self-start`}
            disabled={busy}
            onClick={() => {
              change.mutate({ change: { unlock: true }, message: () => t('adminUser.unlock.done') });
            }}
          >
            {t('adminUser.unlock.submit')}
          </button>
        </div>
      )}

      {user.isActive ? null : (
        <button
          type="button"
          className={`${quietButton} mt-4`}
          disabled={busy}
          onClick={() => {
            change.mutate({ change: { isActive: true }, message: () => t('adminUser.activate.done') });
          }}
        >
          {t('adminUser.activate.submit')}
        </button>
      )}

      {own ? (
        <p className={`${mutedText} mt-4`}>{t('adminUser.access.own')}</p>
      ) : (
        <>
          {user.isActive && (
            <ConfirmedAction
              step="deactivate"
              asking={asking}
              onAsking={setAsking}
              busy={busy}
              onConfirm={() => {
                change.mutate({ change: { isActive: false }, message: () => t('adminUser.deactivate.done') });
              }}
            />
          )}
          <ConfirmedAction
            step="reset"
            asking={asking}
            onAsking={setAsking}
            busy={busy}
            onConfirm={() => {
              change.mutate({ change: { forcePasswordReset: true }, message: (changed) => t('adminUser.reset.done', { email: changed.email }) });
            }}
          />
        </>
      )}
    </section>
  );
}

function nameSchema(t: Translate) {
  return z.object({ displayName: formRules(t).text(100) });
}

/** Administration → one account → its name, as the person and the administrators see it. */
export function NameSection({ user, onChanged, onFailed }: {
  user: AdminUser;
  onChanged: (user: AdminUser, message: string) => void;
  onFailed: (message: string | null) => void;
}) {
  const { t } = useI18n();
  const form = useForm({ resolver: zodResolver(useMemo(() => nameSchema(t), [t])), defaultValues: { displayName: user.displayName } });
  const submit = form.handleSubmit(async ({ displayName }) => {
    onFailed(null);
    try {
      const changed = await unwrap(api.PATCH('/api/v1/admin/users/{id}', { params: { path: { id: user.id } }, body: patchOf({ displayName: displayName.trim() }) }));
      form.reset({ displayName: changed.displayName });
      onChanged(changed, t('adminUser.rename.done', { name: changed.displayName }));
    } catch (failure) {
      onFailed(applyProblem(failure, form.setError, ['displayName'], t('adminUser.error')));
    }
  });

  return (
    <section aria-labelledby="admin-user-name" className={sectionClass}>
      <h2 id="admin-user-name" className="text-2xl font-semibold tracking-tight">
        {t('adminUser.rename.title')}
      </h2>
      <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="admin-user-name" className="mt-4 flex flex-col gap-4">
        <Field
          label={t('adminUser.rename.label')}
          autoComplete="off"
          maxLength={100}
          required
          error={form.formState.errors.displayName?.message}
          {...form.register('displayName')}
        />
        <div>
          <SubmitButton busy={form.formState.isSubmitting}>{t('adminUser.rename.submit')}</SubmitButton>
        </div>
      </form>
    </section>
  );
}
