/**
 * A focus timer for one task, as plain data and pure functions of the clock: the time left is always computed from
 * `now` (Date.now()), never counted in ticks, so a tab that slept or a page that reloaded shows the right time.
 */
export interface FocusTimer {
  taskId: string;
  title: string;
  /** The whole stretch in ms, "+5 min" included: the end of the progress bar. */
  lengthMs: number;
  /** When the stretch ends (epoch ms) while it runs; null while paused. */
  endsAt: number | null;
  /** What was left when it was paused; null while it runs. */
  remainingMs: number | null;
  /** When this timer was started (epoch ms): tells one run from the next. */
  startedAt: number;
  /** Whether the end was already told by a system notification, so it is told once across pages and reloads. */
  endTold: boolean;
}

/** The lengths offered, in minutes: short ones, since a short start is easier. */
export const focusLengths = [5, 15, 25] as const;
export const defaultFocusMinutes = 15;
/** What "+5 min" and "5 more minutes" add. */
export const extraMinutes = 5;
/** Minutes left at which screen readers hear how much is left (the end is told on its own). */
export const milestones = [5, 1] as const;

const minute = 60_000;

export function startFocus(task: { id: string; title: string }, minutes: number, now: number): FocusTimer {
  return {
    taskId: task.id,
    title: task.title,
    lengthMs: minutes * minute,
    endsAt: now + minutes * minute,
    remainingMs: null,
    startedAt: now,
    endTold: false,
  };
}

export function isPaused(timer: FocusTimer): boolean {
  return timer.endsAt === null;
}

/** The time left in ms, never below zero. */
export function timeLeft(timer: FocusTimer, now: number): number {
  return Math.max(0, timer.endsAt === null ? (timer.remainingMs ?? 0) : timer.endsAt - now);
}

/** Whole minutes left, rounded up: "1" until the very end, so the last minute does not read as "0". */
export function minutesLeft(timer: FocusTimer, now: number): number {
  return Math.ceil(timeLeft(timer, now) / minute);
}

export function hasEnded(timer: FocusTimer, now: number): boolean {
  return timeLeft(timer, now) === 0;
}

/** Whole minutes already spent in this stretch (for the progress bar). */
export function minutesSpent(timer: FocusTimer, now: number): number {
  return Math.floor((timer.lengthMs - timeLeft(timer, now)) / minute);
}

export function lengthMinutes(timer: FocusTimer): number {
  return Math.round(timer.lengthMs / minute);
}

/** The share of the stretch already spent, from 0 to 1. */
export function spentFraction(timer: FocusTimer, now: number): number {
  return timer.lengthMs > 0 ? Math.min(1, (timer.lengthMs - timeLeft(timer, now)) / timer.lengthMs) : 1;
}

export function pauseFocus(timer: FocusTimer, now: number): FocusTimer {
  if (isPaused(timer) || hasEnded(timer, now)) {
    return timer;
  }
  return { ...timer, endsAt: null, remainingMs: timeLeft(timer, now) };
}

export function resumeFocus(timer: FocusTimer, now: number): FocusTimer {
  if (!isPaused(timer)) {
    return timer;
  }
  return { ...timer, endsAt: now + timeLeft(timer, now), remainingMs: null };
}

/**
 * "+5 min" while it runs or is paused adds to this stretch; "5 more minutes" after the end starts a new short
 * stretch of that length, running.
 */
export function addMinutes(timer: FocusTimer, now: number, minutes: number = extraMinutes): FocusTimer {
  const extra = minutes * minute;
  if (hasEnded(timer, now)) {
    return { ...timer, lengthMs: extra, endsAt: now + extra, remainingMs: null, endTold: false };
  }
  if (isPaused(timer)) {
    return { ...timer, lengthMs: timer.lengthMs + extra, remainingMs: timeLeft(timer, now) + extra };
  }
  return { ...timer, lengthMs: timer.lengthMs + extra, endsAt: (timer.endsAt ?? now) + extra };
}

/**
 * The milestone (minutes left) the time left has reached: 5 from 5:00 down to 1:01, 1 in the last minute, null
 * before the first one and at the end (the end is told on its own). A new, smaller value is worth telling.
 */
export function milestoneAt(leftMs: number): number | null {
  if (leftMs <= 0) {
    return null;
  }
  const reached = milestones.filter((minutes) => leftMs <= minutes * minute);
  return reached.length > 0 ? Math.min(...reached) : null;
}

/** A timer read back from storage, or null when the stored value is not one (old shape, edited, corrupt). */
export function parseFocusTimer(raw: string | null): FocusTimer | null {
  if (!raw) {
    return null;
  }
  try {
    const value = JSON.parse(raw) as Partial<Record<keyof FocusTimer, unknown>> | null;
    if (
      value &&
      typeof value.taskId === 'string' &&
      typeof value.title === 'string' &&
      typeof value.lengthMs === 'number' &&
      typeof value.startedAt === 'number' &&
      (typeof value.endsAt === 'number' || (value.endsAt === null && typeof value.remainingMs === 'number'))
    ) {
      return {
        taskId: value.taskId,
        title: value.title,
        lengthMs: value.lengthMs,
        endsAt: value.endsAt,
        remainingMs: value.endsAt === null ? (value.remainingMs as number) : null,
        startedAt: value.startedAt,
        endTold: value.endTold === true,
      };
    }
  } catch {
    // Not JSON: no timer.
  }
  return null;
}
