import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Grid, Layout, Menu, type MenuProps, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigation } from 'react-router';
import { NotificationBell } from '../../modules/notifications/notification-bell.tsx';
import { PageLoading } from '../../ui/page-loading.tsx';
import { ActingBanner } from './acting-banner.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { NAV_GROUPS, type NavEntry, useNavEntries } from './nav-entries.tsx';
import { UserMenu } from './user-menu.tsx';

const SIDER_WIDTH = 200;

function useNavItems(): { items: MenuProps['items']; selected: string[] } {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const entries = useNavEntries();
  const itemOf = (entry: NavEntry) => ({
    key: entry.path,
    icon: entry.icon,
    label: <Link to={entry.path}>{t(`nav.${entry.label}`)}</Link>,
  });
  // Sections once a user has more than a handful of pages; a short menu stays one plain list.
  const items: MenuProps['items'] =
    entries.length <= 5
      ? entries.map(itemOf)
      : NAV_GROUPS.flatMap((group): NonNullable<MenuProps['items']> => {
          const inGroup = entries.filter((entry) => entry.group === group);
          if (inGroup.length === 0) return [];
          if (group === 'base') return inGroup.map(itemOf);
          return [
            {
              type: 'group' as const,
              key: group,
              label: t(`navGroups.${group}`),
              children: inGroup.map(itemOf),
            },
          ];
        });
  // The most specific entry only: /organizations/indicators is not also /organizations.
  const selected = entries
    .filter((entry) => pathname === entry.path || pathname.startsWith(`${entry.path}/`))
    .map((entry) => entry.path)
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);
  return { items, selected };
}

function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { items, selected } = useNavItems();
  return (
    <nav aria-label={t('app.mainNav')}>
      <Menu
        mode="inline"
        items={items}
        selectedKeys={selected}
        onClick={onNavigate}
        style={{ borderInlineEnd: 0 }}
      />
    </nav>
  );
}

/**
 * Header (brand, language, the signed-in user), the banner while acting for a resident, side
 * navigation (a drawer on phones; only the entries the user may open) and the `main` landmark.
 */
export function AppLayout() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const navigation = useNavigation();
  const [drawerOpen, setDrawerOpen] = useState(false);
  // Before the first measurement useBreakpoint() is empty; assume a wide screen to avoid a flash of the drawer button.
  const wide = screens.md ?? true;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Layout.Header style={{ borderBottom: '1px solid #e5e7eb', position: 'sticky', top: 0, zIndex: 10 }}>
        <Flex align="center" justify="space-between" gap={12} style={{ height: '100%' }}>
          <Flex align="center" gap={8} style={{ minWidth: 0 }}>
            {wide ? null : (
              <Button
                type="text"
                icon={<MenuOutlined />}
                aria-label={t('app.openNav')}
                aria-expanded={drawerOpen}
                onClick={() => setDrawerOpen(true)}
              />
            )}
            <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 0 }}>
              <Typography.Text strong style={{ fontSize: 18, color: '#0b57d0', whiteSpace: 'nowrap' }}>
                {wide ? t('app.fullName') : t('app.name')}
              </Typography.Text>
            </Link>
          </Flex>
          <Flex align="center" gap={8}>
            <LanguageSwitch />
            <NotificationBell />
            <UserMenu compact={!wide} />
          </Flex>
        </Flex>
      </Layout.Header>
      <ActingBanner />
      <Layout>
        {wide ? (
          <Layout.Sider width={SIDER_WIDTH} style={{ borderInlineEnd: '1px solid #e5e7eb' }}>
            <NavMenu />
          </Layout.Sider>
        ) : (
          <Drawer
            placement="left"
            size={SIDER_WIDTH + 40}
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            title={t('app.name')}
            styles={{ body: { padding: 0 } }}
          >
            <NavMenu onNavigate={() => setDrawerOpen(false)} />
          </Drawer>
        )}
        <Layout.Content
          id="main"
          className="app-main"
          tabIndex={-1}
          aria-busy={navigation.state === 'loading'}
        >
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
