import { useSyncExternalStore } from 'react';

/** Tailwind's `md:` breakpoint: from here a screen has room for side-by-side columns. */
const wideQuery = '(min-width: 48rem)';

function media(): MediaQueryList | null {
  return typeof window.matchMedia === 'function' ? window.matchMedia(wideQuery) : null;
}

function subscribe(listener: () => void): () => void {
  const list = media();
  list?.addEventListener('change', listener);
  return () => {
    list?.removeEventListener('change', listener);
  };
}

/** Whether the screen is as wide as Tailwind's `md:` (a tablet or a desktop window), following it as it changes. */
export function useWideScreen(): boolean {
  return useSyncExternalStore(subscribe, () => media()?.matches ?? false);
}
