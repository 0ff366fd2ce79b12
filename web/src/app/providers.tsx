import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUSAntd from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import { type ReactNode, useMemo, useSyncExternalStore } from 'react';
import { useLocale } from '../i18n/index.ts';
import { queryClient } from './query-client.ts';
import { theme } from './theme.ts';

const ANTD_LOCALES = { 'zh-CN': zhCNAntd, 'en-US': enUSAntd } as const;

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

// Module-level, so React subscribes once rather than on every render.
function subscribeToMotionSetting(onChange: () => void): () => void {
  const query = window.matchMedia(REDUCED_MOTION);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
const prefersReducedMotion = () => window.matchMedia(REDUCED_MOTION).matches;

/** Whether the user asked the system for less motion (WCAG 2.3.3); follows the setting live. */
function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(subscribeToMotionSetting, prefersReducedMotion);
}

export function AppProviders({ children }: { children: ReactNode }) {
  const locale = useLocale();
  const reducedMotion = usePrefersReducedMotion();
  // Ant Design's opening, closing and sliding animations are off for those who asked for less motion.
  const themed = useMemo(
    () => (reducedMotion ? { ...theme, token: { ...theme.token, motion: false } } : theme),
    [reducedMotion],
  );
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={ANTD_LOCALES[locale]} theme={themed}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
