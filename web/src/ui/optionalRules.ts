import * as z from 'zod/mini';
import type { Translate } from '../i18n';
// The schemas here are checked as formRules' are: without eval (its module sets zod's jitless mode).
import './formRules';

/**
 * Rules for fields a person may leave empty, beside {@link formRules}: the value stays the text of the input (a
 * number input's too), and the form turns it into what the request sends. Messages come from the i18n catalog.
 */
export function optionalRules(t: Translate) {
  return {
    /** Empty, or at most `max` characters once trimmed (the server's limit). */
    text: (max: number) => z.string().check(z.trim(), z.maxLength(max, t('form.tooLong', { max }))),
    /** Empty, or a whole number from `min` to `max` (the server's range). */
    wholeNumber: (min: number, max: number) =>
      z.string().check(
        z.trim(),
        z.refine((text) => text === '' || isWholeNumberIn(text, min, max), t('form.wholeNumber', { min, max })),
      ),
  };
}

function isWholeNumberIn(text: string, min: number, max: number): boolean {
  const value = Number(text);
  return /^-?\d+$/.test(text) && value >= min && value <= max;
}
