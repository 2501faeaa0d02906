/** The secondary button of the chat: outlined, large enough to tap, with a visible focus ring. */
export const quietButton =
  'inline-flex min-h-11 items-center rounded-lg border border-stone-300 px-4 text-base font-medium hover:bg-stone-100 focus-visible:ring-2 focus-visible:ring-teal-700 focus-visible:ring-offset-2 focus-visible:outline-none dark:border-stone-700 dark:hover:bg-stone-800';
