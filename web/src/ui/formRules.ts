import * as z from 'zod/mini';
import type { Translate } from '../i18n';

// zod/mini: the same checks as classic zod in a fraction of the bundle (the public pages stay light).
// It compiles object schemas with `new Function` unless told not to; the host's Content-Security-Policy allows no
// eval (and reports the attempt). The interpreted path is fast enough for forms.
z.config({ jitless: true });

/**
 * The pieces the forms' zod schemas are made of, each with its message from the i18n catalog (a schema is built
 * with the current `t`, so no English sentence lives in a schema). The server checks the same rules again; these
 * only spare a round trip.
 */
export function formRules(t: Translate) {
  const required = z.string().check(z.trim(), z.minLength(1, t('form.required')));
  const inRange = (min: number, max: number) =>
    z.refine<string>((text) => text === '' || isWholeNumberIn(text, min, max), t('form.wholeNumber', { min, max }));
  return {
    required,
    /** Required, at most `max` characters (the server's limit). */
    text: (max: number) => z.string().check(z.trim(), z.minLength(1, t('form.required')), z.maxLength(max, t('form.tooLong', { max }))),
    /** Words said as they are typed (a chat message: the server keeps the spaces), at most `max` characters; empty is fine. */
    message: (max: number) => z.string().check(z.maxLength(max, t('form.tooLong', { max }))),
    /** Optional (empty is fine), at most `max` characters once trimmed (the server's limit). */
    optionalText: (max: number) => z.string().check(z.trim(), z.maxLength(max, t('form.tooLong', { max }))),
    // Whole numbers stay the text of their (number) input; the form turns them into what the request sends.
    /** A whole number from `min` to `max` (the server's range). */
    wholeNumber: (min: number, max: number) => z.string().check(z.trim(), z.minLength(1, t('form.required')), inRange(min, max)),
    /** Empty, or a whole number from `min` to `max` (the server's range). */
    optionalWholeNumber: (min: number, max: number) => z.string().check(z.trim(), inRange(min, max)),
    email: z.pipe(required, z.email(t('form.email'))),
    /** The server's rule for a new password: 10 to 128 characters (it also refuses common ones). */
    newPassword: z.string().check(z.minLength(1, t('form.required')), z.minLength(10, t('form.passwordLength')), z.maxLength(128, t('form.passwordLength'))),
    /** A password being typed to sign in or confirm: only required. */
    password: z.string().check(z.minLength(1, t('form.required'))),
  };
}

/** A check for a form object: "the confirmation differs" on `confirmation` when it is not the same as `newPassword`. */
export function samePassword(t: Translate) {
  return z.superRefine((values: { newPassword: string; confirmation: string }, context) => {
    if (values.confirmation !== values.newPassword) {
      context.addIssue({ code: 'custom', path: ['confirmation'], message: t('form.passwordsDiffer'), input: values.confirmation });
    }
  });
}

function isWholeNumberIn(text: string, min: number, max: number): boolean {
  const value = Number(text);
  return /^-?\d+$/.test(text) && value >= min && value <= max;
}
