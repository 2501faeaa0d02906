import { z } from 'zod';
import type { Translate } from '../i18n';

// zod compiles object schemas with `new Function` unless told not to; the host's Content-Security-Policy allows no
// eval (and reports the attempt). The interpreted path is fast enough for forms.
z.config({ jitless: true });

/**
 * The pieces the forms' zod schemas are made of, each with its message from the i18n catalog (a schema is built
 * with the current `t`, so no English sentence lives in a schema). The server checks the same rules again; these
 * only spare a round trip.
 */
export function formRules(t: Translate) {
  const required = z.string().trim().min(1, t('form.required'));
  return {
    required,
    /** Required, at most `max` characters (the server's limit). */
    text: (max: number) => required.max(max, t('form.tooLong', { max })),
    email: z.string().trim().min(1, t('form.required')).pipe(z.email(t('form.email'))),
    /** The server's rule for a new password: 10 to 128 characters (it also refuses common ones). */
    newPassword: z.string().min(1, t('form.required')).min(10, t('form.passwordLength')).max(128, t('form.passwordLength')),
    /** A password being typed to sign in or confirm: only required. */
    password: z.string().min(1, t('form.required')),
  };
}

/** Adds "the confirmation differs" to `confirmation` when it is not the same as `password`. */
export function samePassword(t: Translate) {
  return (values: { newPassword: string; confirmation: string }, context: z.RefinementCtx) => {
    if (values.confirmation !== values.newPassword) {
      context.addIssue({ code: 'custom', path: ['confirmation'], message: t('form.passwordsDiffer') });
    }
  };
}
