import { useId, type ComponentProps, type ReactNode } from 'react';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiProblem } from '../api/client';
import { useI18n } from '../i18n';
import { quietButton } from './styles';

/** Field errors of a validation problem (`errors: { field: [messages] }`), or an empty object. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiProblem)) {
    return {};
  }
  const errors = (error.problem as { errors?: Record<string, string[]> }).errors ?? {};
  return Object.fromEntries(Object.entries(errors).map(([field, messages]) => [field, messages.join(' ')]));
}

/**
 * Puts the field errors of a validation problem onto a react-hook-form form (`setError`, beside each field) and
 * returns the sentence for the form's alert: what the server said that belongs to no field of this form, its
 * detail when it named no field at all, or null when every message went beside its field.
 * `fields` are the form's own names; the server's names match them without regard to case (`NewPassword`). When the
 * server names them otherwise (a list sent without its blank rows: `steps[1].title`), `fields` maps its names to
 * the form's (`{ 'steps[1].title': 'steps.2.title' }`).
 */
export function applyProblem<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[] | Readonly<Record<string, Path<T>>>,
  fallback: string,
): string | null {
  const named: [string, Path<T>][] = isNameList(fields) ? fields.map((field) => [field, field]) : Object.entries(fields);
  const leftover: string[] = [];
  let placed = 0;
  for (const [name, message] of Object.entries(fieldErrors(error))) {
    const field = named.find(([server]) => server.toLowerCase() === name.toLowerCase())?.[1];
    if (field) {
      setError(field, { type: 'server', message }, { shouldFocus: placed === 0 });
      placed += 1;
    } else {
      leftover.push(message);
    }
  }
  if (leftover.length > 0) {
    return leftover.join(' ');
  }
  return placed > 0 ? null : problemMessage(error, fallback);
}

function isNameList<N extends string>(fields: readonly N[] | Readonly<Record<string, N>>): fields is readonly N[] {
  return Array.isArray(fields);
}

/** The sentence to show for a failed request: the server's detail, or a calm fallback. */
export function problemMessage(error: unknown, fallback: string): string {
  return error instanceof ApiProblem ? (error.detail ?? error.title ?? fallback) : fallback;
}

/** The label, hint and error around one control, linked to it by id (`aria-describedby`, `aria-invalid`). */
function Labelled({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  children: (control: { id: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined }) => ReactNode;
}) {
  const id = useId();
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-base font-medium text-stone-900 dark:text-stone-100">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-stone-600 dark:text-stone-400">
          {hint}
        </p>
      )}
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described })}
      {error && (
        <p id={`${id}-error`} className="text-sm font-medium text-red-800 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}

// The file: classes style only a file input's button (an .ics to import): visible and centred in the box.
const controlClass =
  'min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-base text-stone-900 focus:border-teal-700 focus:ring-2 focus:ring-teal-700/40 focus:outline-none aria-invalid:border-red-700 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-50 file:my-1.5 file:mr-3 file:rounded-md file:border-0 file:bg-stone-100 file:px-3 file:py-1.5 file:text-base file:font-medium file:text-stone-900 dark:file:bg-stone-800 dark:file:text-stone-50';

/**
 * A labelled input whose error is announced and linked to it. Works controlled (`value`/`onChange`) or with
 * react-hook-form: `<Field {...register('email')} error={errors.email?.message} />` (the ref reaches the input).
 */
export function Field({ label, error, hint, ...input }: { label: string; error?: string; hint?: string } & ComponentProps<'input'>) {
  return (
    <Labelled label={label} error={error} hint={hint}>
      {(control) => <input {...control} className={controlClass} {...input} />}
    </Labelled>
  );
}

type PasswordInput = { error?: string } & ComponentProps<'input'>;

/**
 * A new password and its confirmation, described as sign-up describes them (reset, change):
 * `<NewPasswordFields newPassword={{ ...register('newPassword'), error }} confirmation={{ ...register('confirmation'), error }} />`.
 */
export function NewPasswordFields({ newPassword, confirmation }: { newPassword: PasswordInput; confirmation: PasswordInput }) {
  const { t } = useI18n();
  return (
    <>
      <Field
        label={t('reset.newPassword')}
        type="password"
        autoComplete="new-password"
        required
        maxLength={128}
        hint={t('register.passwordHint')}
        {...newPassword}
      />
      <Field label={t('reset.confirmation')} type="password" autoComplete="new-password" required maxLength={128} {...confirmation} />
    </>
  );
}

/** The same as {@link Field} for a choice in a list: `<SelectField {...register('timeZone')}>options</SelectField>`. */
export function SelectField({
  label,
  error,
  hint,
  children,
  ...select
}: { label: string; error?: string; hint?: string } & ComponentProps<'select'>) {
  return (
    <Labelled label={label} error={error} hint={hint}>
      {(control) => (
        <select {...control} className={controlClass} {...select}>
          {children}
        </select>
      )}
    </Labelled>
  );
}

/** The same as {@link Field} for several lines of text: `<TextAreaField rows={8} {...register('body')} />`. */
export function TextAreaField({ label, error, hint, ...textarea }: { label: string; error?: string; hint?: string } & ComponentProps<'textarea'>) {
  return (
    <Labelled label={label} error={error} hint={hint}>
      {(control) => <textarea {...control} className={`${controlClass} py-2`} {...textarea} />}
    </Labelled>
  );
}

export function SubmitButton({ busy, children }: { busy: boolean; children: string }) {
  return (
    <button
      type="submit"
      disabled={busy}
      aria-busy={busy || undefined}
      className="inline-flex min-h-11 items-center justify-center rounded-lg bg-teal-800 px-5 text-base font-medium text-white hover:bg-teal-900 focus-visible:ring-2 focus-visible:ring-teal-700 focus-visible:ring-offset-2 focus-visible:outline-none disabled:opacity-60"
    >
      {children}
    </button>
  );
}

/** An edit form's last row: save (busy while saving) and cancel, which leaves things as they were. */
export function SaveOrCancel({ busy, onCancel, saveLabel }: { busy: boolean; onCancel: () => void; saveLabel?: string }) {
  const { t } = useI18n();
  return (
    <div className="flex flex-wrap gap-3">
      <SubmitButton busy={busy}>{saveLabel ?? t('common.save')}</SubmitButton>
      <button type="button" className={quietButton} onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}

export function FormAlert({ message }: { message: string | null }) {
  return (
    <div role="alert" className="min-h-0">
      {message && (
        <p className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-base text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100">
          {message}
        </p>
      )}
    </div>
  );
}
