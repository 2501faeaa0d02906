/** A `yyyy-mm-dd` calendar date as a local Date (noon, so no zone shift moves it to another day). */
export function localDate(isoDate: string): Date {
  const [year = 1970, month = 1, day = 1] = isoDate.split('-').map(Number);
  return new Date(year, month - 1, day, 12);
}

/** `yyyy-mm-dd` of a Date in the browser's zone. */
export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function formatDate(language: string, isoDateValue: string): string {
  return new Intl.DateTimeFormat(language, { weekday: 'short', month: 'short', day: 'numeric' }).format(localDate(isoDateValue));
}

/** An instant in the person's local time: "Thu, Mar 12, 2:30 PM". */
export function formatDateTime(language: string, instant: string): string {
  return new Intl.DateTimeFormat(language, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(
    new Date(instant),
  );
}

export function formatTime(language: string, instant: string): string {
  return new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit' }).format(new Date(instant));
}

/** French abbreviations end with a dot ("25 nov."): a sentence ending with one does not take a second. */
export function oneFinalStop(sentence: string): string {
  return sentence.replace(/\.\.$/, '.');
}
