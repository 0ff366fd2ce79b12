import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api/api-error.ts';
import { useErrorMessage } from './error-message.ts';

interface ErrorAlertProps {
  error: unknown;
  onRetry?: () => void;
}

/** A failed request as an inline alert, in the current language, with the request id for support. */
export function ErrorAlert({ error, onRetry }: ErrorAlertProps) {
  const { t } = useTranslation();
  const messageOf = useErrorMessage();
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={messageOf(error)}
      description={requestId ? t('common.requestId', { id: requestId }) : undefined}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
