import { Alert, App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useActing } from '../../modules/auth/hooks/use-acting.ts';
import { useActiveSession } from '../../modules/auth/hooks/use-auth.ts';
import { useErrorMessage } from '../../ui/error-message.ts';

/**
 * While the session acts for a resident (代办), a bar across the top of every page says for whom,
 * why, and how the records will read, with 结束代办.
 */
export function ActingBanner() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const session = useActiveSession();
  const { actingFor, stop, stopping } = useActing();
  if (!session || !actingFor) return null;
  return (
    <Alert
      banner
      type="warning"
      data-testid="acting-banner"
      title={t('auth.acting.banner', {
        resident: actingFor.residentName,
        reason: actingFor.reason,
        staff: session.account.displayName,
      })}
      action={
        <Button
          size="small"
          loading={stopping.isPending}
          data-testid="acting-stop"
          onClick={() =>
            void stop()
              .then(() => void message.success(t('auth.acting.stopped')))
              .catch((error: unknown) => void message.error(messageOf(error)))
          }
        >
          {t('auth.acting.stop')}
        </Button>
      }
    />
  );
}
