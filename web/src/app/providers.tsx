import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUSAntd from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useLocale } from '../i18n/index.ts';
import { queryClient } from './query-client.ts';
import { theme } from './theme.ts';

const ANTD_LOCALES = { 'zh-CN': zhCNAntd, 'en-US': enUSAntd } as const;

export function AppProviders({ children }: { children: ReactNode }) {
  const locale = useLocale();
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={ANTD_LOCALES[locale]} theme={theme}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
