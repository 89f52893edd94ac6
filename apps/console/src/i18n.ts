import { createContext, useContext } from 'react';
import { en } from './i18n/en';
import { zhCN } from './i18n/zh-CN';

/** Languages of the console; zh-CN is the default for the console's audience. */
export type Locale = 'zh-CN' | 'en';

/** A key of the message dictionaries (the Chinese one is the reference). */
export type MessageKey = keyof typeof zhCN;

/** Values substituted for `{name}` placeholders. */
export type MessageVars = Record<string, string | number>;

/** Looks a message up in the active language. */
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

export const LOCALES: ReadonlyArray<{ value: Locale; label: string }> = [
  { value: 'zh-CN', label: '简体中文' },
  { value: 'en', label: 'English' },
];

const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

const STORAGE_KEY = 'gzh.console.locale';

/** Replaces `{name}` placeholders; unknown placeholders are left visible so they get noticed. */
export function format(template: string, vars?: MessageVars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Translates outside React (the provider uses it; tests can too). */
export function translate(locale: Locale, key: MessageKey, vars?: MessageVars): string {
  return format(dictionaries[locale][key], vars);
}

function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en';
}

/** The language chosen earlier on this browser, else zh-CN (not the browser's language: operators expect Chinese). */
export function storedLocale(): Locale {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** Persists the language choice; storage may be unavailable (private mode), which is harmless. */
export function storeLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // ignore: the choice then lasts for this page only
  }
}

export interface I18nValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
}

export const I18nContext = createContext<I18nValue>({
  locale: 'zh-CN',
  setLocale: () => undefined,
  t: (key, vars) => translate('zh-CN', key, vars),
});

/** The active language, its translate function and a setter; re-renders on language change. */
export function useI18n(): I18nValue {
  return useContext(I18nContext);
}
