import {
  ApartmentOutlined,
  AuditOutlined,
  ShopOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Permission } from '@linli/common';
import type { ReactNode } from 'react';
import type { zhCN } from '../../i18n/zh-CN.ts';
import { usePermissions } from '../../modules/auth/hooks/use-auth.ts';

/** One entry of the side menu; shown only to users holding `permission`. */
export interface NavEntry {
  path: string;
  label: keyof typeof zhCN.nav;
  icon: ReactNode;
  permission: Permission;
}

export const NAV_ENTRIES: readonly NavEntry[] = [
  { path: '/divisions', label: 'divisions', icon: <ApartmentOutlined />, permission: 'division:read' },
  { path: '/residents', label: 'residents', icon: <UserOutlined />, permission: 'resident:read' },
  {
    path: '/organizations',
    label: 'organizations',
    icon: <ShopOutlined />,
    permission: 'organization:read',
  },
  { path: '/accounts', label: 'accounts', icon: <TeamOutlined />, permission: 'account:read' },
  { path: '/audit', label: 'audit', icon: <AuditOutlined />, permission: 'audit:read' },
];

/** The menu entries the signed-in user may open, in menu order. */
export function useNavEntries(): NavEntry[] {
  const { can } = usePermissions();
  return NAV_ENTRIES.filter((entry) => can(entry.permission));
}
