import { LOCALES, type Locale } from '@linli/common';
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLocale, useLocale } from '../../i18n/index.ts';

/** 中文 / English; the choice is kept in localStorage and drives `<html lang>` and antd's locale. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Segmented<Locale>
      data-testid="lang-switch"
      aria-label={t('app.language')}
      size="small"
      value={locale}
      onChange={(value) => void changeLocale(value)}
      options={LOCALES.map((value) => ({
        value,
        label: <span lang={value === 'zh-CN' ? 'zh-CN' : 'en'}>{t(`app.languages.${value}`)}</span>,
      }))}
    />
  );
}
