import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUSAntd from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useLocale } from '../i18n/index.ts';
import { ApiError } from './api/api-error.ts';
import { theme } from './theme.ts';

function shouldRetry(failureCount: number, error: unknown): boolean {
  // A problem document is the server's considered answer; only network trouble and 5xx are worth retrying.
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 2;
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 30_000, retry: shouldRetry, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

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
