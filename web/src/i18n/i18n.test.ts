import { en } from './en';
import { fr } from './fr';
import { pickLanguage, translator } from './index';

describe('i18n tables', () => {
  it('have the same keys in English and French', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  it('have no empty string and keep the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(en[key].trim(), key).not.toBe('');
      expect(fr[key].trim(), key).not.toBe('');
      const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(placeholders(fr[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('say “tu” in French everywhere, as the assistant does (no “vous”, no imperative in -ez)', () => {
    const formal = /\b(vous|votre|vos|veuillez)\b|\b(?!(chez|assez)\b)\p{L}+ez\b/iu;
    const saysVous = (Object.keys(fr) as (keyof typeof fr)[]).filter((key) => formal.test(fr[key]));
    expect(saysVous).toEqual([]);
  });
});

describe('pickLanguage', () => {
  it('picks French for any French locale and English otherwise', () => {
    expect(pickLanguage(['fr-CA', 'en'])).toBe('fr');
    expect(pickLanguage(['FR'])).toBe('fr');
    expect(pickLanguage(['de-DE', 'fr-FR'])).toBe('fr');
    expect(pickLanguage(['en-GB'])).toBe('en');
    expect(pickLanguage(['es'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });
});

describe('translator', () => {
  it('fills placeholders', () => {
    expect(translator('en')('status.error.reference', { traceId: 'abc' })).toBe('Reference for support: abc');
    expect(translator('fr')('status.error.reference', { traceId: 'abc' })).toBe('Référence pour le support : abc');
  });
});
