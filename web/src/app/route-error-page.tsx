import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { NotFoundPage } from './not-found-page.tsx';

/** Shown when a route fails to load (a lazy chunk after a redeploy) or throws while rendering. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  console.error(error);
  return (
    <main style={{ padding: 24 }}>
      <Result
        status="error"
        title={<h1 style={{ fontSize: 24, margin: 0 }}>{t('routeError.title')}</h1>}
        subTitle={t('routeError.description')}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('common.retry')}
          </Button>
        }
      />
    </main>
  );
}
