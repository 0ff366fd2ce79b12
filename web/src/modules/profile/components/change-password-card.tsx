import { useQueryClient } from '@tanstack/react-query';
import { App, Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { PasswordChangeForm, passwordFieldProblem } from '../../../ui/password-change-form.tsx';
import type { AuthState } from '../../auth/auth.types.ts';
import { useChangePassword } from '../../auth/hooks/use-auth.ts';
import { profileKeys } from '../hooks/profile-keys.ts';
import { CardTitle } from './card-title.tsx';

/** 修改密码: the same form as the first-sign-in step; the server then signs out the other devices. */
export function ChangePasswordCard({ session }: { session: AuthState }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const change = useChangePassword();
  const [resetKey, setResetKey] = useState(0);
  const error = change.error;
  return (
    <Card title={<CardTitle>{t('profile.password.title')}</CardTitle>} data-testid="profile-password">
      {error && !passwordFieldProblem(error, null) ? (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={error} />
        </div>
      ) : null}
      <PasswordChangeForm
        username={session.account.username}
        knownCurrentPassword={null}
        pending={change.isPending}
        submitLabel={t('profile.password.submit')}
        error={error}
        resetKey={resetKey}
        onSubmit={(body) =>
          change.mutate(body, {
            onSuccess: () => {
              void message.success(t('profile.password.changed'));
              setResetKey((key) => key + 1);
              void client.invalidateQueries({ queryKey: profileKeys.sessions });
            },
          })
        }
      />
    </Card>
  );
}
