import { useState, useSyncExternalStore } from 'react';
import { storageSignal } from '../../ui/storageSignal';
import { parseFocusTimer, type FocusTimer } from './focusTimer';

/**
 * The one focus timer, kept on this device (localStorage) so it survives a reload and moving between pages, and
 * seen by every tab. It holds a task title, so signing out or in as someone else forgets it ({@link forgetFocus}).
 */
const storageKey = 'pa.focus';
const { notify, subscribe } = storageSignal();
let snapshot: { raw: string | null; timer: FocusTimer | null } = { raw: null, timer: null };

function read(): FocusTimer | null {
  let raw: string | null;
  try {
    raw = localStorage.getItem(storageKey);
  } catch {
    return snapshot.timer;
  }
  if (raw !== snapshot.raw) {
    snapshot = { raw, timer: parseFocusTimer(raw) };
  }
  return snapshot.timer;
}

export function currentFocus(): FocusTimer | null {
  return read();
}

/** Keeps `timer` as the one timer (null: no timer), for every page and tab. */
export function saveFocus(timer: FocusTimer | null): void {
  const raw = timer ? JSON.stringify(timer) : null;
  snapshot = { raw, timer };
  try {
    if (raw) {
      localStorage.setItem(storageKey, raw);
    } else {
      localStorage.removeItem(storageKey);
    }
  } catch {
    // Private browsing or storage full: the timer holds for this page only.
  }
  clockNow = Date.now();
  tickWhileNeeded();
  notify();
}

export function forgetFocus(): void {
  saveFocus(null);
}


export function useFocusTimer(): FocusTimer | null {
  return useSyncExternalStore(subscribe, read, () => null);
}

// The clock the timer is read against: Date.now(), read again each second while a timer is shown.
let clockNow = Date.now();
const clockListeners = new Set<() => void>();
let ticking: ReturnType<typeof setInterval> | null = null;

function tick() {
  clockNow = Date.now();
  clockListeners.forEach((listener) => {
    listener();
  });
}

/** Ticks only while something shows the clock and there is a timer: no wake-up each second on every page for nothing. */
function tickWhileNeeded() {
  const needed = clockListeners.size > 0 && read() !== null;
  if (needed && ticking === null) {
    ticking = setInterval(tick, 1000);
  } else if (!needed && ticking !== null) {
    clearInterval(ticking);
    ticking = null;
  }
}

function subscribeClock(listener: () => void) {
  if (clockListeners.size === 0) {
    // A tab that wakes up reads the clock at once rather than at the next tick.
    document.addEventListener('visibilitychange', tick);
    // Another tab started or stopped the timer.
    window.addEventListener('storage', tickWhileNeeded);
  }
  clockListeners.add(listener);
  // Whatever time passed while nothing was watching (a page that was not shown), the first reading is fresh.
  clockNow = Date.now();
  tickWhileNeeded();
  return () => {
    clockListeners.delete(listener);
    if (clockListeners.size === 0) {
      document.removeEventListener('visibilitychange', tick);
      window.removeEventListener('storage', tickWhileNeeded);
    }
    tickWhileNeeded();
  };
}

/** Now, in epoch ms, refreshed every second and whenever the timer changes. */
export function useClock(): number {
  const [mountedAt] = useState(Date.now);
  const ticked = useSyncExternalStore(subscribeClock, () => clockNow, () => clockNow);
  // Before anything ticks, the last reading may be old (nothing showed a timer for a while): the mount's is not.
  return clockListeners.size > 0 ? Math.max(ticked, mountedAt) : mountedAt;
}
