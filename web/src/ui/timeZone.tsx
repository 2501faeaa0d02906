import { createContext, useContext, type ReactNode } from 'react';

/** The zone this device is set to: only for someone not signed in (a signed-in person has a profile zone). */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Whether this browser knows an IANA zone name (a profile zone it cannot use falls back to the device's). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const TimeZoneContext = createContext<string | null>(null);

/** Gives `useTimeZone()` below it a zone: the signed-in person's profile zone (see app/Providers). */
export function TimeZoneProvider({ timeZone, children }: { timeZone: string | null | undefined; children: ReactNode }) {
  const zone = timeZone && isKnownTimeZone(timeZone) ? timeZone : null;
  return <TimeZoneContext value={zone}>{children}</TimeZoneContext>;
}

/** The IANA zone to show and read times in: the person's profile zone, or the device's when nobody is signed in. */
export function useTimeZone(): string {
  return useContext(TimeZoneContext) ?? browserTimeZone();
}

/**
 * The IANA zones this browser knows, for a time-zone picker, with `current` kept even when the list lacks it
 * (some engines leave out `UTC`), sorted.
 */
export function timeZoneChoices(...keep: string[]): string[] {
  let known: string[] = [];
  try {
    known = Intl.supportedValuesOf('timeZone');
  } catch {
    known = [];
  }
  return [...new Set([...known, 'UTC', ...keep.filter(Boolean)])].sort((a, b) => a.localeCompare(b));
}

/** A zone's name as people read it: `America/Port_of_Spain` → `America / Port of Spain`. */
export function timeZoneLabel(timeZone: string): string {
  return timeZone.replaceAll('_', ' ').replaceAll('/', ' / ');
}
