// Dates and times are shown in the person's profile time zone (an IANA name), which is where the server computes
// "today", due dates and reminders; never in the zone the device happens to be set to. `useTimeZone()` gives it.

/** Noon UTC of a `yyyy-mm-dd` calendar date: a moment that names that day whatever zone reads it. */
function noonOf(isoDateValue: string, plusDays = 0): Date {
  const [year = 1970, month = 1, day = 1] = isoDateValue.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + plusDays, 12));
}

/** A calendar date ("Thu, Mar 12", or as `options` say): it names a day, not an instant, so no zone can move it. */
export function formatDate(
  language: string,
  isoDateValue: string,
  options: Intl.DateTimeFormatOptions = { weekday: 'short', month: 'short', day: 'numeric' },
): string {
  return new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' }).format(noonOf(isoDateValue));
}

/** The `yyyy-mm-dd` that many days after (or before) a calendar date. */
export function addDays(isoDateValue: string, days: number): string {
  return noonOf(isoDateValue, days).toISOString().slice(0, 10);
}

/** Monday 0 … Sunday 6 of a calendar date. */
export function weekdayOf(isoDateValue: string): number {
  return (noonOf(isoDateValue).getUTCDay() + 6) % 7;
}

/** An instant as the clock on the wall in `timeZone` reads it, in words chosen by `options`. */
export function formatInstant(language: string, instant: string | Date, timeZone: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(language, { ...options, timeZone }).format(new Date(instant));
}

/** An instant in the person's zone: "Thu, Mar 12, 2:30 PM". */
export function formatDateTime(language: string, instant: string, timeZone: string): string {
  return formatInstant(language, instant, timeZone, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}

/** The time of an instant in the person's zone: "2:30 PM". */
export function formatTime(language: string, instant: string, timeZone: string): string {
  return formatInstant(language, instant, timeZone, { hour: 'numeric', minute: '2-digit' });
}

/** French abbreviations end with a dot ("25 nov."): a sentence ending with one does not take a second. */
export function oneFinalStop(sentence: string): string {
  return sentence.replace(/\.\.$/, '.');
}

// One formatter per zone: building an Intl.DateTimeFormat costs far more than using one.
const wallClocks = new Map<string, Intl.DateTimeFormat>();

function wallClock(timeZone: string): Intl.DateTimeFormat {
  let clock = wallClocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallClocks.set(timeZone, clock);
  }
  return clock;
}

/** The wall clock reading of an instant in a zone, written as if it were UTC (milliseconds), whole seconds. */
function wallMillis(instant: number, timeZone: string): number {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of wallClock(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') {
      parts[part.type] = Number(part.value);
    }
  }
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour % 24, minute, second);
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  return wallMillis(instant, timeZone) - Math.floor(instant / 1000) * 1000;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `yyyy-mm-ddThh:mm` on the wall clock of `timeZone` at an instant: the value a datetime-local input shows. */
export function wallTimeIn(instant: string | Date, timeZone: string): string {
  const wall = new Date(wallMillis(new Date(instant).getTime(), timeZone));
  return `${String(wall.getUTCFullYear())}-${pad2(wall.getUTCMonth() + 1)}-${pad2(wall.getUTCDate())}T${pad2(wall.getUTCHours())}:${pad2(wall.getUTCMinutes())}`;
}

/** `yyyy-mm-dd` of the day an instant falls on in `timeZone`. */
export function dateIn(instant: string | Date, timeZone: string): string {
  return wallTimeIn(instant, timeZone).slice(0, 10);
}

/** Today's `yyyy-mm-dd` in `timeZone`: the same "today" as the server's. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return dateIn(now, timeZone);
}

const dayMillis = 24 * 60 * 60 * 1000;

/**
 * The instant at which the wall clock of `timeZone` reads `local` (`yyyy-mm-dd`, `yyyy-mm-ddThh:mm` or with seconds,
 * as date and datetime-local inputs give it). Resolved like the server (Moment.DaylightSavingResolver): a time that
 * happens twice when clocks go back is the earlier one; a time skipped when clocks go forward becomes the first
 * instant after the gap (02:30 on a night when 02:00 jumps to 03:00 is 03:00).
 */
export function instantFromWallTime(local: string, timeZone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(local.trim());
  if (!match) {
    throw new RangeError(`Not a local date and time: ${local}`);
  }
  const [, year, month, day, hour = '0', minute = '0', second = '0'] = match;
  const wall = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));

  // At most one offset change lies near a given wall time: the offsets a day before and a day after frame it.
  const offsetBefore = offsetAt(wall - dayMillis, timeZone);
  const offsetAfter = offsetAt(wall + dayMillis, timeZone);
  const candidates = [...new Set([wall - offsetBefore, wall - offsetAfter])].sort((a, b) => a - b);
  const valid = candidates.filter((instant) => wallMillis(instant, timeZone) === wall);
  const earliest = valid[0];
  if (earliest !== undefined) {
    return new Date(earliest);
  }

  // In a gap: find the moment the clocks jumped (to the second) between the two readings around it.
  let skippedFrom = candidates[0] ?? wall;
  let landedAt = candidates[candidates.length - 1] ?? wall;
  while (landedAt - skippedFrom > 1000) {
    const middle = skippedFrom + Math.floor((landedAt - skippedFrom) / 2000) * 1000;
    if (offsetAt(middle, timeZone) === offsetAfter) {
      landedAt = middle;
    } else {
      skippedFrom = middle;
    }
  }
  return new Date(landedAt);
}
