import { byDay, weekStart, type Occurrence } from './events';

const occurrence = (start: string): Occurrence => ({ eventId: start, title: 'call', start, end: start, location: null, repeats: false, repeatBroken: false });

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
});
