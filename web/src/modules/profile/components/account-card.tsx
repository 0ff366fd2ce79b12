import { Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuthState } from '../../auth/auth.types.ts';
import { useRoleLabel } from '../../auth/hooks/use-role-label.ts';
import { CardTitle } from './card-title.tsx';

/** 账号信息: name, username, and each role with where it applies. */
export function AccountCard({ session }: { session: AuthState }) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  return (
    <Card title={<CardTitle>{t('profile.account.title')}</CardTitle>} data-testid="profile-account">
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'name', label: t('profile.account.name'), children: session.account.displayName },
          { key: 'username', label: t('profile.account.username'), children: session.account.username },
          {
            key: 'roles',
            label: t('profile.account.roles'),
            children:
              session.roles.length === 0 ? (
                t('profile.account.noRoles')
              ) : (
                <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="profile-roles">
                  {session.roles.map((grant) => (
                    <li key={`${grant.role}:${grant.scopeCode ?? grant.department ?? ''}`}>
                      {roleLabel(grant)}
                    </li>
                  ))}
                </ul>
              ),
          },
        ]}
      />
    </Card>
  );
}
