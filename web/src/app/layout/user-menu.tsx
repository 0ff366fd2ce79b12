import { DownOutlined, IdcardOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { theme as antdTheme, Button, Dropdown, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useActiveSession, useLogout } from '../../modules/auth/hooks/use-auth.ts';
import { useRoleLabel } from '../../modules/auth/hooks/use-role-label.ts';

/** The signed-in user in the header: name and roles in a dropdown, with 个人中心 and 退出登录. */
export function UserMenu({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const { token } = antdTheme.useToken();
  const session = useActiveSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const roleLabel = useRoleLabel();
  if (!session) return null;
  const { account, roles } = session;

  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{
        items: [
          {
            key: 'profile',
            icon: <IdcardOutlined aria-hidden />,
            label: <span data-testid="btn-profile">{t('auth.userMenu.profile')}</span>,
          },
          {
            key: 'logout',
            icon: <LogoutOutlined aria-hidden />,
            label: <span data-testid="btn-logout">{t('auth.logout')}</span>,
            disabled: logout.isPending,
          },
        ],
        onClick: ({ key }) => {
          if (key === 'profile') navigate('/profile');
          if (key === 'logout') logout.mutate('signedOut');
        },
      }}
      popupRender={(menu) => (
        <div
          style={{
            background: token.colorBgElevated,
            borderRadius: token.borderRadiusLG,
            boxShadow: token.boxShadowSecondary,
            minWidth: 220,
            maxWidth: 320,
          }}
        >
          <Flex vertical gap={4} style={{ padding: '12px 16px 8px' }} data-testid="user-menu-profile">
            <Typography.Text strong>{account.displayName}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('auth.userMenu.username', { username: account.username })}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12, marginTop: 4 }}>
              {t('auth.userMenu.roles')}
            </Typography.Text>
            <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="user-menu-roles">
              {roles.map((grant) => (
                <li key={`${grant.role}:${grant.scopeCode ?? grant.department ?? ''}`}>
                  <Typography.Text>{roleLabel(grant)}</Typography.Text>
                </li>
              ))}
              {roles.length === 0 ? <li>{t('auth.userMenu.noRoles')}</li> : null}
            </ul>
          </Flex>
          {menu}
        </div>
      )}
    >
      <Button
        type="text"
        data-testid="user-menu"
        icon={<UserOutlined aria-hidden />}
        aria-label={compact ? t('auth.userMenu.label', { name: account.displayName }) : undefined}
      >
        {compact ? null : (
          <>
            <span style={{ maxWidth: 160, overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {account.displayName}
            </span>
            <DownOutlined aria-hidden style={{ fontSize: 10 }} />
          </>
        )}
      </Button>
    </Dropdown>
  );
}
