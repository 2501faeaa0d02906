import { isoDate, localDate, oneFinalStop } from './dates';

describe('dates', () => {
  it('reads and writes calendar dates without shifting the day', () => {
    expect(isoDate(localDate('2026-03-08'))).toBe('2026-03-08');
    expect(isoDate(localDate('2026-12-31'))).toBe('2026-12-31');
  });

  it('keeps one final stop after an abbreviated French date', () => {
    expect(oneFinalStop('C’est noté : dentiste, jeu. 26 nov..')).toBe('C’est noté : dentiste, jeu. 26 nov.');
    expect(oneFinalStop('Got it: dentist, Thu, Nov 26.')).toBe('Got it: dentist, Thu, Nov 26.');
  });
});
