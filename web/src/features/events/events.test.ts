import { byDay, isAllDay, weekDays, weekStart, type Occurrence } from './events';

const occurrence = (start: string, end = start): Occurrence => ({ eventId: start, title: 'call', start, end, location: null, repeats: false, repeatBroken: false });

describe('the calendar week in the person’s zone', () => {
  // Sunday 20:00 in London is already Monday morning in Auckland: the week there starts that Monday.
  const sundayEvening = new Date('2026-12-06T20:00:00Z');

  it('starts on the Monday of the person’s zone, not the device’s', () => {
    expect(weekStart('Europe/London', 0, sundayEvening)).toBe('2026-11-30');
    expect(weekStart('Pacific/Auckland', 0, sundayEvening)).toBe('2026-12-07');
    expect(weekStart('Pacific/Auckland', -1, sundayEvening)).toBe('2026-11-30');
  });

  it('lists an occurrence under the day it starts on in the person’s zone', () => {
    const late = occurrence('2026-12-08T04:30:00Z');
    const early = occurrence('2026-12-07T15:00:00Z');
    expect(byDay([late, early], 'America/Los_Angeles')).toEqual([
      { day: '2026-12-07', items: [early, late] },
    ]);
    expect(byDay([late, early], 'Europe/Paris')).toEqual([
      { day: '2026-12-07', items: [early] },
      { day: '2026-12-08', items: [late] },
    ]);
  });

  it('has seven days from the Monday, across a month end', () => {
    expect(weekDays('2026-11-30')).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
  });

  it('knows an all-day event by its midnights in the person’s zone, and puts it first in its day', () => {
    const meeting = occurrence('2026-12-07T23:00:00Z', '2026-12-08T00:00:00Z');
    const holiday = occurrence('2026-12-07T23:00:00Z', '2026-12-08T23:00:00Z');
    expect(isAllDay(holiday, 'Europe/Paris')).toBe(true);
    expect(isAllDay(holiday, 'Europe/London')).toBe(false);
    expect(isAllDay(meeting, 'Europe/Paris')).toBe(false);
    expect(byDay([meeting, holiday], 'Europe/Paris')).toEqual([{ day: '2026-12-08', items: [holiday, meeting] }]);
  });
});
