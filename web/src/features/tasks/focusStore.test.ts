import { act, renderHook } from '@testing-library/react';
import { vi } from 'vitest';
import { forgetFocus, saveFocus, useClock, useFocusTimer } from './focusStore';
import { startFocus } from './focusTimer';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-12-07T09:00:00Z'));
});

afterEach(() => {
  forgetFocus();
  vi.useRealTimers();
});

describe('focus store', () => {
  it('keeps the timer on the device, and ticks each second only while there is one to show', () => {
    const { result } = renderHook(() => ({ timer: useFocusTimer(), now: useClock() }));
    expect(result.current.timer).toBeNull();
    const shownAt = result.current.now;
    act(() => {
      vi.advanceTimersByTime(3_000);
    });
    // No timer: nothing ticks, nothing renders again.
    expect(result.current.now).toBe(shownAt);

    const timer = startFocus({ id: 't-1', title: 'call the bank' }, 15, Date.now());
    act(() => {
      saveFocus(timer);
    });
    expect(result.current.timer).toEqual(timer);
    expect(JSON.parse(localStorage.getItem('pa.focus') ?? 'null')).toEqual(timer);
    act(() => {
      vi.advanceTimersByTime(3_000);
    });
    expect(result.current.now).toBe(timer.startedAt + 3_000);

    act(() => {
      forgetFocus();
    });
    expect(result.current.timer).toBeNull();
    expect(localStorage.getItem('pa.focus')).toBeNull();
    const stoppedAt = result.current.now;
    act(() => {
      vi.advanceTimersByTime(3_000);
    });
    expect(result.current.now).toBe(stoppedAt);
  });

  it('follows a timer another tab started', () => {
    const { result } = renderHook(() => useFocusTimer());
    const timer = startFocus({ id: 't-2', title: 'water the plants' }, 5, Date.now());
    act(() => {
      localStorage.setItem('pa.focus', JSON.stringify(timer));
      window.dispatchEvent(new StorageEvent('storage', { key: 'pa.focus' }));
    });
    expect(result.current).toEqual(timer);
  });
});
