import * as z from 'zod/mini';
import type { Translate } from '../i18n';
// The schemas here are checked as formRules' are: without eval (its module sets zod's jitless mode).
import './formRules';

/**
 * Whole numbers for the forms' zod schemas, beside {@link formRules}: the value stays the text of the (number) input,
 * and the form turns it into what the request sends.
 * Messages come from the i18n catalog.
 */
export function fieldRules(t: Translate) {
  const inRange = (min: number, max: number) =>
    z.refine<string>((text) => text === '' || isWholeNumberIn(text, min, max), t('form.wholeNumber', { min, max }));
  return {
    /** Empty, or a whole number from `min` to `max` (the server's range). */
    optionalWholeNumber: (min: number, max: number) => z.string().check(z.trim(), inRange(min, max)),
    /** A whole number from `min` to `max` (the server's range). */
    wholeNumber: (min: number, max: number) => z.string().check(z.trim(), z.minLength(1, t('form.required')), inRange(min, max)),
  };
}

function isWholeNumberIn(text: string, min: number, max: number): boolean {
  const value = Number(text);
  return /^-?\d+$/.test(text) && value >= min && value <= max;
}
