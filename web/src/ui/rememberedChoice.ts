import { useState } from 'react';

/**
 * A choice among a few (a view, an energy level) kept on this device for the next visit: null until one is made or
 * when what is stored is not one of `choices`. Without storage (private browsing) the choice holds for this visit.
 */
export function useRememberedChoice<T extends string>(storageKey: string, choices: readonly T[]): [T | null, (choice: T | null) => void] {
  const [choice, setChoice] = useState<T | null>(() => {
    try {
      const value = localStorage.getItem(storageKey);
      return choices.find((candidate) => candidate === value) ?? null;
    } catch {
      return null;
    }
  });
  return [
    choice,
    (chosen) => {
      setChoice(chosen);
      try {
        if (chosen) {
          localStorage.setItem(storageKey, chosen);
        } else {
          localStorage.removeItem(storageKey);
        }
      } catch {
        // Private browsing: the choice holds for this visit only.
      }
    },
  ];
}
