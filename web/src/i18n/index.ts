import { DEFAULT_LOCALE, LOCALES, type Locale } from '@linli/common';
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { enUS } from './en-US.ts';
import { zhCN } from './zh-CN.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}

const STORAGE_KEY = 'linli.locale';

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function storedLocale(): Locale {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : DEFAULT_LOCALE;
  } catch {
    // Storage can be disabled (private mode, intranet policies); the default language still works.
    return DEFAULT_LOCALE;
  }
}

/** `<html lang>` uses the short tag for English, as screen readers expect. */
function htmlLang(locale: Locale): string {
  return locale === 'zh-CN' ? 'zh-CN' : 'en';
}

function applyDocumentLanguage(locale: Locale): void {
  document.documentElement.lang = htmlLang(locale);
  document.title = i18n.t('app.fullName');
}

export function initI18n(): typeof i18n {
  const locale = storedLocale();
  void i18n.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  applyDocumentLanguage(locale);
  i18n.on('languageChanged', (lng) => {
    if (isLocale(lng)) applyDocumentLanguage(lng);
  });
  return i18n;
}

/** The current UI locale, narrowed to the ones the platform supports. */
export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

export function useLocale(): Locale {
  const { i18n: instance } = useTranslation();
  return isLocale(instance.language) ? instance.language : DEFAULT_LOCALE;
}

export async function changeLocale(locale: Locale): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not persisted; the switch still applies to this tab.
  }
  await i18n.changeLanguage(locale);
}

export { i18n };
