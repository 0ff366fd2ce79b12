import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';

/** `/403`: a route whose permission the user lacks, or a call the server answered 403 `auth.forbidden`. */
export function ForbiddenPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { state } = useLocation();
  const from = typeof state?.from === 'string' ? state.from : null;
  return (
    <Result
      status="403"
      data-testid="forbidden-page"
      title={<h1 style={{ fontSize: 24, margin: 0 }}>{t('forbidden.title')}</h1>}
      subTitle={from ? t('forbidden.descriptionWithPath', { path: from }) : t('forbidden.description')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}
