import { vi } from 'vitest';
import {
  addMinutes,
  hasEnded,
  isPaused,
  lengthMinutes,
  milestoneAt,
  minutesLeft,
  minutesSpent,
  parseFocusTimer,
  pauseFocus,
  resumeFocus,
  spentFraction,
  startFocus,
  timeLeft,
} from './focusTimer';

const minute = 60_000;
const task = { id: 't-1', title: 'call the bank' };

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-12-07T09:00:00Z'));
});

afterEach(() => {
  vi.useRealTimers();
});

/** Moves the clock on as a sleeping tab would see it: no tick in between. */
function later(ms: number): number {
  vi.setSystemTime(Date.now() + ms);
  return Date.now();
}

describe('focus timer', () => {
  it('counts down from the clock, not from ticks, and reads the last seconds as one minute', () => {
    const timer = startFocus(task, 15, Date.now());
    expect(minutesLeft(timer, Date.now())).toBe(15);
    expect(isPaused(timer)).toBe(false);

    const asleep = later(9 * minute + 30_000);
    expect(minutesLeft(timer, asleep)).toBe(6);
    expect(minutesSpent(timer, asleep)).toBe(9);
    expect(spentFraction(timer, asleep)).toBeCloseTo(9.5 / 15);

    const lastSeconds = later(5 * minute);
    expect(timeLeft(timer, lastSeconds)).toBe(30_000);
    expect(minutesLeft(timer, lastSeconds)).toBe(1);
    expect(hasEnded(timer, lastSeconds)).toBe(false);

    const past = later(10 * minute);
    expect(timeLeft(timer, past)).toBe(0);
    expect(hasEnded(timer, past)).toBe(true);
    expect(spentFraction(timer, past)).toBe(1);
  });

  it('keeps the time left while paused, however long, and goes on from there on resume', () => {
    const timer = startFocus(task, 25, Date.now());
    const paused = pauseFocus(timer, later(10 * minute));
    expect(isPaused(paused)).toBe(true);
    expect(minutesLeft(paused, later(3 * 60 * minute))).toBe(15);
    expect(pauseFocus(paused, Date.now())).toBe(paused);

    const resumed = resumeFocus(paused, Date.now());
    expect(isPaused(resumed)).toBe(false);
    expect(resumed.endsAt).toBe(Date.now() + 15 * minute);
    expect(minutesLeft(resumed, later(4 * minute))).toBe(11);
    expect(resumeFocus(resumed, Date.now())).toBe(resumed);
  });

  it('adds five minutes to a running or paused stretch, and starts a short new one after the end', () => {
    const timer = startFocus(task, 5, Date.now());
    const longer = addMinutes(timer, later(2 * minute));
    expect(minutesLeft(longer, Date.now())).toBe(8);
    expect(lengthMinutes(longer)).toBe(10);

    const paused = pauseFocus(longer, later(minute));
    const pausedLonger = addMinutes(paused, Date.now());
    expect(isPaused(pausedLonger)).toBe(true);
    expect(minutesLeft(pausedLonger, later(minute))).toBe(12);
    expect(lengthMinutes(pausedLonger)).toBe(15);

    const ended = { ...resumeFocus(pausedLonger, Date.now()), endTold: true };
    const past = later(20 * minute);
    expect(hasEnded(ended, past)).toBe(true);
    const again = addMinutes(ended, past);
    expect(minutesLeft(again, past)).toBe(5);
    expect(lengthMinutes(again)).toBe(5);
    expect(minutesSpent(again, past)).toBe(0);
    expect(again.endTold).toBe(false);
    expect(again.startedAt).toBe(timer.startedAt);
  });

  it('pauses nothing once it has ended', () => {
    const timer = startFocus(task, 5, Date.now());
    const past = later(6 * minute);
    expect(pauseFocus(timer, past)).toBe(timer);
  });

  it('names the milestone reached: five minutes, then the last one, and none at the end', () => {
    expect(milestoneAt(15 * minute)).toBeNull();
    expect(milestoneAt(5 * minute + 1)).toBeNull();
    expect(milestoneAt(5 * minute)).toBe(5);
    expect(milestoneAt(61_000)).toBe(5);
    expect(milestoneAt(minute)).toBe(1);
    expect(milestoneAt(1)).toBe(1);
    expect(milestoneAt(0)).toBeNull();
  });

  it('reads back what it stored, and nothing from a value that is not a timer', () => {
    const running = startFocus(task, 15, Date.now());
    expect(parseFocusTimer(JSON.stringify(running))).toEqual(running);
    const paused = pauseFocus(running, later(minute));
    expect(parseFocusTimer(JSON.stringify(paused))).toEqual(paused);

    expect(parseFocusTimer(null)).toBeNull();
    expect(parseFocusTimer('not json')).toBeNull();
    expect(parseFocusTimer('null')).toBeNull();
    expect(parseFocusTimer(JSON.stringify({ ...running, taskId: 3 }))).toBeNull();
    expect(parseFocusTimer(JSON.stringify({ ...running, endsAt: null, remainingMs: null }))).toBeNull();
  });
});
