import { analyzeSms, countSmsSegments, isGsm7 } from './segments';

describe('countSmsSegments', () => {
  it('counts nothing for an empty text', () => {
    expect(analyzeSms('')).toEqual({ encoding: 'gsm7', units: 0, segments: 0 });
  });

  it('fits 160 GSM-7 characters in one text and splits longer ones in parts of 153', () => {
    expect(countSmsSegments('a'.repeat(160))).toBe(1);
    expect(countSmsSegments('a'.repeat(161))).toBe(2);
    expect(countSmsSegments('a'.repeat(306))).toBe(2);
    expect(countSmsSegments('a'.repeat(307))).toBe(3);
  });

  it('counts an extension character as two septets and never splits it across parts', () => {
    expect(analyzeSms('€')).toEqual({ encoding: 'gsm7', units: 2, segments: 1 });
    expect(countSmsSegments('a'.repeat(158) + '€')).toBe(1);
    expect(countSmsSegments('a'.repeat(159) + '€')).toBe(2);
    // 152 septets, then an escape sequence that does not fit in the first part's last septet.
    expect(countSmsSegments('a'.repeat(152) + '€' + 'a'.repeat(152))).toBe(3);
    expect(countSmsSegments('a'.repeat(151) + '€' + 'a'.repeat(153))).toBe(2);
  });

  it('keeps accented letters of the GSM alphabet in GSM-7 but not the others', () => {
    expect(isGsm7('rappelle-moi à 14 h, é è ù ì ò Ç')).toBe(true);
    expect(isGsm7('ê')).toBe(false);
    expect(analyzeSms('rendez-vous chez le médecin à 14 h').encoding).toBe('gsm7');
  });

  it('switches to UCS-2 for anything outside GSM 03.38: 70 units single, 67 per part', () => {
    expect(analyzeSms('fête')).toEqual({ encoding: 'ucs2', units: 4, segments: 1 });
    expect(countSmsSegments('ê'.repeat(70))).toBe(1);
    expect(countSmsSegments('ê'.repeat(71))).toBe(2);
    expect(countSmsSegments('ê'.repeat(134))).toBe(2);
    expect(countSmsSegments('ê'.repeat(135))).toBe(3);
  });

  it('counts an emoji as two units and never splits its surrogate pair', () => {
    expect(analyzeSms('🙂')).toEqual({ encoding: 'ucs2', units: 2, segments: 1 });
    expect(countSmsSegments('a'.repeat(66) + '🙂' + 'a'.repeat(66))).toBe(3);
    expect(countSmsSegments('a'.repeat(65) + '🙂' + 'a'.repeat(67))).toBe(2);
  });
});
