import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { en, type MessageKey, type Messages } from './en';
import { fr } from './fr';

export const languages = ['en', 'fr'] as const;
export type Language = (typeof languages)[number];

export const tables: Record<Language, Messages> = { en, fr };

/** The first of the browser's preferred languages that we speak; English otherwise. */
export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    const match = languages.find((language) => language === base);
    if (match) {
      return match;
    }
  }
  return 'en';
}

export function browserLanguage(): Language {
  if (typeof navigator === 'undefined') {
    return 'en';
  }
  return pickLanguage(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  const table = tables[language];
  return (key, values) => {
    const text = table[key];
    if (!values) {
      return text;
    }
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
  };
}

interface I18n {
  language: Language;
  t: Translate;
}

const I18nContext = createContext<I18n>({ language: 'en', t: translator('en') });

export function I18nProvider({ language, children }: { language: Language; children: ReactNode }) {
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const value = useMemo(() => ({ language, t: translator(language) }), [language]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

export type { MessageKey, Messages };
