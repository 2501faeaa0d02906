import { addDays, dateIn, formatDate, formatDateTime, formatTime, instantFromWallTime, oneFinalStop, todayIn, wallTimeIn, weekdayOf } from './dates';

/** Every wall time from `from`, every `minutes`, `count` times (as a datetime-local input writes them). */
function wallTimes(from: string, minutes: number, count: number): string[] {
  const start = Date.parse(`${from}:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(start + i * minutes * 60_000).toISOString().slice(0, 16));
}

describe('dates', () => {
  it('counts calendar days without a zone shifting them, across month, year and clock changes', () => {
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekdayOf('2026-12-07')).toBe(0);
    expect(weekdayOf('2026-12-06')).toBe(6);
  });

  it('keeps one final stop after an abbreviated French date', () => {
    expect(oneFinalStop('C’est noté : dentiste, jeu. 26 nov..')).toBe('C’est noté : dentiste, jeu. 26 nov.');
    expect(oneFinalStop('Got it: dentist, Thu, Nov 26.')).toBe('Got it: dentist, Thu, Nov 26.');
  });

  describe('in the profile zone, whatever zone the device is in', () => {
    it('shows an instant on the wall clock of the given zone', () => {
      expect(formatTime('en', '2026-11-26T14:30:00Z', 'Europe/Paris')).toMatch(/^3:30\sPM$/);
      expect(formatTime('en', '2026-11-26T14:30:00Z', 'America/Toronto')).toMatch(/^9:30\sAM$/);
      expect(formatTime('fr', '2026-11-26T14:30:00Z', 'Europe/Paris')).toBe('15:30');
      expect(formatDateTime('en', '2026-11-26T23:30:00Z', 'Europe/Paris')).toMatch(/^Fri, Nov 27, 12:30\sAM$/);
      expect(formatDateTime('en', '2026-11-26T23:30:00Z', 'America/Toronto')).toMatch(/^Thu, Nov 26, 6:30\sPM$/);
    });

    it('shows a calendar date as that day in any zone', () => {
      expect(formatDate('en', '2026-03-08')).toBe('Sun, Mar 8');
      expect(formatDate('fr', '2026-12-31')).toBe('jeu. 31 déc.');
    });

    it('says today as the server does, in the profile zone', () => {
      const lateEvening = new Date('2026-11-25T23:30:00Z');
      expect(todayIn('Europe/Paris', lateEvening)).toBe('2026-11-26');
      expect(todayIn('America/Toronto', lateEvening)).toBe('2026-11-25');
      expect(dateIn('2026-11-26T04:59:00Z', 'America/Toronto')).toBe('2026-11-25');
      expect(wallTimeIn('2026-07-01T12:00:00Z', 'Europe/Paris')).toBe('2026-07-01T14:00');
    });
  });

  describe('a wall time typed in a form becomes an instant in the profile zone', () => {
    it('uses the offset of the day it names', () => {
      expect(instantFromWallTime('2026-01-15T09:00', 'Europe/Paris').toISOString()).toBe('2026-01-15T08:00:00.000Z');
      expect(instantFromWallTime('2026-07-15T09:00', 'Europe/Paris').toISOString()).toBe('2026-07-15T07:00:00.000Z');
      expect(instantFromWallTime('2026-01-15T09:00', 'America/Toronto').toISOString()).toBe('2026-01-15T14:00:00.000Z');
      expect(instantFromWallTime('2026-07-15T09:00', 'America/Toronto').toISOString()).toBe('2026-07-15T13:00:00.000Z');
      expect(instantFromWallTime('2026-01-01T00:00', 'Asia/Kolkata').toISOString()).toBe('2025-12-31T18:30:00.000Z');
      expect(instantFromWallTime('2026-03-29', 'Europe/Paris').toISOString()).toBe('2026-03-28T23:00:00.000Z');
      expect(instantFromWallTime('2026-07-15T09:00:30', 'UTC').toISOString()).toBe('2026-07-15T09:00:30.000Z');
    });

    it('moves a time skipped by spring forward to the end of the gap, in Europe/Paris', () => {
      // Sunday 29 March 2026: 02:00 CET becomes 03:00 CEST (01:00 UTC).
      expect(instantFromWallTime('2026-03-29T01:59', 'Europe/Paris').toISOString()).toBe('2026-03-29T00:59:00.000Z');
      expect(instantFromWallTime('2026-03-29T02:00', 'Europe/Paris').toISOString()).toBe('2026-03-29T01:00:00.000Z');
      expect(instantFromWallTime('2026-03-29T02:30', 'Europe/Paris').toISOString()).toBe('2026-03-29T01:00:00.000Z');
      expect(instantFromWallTime('2026-03-29T02:59', 'Europe/Paris').toISOString()).toBe('2026-03-29T01:00:00.000Z');
      expect(instantFromWallTime('2026-03-29T03:00', 'Europe/Paris').toISOString()).toBe('2026-03-29T01:00:00.000Z');
      expect(instantFromWallTime('2026-03-29T03:30', 'Europe/Paris').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    });

    it('takes the earlier of a time that happens twice at fall back, in Europe/Paris', () => {
      // Sunday 25 October 2026: 03:00 CEST becomes 02:00 CET (01:00 UTC), so 02:00 to 02:59 happen twice.
      expect(instantFromWallTime('2026-10-25T01:59', 'Europe/Paris').toISOString()).toBe('2026-10-24T23:59:00.000Z');
      expect(instantFromWallTime('2026-10-25T02:00', 'Europe/Paris').toISOString()).toBe('2026-10-25T00:00:00.000Z');
      expect(instantFromWallTime('2026-10-25T02:30', 'Europe/Paris').toISOString()).toBe('2026-10-25T00:30:00.000Z');
      expect(instantFromWallTime('2026-10-25T03:00', 'Europe/Paris').toISOString()).toBe('2026-10-25T02:00:00.000Z');
    });

    it('moves a time skipped by spring forward to the end of the gap, in America/Toronto', () => {
      // Sunday 8 March 2026: 02:00 EST becomes 03:00 EDT (07:00 UTC).
      expect(instantFromWallTime('2026-03-08T01:30', 'America/Toronto').toISOString()).toBe('2026-03-08T06:30:00.000Z');
      expect(instantFromWallTime('2026-03-08T02:30', 'America/Toronto').toISOString()).toBe('2026-03-08T07:00:00.000Z');
      expect(instantFromWallTime('2026-03-08T03:30', 'America/Toronto').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    });

    it('takes the earlier of a time that happens twice at fall back, in America/Toronto', () => {
      // Sunday 1 November 2026: 02:00 EDT becomes 01:00 EST (06:00 UTC), so 01:00 to 01:59 happen twice.
      expect(instantFromWallTime('2026-11-01T00:30', 'America/Toronto').toISOString()).toBe('2026-11-01T04:30:00.000Z');
      expect(instantFromWallTime('2026-11-01T01:30', 'America/Toronto').toISOString()).toBe('2026-11-01T05:30:00.000Z');
      expect(instantFromWallTime('2026-11-01T02:00', 'America/Toronto').toISOString()).toBe('2026-11-01T07:00:00.000Z');
    });

    it('gives back the same wall time for every time that exists, across both changes', () => {
      for (const [zone, springEve, fallEve, springDay] of [
        ['Europe/Paris', '2026-03-28T20:00', '2026-10-24T20:00', '2026-03-29'],
        ['America/Toronto', '2026-03-07T20:00', '2026-10-31T20:00', '2026-03-08'],
      ] as const) {
        const changed = [...wallTimes(springEve, 15, 48), ...wallTimes(fallEve, 15, 48)].filter(
          (wall) => wallTimeIn(instantFromWallTime(wall, zone), zone) !== wall,
        );
        // Only the hour skipped in spring comes back different.
        expect(changed).toEqual(['02:00', '02:15', '02:30', '02:45'].map((time) => `${springDay}T${time}`));
      }
    });

    it('refuses what is not a date and time', () => {
      expect(() => instantFromWallTime('tomorrow at 3', 'Europe/Paris')).toThrow(RangeError);
    });
  });
});
