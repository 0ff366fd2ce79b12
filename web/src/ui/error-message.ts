import { useTranslation } from 'react-i18next';
import { ApiError, localizeProblem, NetworkError } from '../app/api/api-error.ts';
import { useLocale } from '../i18n/index.ts';

/** Turns anything thrown by an API hook into a sentence in the current language. */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  const locale = useLocale();
  return (error: unknown) => {
    if (error instanceof ApiError) return localizeProblem(error, locale);
    if (error instanceof NetworkError) return t('common.networkError');
    return t('common.unknownError');
  };
}
