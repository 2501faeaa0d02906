const focusRing = 'focus-visible:ring-2 focus-visible:ring-teal-700 focus-visible:ring-offset-2 focus-visible:outline-none';

const quietButtonBase = `inline-flex min-h-11 items-center justify-center rounded-lg border border-stone-300 font-medium hover:bg-stone-100 disabled:opacity-60 dark:border-stone-700 dark:hover:bg-stone-800 ${focusRing}`;

/** The secondary button: outlined, large enough to tap, with a visible focus ring. */
export const quietButton = `${quietButtonBase} px-4 text-base`;

/** The secondary button in a narrow column (a day of the week grid): smaller text and padding, as tall to tap. */
export const narrowQuietButton = `${quietButtonBase} px-2 text-sm`;

/** The one main action of a form or a screen. */
export const primaryButton = `inline-flex min-h-11 items-center justify-center rounded-lg bg-teal-800 px-5 text-base font-medium text-white hover:bg-teal-900 disabled:opacity-60 ${focusRing}`;

/** A toggle among a few choices (views, lists): its pressed state is also said with aria-pressed and a weight, not colour only. */
export function choiceButton(pressed: boolean): string {
  return [
    'inline-flex min-h-11 items-center rounded-lg border px-4 text-base',
    focusRing,
    pressed
      ? 'border-teal-800 bg-teal-100 font-semibold text-teal-950 dark:border-teal-300 dark:bg-teal-900 dark:text-teal-50'
      : 'border-stone-300 font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800',
  ].join(' ');
}

/** Inputs, selects and text areas outside {@link Field}, looking the same. */
export const inputClass =
  'min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-base text-stone-900 focus:border-teal-700 focus:ring-2 focus:ring-teal-700/40 focus:outline-none dark:border-stone-700 dark:bg-stone-900 dark:text-stone-50';

export const labelClass = 'text-base font-medium text-stone-900 dark:text-stone-100';

/** A list of things as cards in one frame. */
export const listFrame =
  'divide-y divide-stone-200 rounded-2xl border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900';

/** A calm sentence in place of a list that has nothing in it yet. */
export const emptyState = 'rounded-2xl border border-dashed border-stone-300 px-5 py-6 text-base text-stone-700 dark:border-stone-700 dark:text-stone-300';

export const mutedText = 'text-sm text-stone-600 dark:text-stone-400';

/** A link inside a sentence or under a form: underlined, not colour alone. */
export const textLink = 'font-medium text-teal-800 underline dark:text-teal-300';

/** The one thing to look at now (a suggestion, a running timer): a calm teal card. */
export const calloutCard = 'rounded-2xl border border-teal-200 bg-teal-50 px-5 py-4 dark:border-teal-900 dark:bg-teal-950';
