import {
  AlertOutlined,
  ApartmentOutlined,
  ApiOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  BulbOutlined,
  CameraOutlined,
  CheckSquareOutlined,
  ClusterOutlined,
  ExperimentOutlined,
  FileDoneOutlined,
  FileProtectOutlined,
  FormOutlined,
  GiftOutlined,
  HeartOutlined,
  LikeOutlined,
  LineChartOutlined,
  MoneyCollectOutlined,
  NotificationOutlined,
  ProfileOutlined,
  ShopOutlined,
  SoundOutlined,
  TagsOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Permission } from '@linli/common';
import type { ReactNode } from 'react';
import type { zhCN } from '../../i18n/zh-CN.ts';
import { usePermissions } from '../../modules/auth/hooks/use-auth.ts';

export const NAV_GROUPS = ['base', 'grids', 'organizations', 'funding', 'system'] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

/** One entry of the side menu; shown only to users holding `permission`. */
export interface NavEntry {
  /** The menu section the entry is listed under (NAV_GROUPS order); entries of a group stay together. */
  group: NavGroup;
  path: string;
  label: keyof typeof zhCN.nav;
  icon: ReactNode;
  permission: Permission;
}

export const NAV_ENTRIES: readonly NavEntry[] = [
  {
    group: 'base',
    path: '/divisions',
    label: 'divisions',
    icon: <ApartmentOutlined />,
    permission: 'division:read',
  },
  {
    group: 'base',
    path: '/residents',
    label: 'residents',
    icon: <UserOutlined />,
    permission: 'resident:read',
  },
  { group: 'grids', path: '/grids', label: 'grids', icon: <AppstoreOutlined />, permission: 'grid:read' },
  // Grid events: the desk list, then the phone pages a grid member, a department or a resident uses.
  { group: 'grids', path: '/events', label: 'events', icon: <AlertOutlined />, permission: 'event:read' },
  {
    group: 'grids',
    path: '/m/tasks',
    label: 'eventTasks',
    icon: <CheckSquareOutlined />,
    permission: 'event:handle',
  },
  {
    group: 'grids',
    path: '/m/report',
    label: 'eventReport',
    icon: <CameraOutlined />,
    permission: 'event:report',
  },
  {
    group: 'grids',
    path: '/m/mine',
    label: 'eventMine',
    icon: <ProfileOutlined />,
    permission: 'event:report',
  },
  {
    group: 'grids',
    path: '/events/stats',
    label: 'eventStats',
    icon: <LineChartOutlined />,
    permission: 'event:stats',
  },
  {
    group: 'grids',
    path: '/event-categories',
    label: 'eventCategories',
    icon: <TagsOutlined />,
    permission: 'event_category:write',
  },
  {
    group: 'organizations',
    path: '/organizations',
    label: 'organizations',
    icon: <ShopOutlined />,
    permission: 'organization:read',
  },
  {
    group: 'organizations',
    path: '/organizations/indicators',
    label: 'organizationIndicators',
    icon: <BarChartOutlined />,
    permission: 'organization:indicators',
  },
  {
    group: 'organizations',
    path: '/incubation',
    label: 'incubation',
    icon: <ExperimentOutlined />,
    permission: 'incubation:read',
  },
  {
    group: 'organizations',
    path: '/federations',
    label: 'federations',
    icon: <ClusterOutlined />,
    permission: 'federation:read',
  },
  {
    group: 'organizations',
    path: '/inspections',
    label: 'inspections',
    icon: <FileDoneOutlined />,
    permission: 'inspection:read',
  },
  {
    group: 'organizations',
    path: '/grading',
    label: 'grading',
    icon: <TrophyOutlined />,
    permission: 'grading:read',
  },
  {
    group: 'organizations',
    path: '/grading/my-sheets',
    label: 'gradeSheets',
    icon: <CheckSquareOutlined />,
    permission: 'grading:score',
  },
  {
    group: 'funding',
    path: '/funds',
    label: 'funds',
    icon: <MoneyCollectOutlined />,
    permission: 'fund:read',
  },
  { group: 'funding', path: '/needs', label: 'needs', icon: <BulbOutlined />, permission: 'need:read' },
  {
    group: 'funding',
    path: '/calls',
    label: 'calls',
    icon: <NotificationOutlined />,
    permission: 'call:read',
  },
  {
    group: 'funding',
    path: '/applications',
    label: 'applications',
    icon: <FormOutlined />,
    permission: 'application:read',
  },
  {
    group: 'funding',
    path: '/my-reviews',
    label: 'myReviews',
    icon: <CheckSquareOutlined />,
    permission: 'review:write',
  },
  {
    group: 'funding',
    path: '/notices',
    label: 'notices',
    icon: <SoundOutlined />,
    permission: 'notice:read',
  },
  {
    group: 'funding',
    path: '/contracts',
    label: 'contracts',
    icon: <FileProtectOutlined />,
    permission: 'contract:read',
  },
  // The matchmaking fair (社洽会): editions with their offers, exhibits and matches; the report's figures.
  {
    group: 'funding',
    path: '/fairs',
    label: 'fairs',
    icon: <ShopOutlined />,
    permission: 'fair:read',
  },
  {
    group: 'funding',
    path: '/fair-figures',
    label: 'fairFigures',
    icon: <BarChartOutlined />,
    permission: 'fair:read',
  },
  // A resident's phone page: projects in the community under evaluation, to answer how they serve.
  {
    group: 'base',
    path: '/project-feedback',
    label: 'projectFeedback',
    icon: <LikeOutlined />,
    permission: 'contract:feedback',
  },
  // Volunteers: a resident's phone page, then the organizers' and staff's desk.
  {
    group: 'base',
    path: '/volunteer',
    label: 'volunteerMe',
    icon: <HeartOutlined />,
    permission: 'volunteer:register',
  },
  {
    group: 'base',
    path: '/volunteers',
    label: 'volunteerAdmin',
    icon: <HeartOutlined />,
    permission: 'activity:write',
  },
  // Love supermarkets: the resident's phone page, then the counter, stock and reports.
  {
    group: 'base',
    path: '/market',
    label: 'marketMe',
    icon: <GiftOutlined />,
    permission: 'market:redeem',
  },
  {
    group: 'base',
    path: '/market-desk',
    label: 'marketDesk',
    icon: <GiftOutlined />,
    permission: 'market:read',
  },
  {
    group: 'system',
    path: '/accounts',
    label: 'accounts',
    icon: <TeamOutlined />,
    permission: 'account:read',
  },
  { group: 'system', path: '/audit', label: 'audit', icon: <AuditOutlined />, permission: 'audit:read' },
  {
    group: 'system',
    path: '/open311-clients',
    label: 'open311',
    icon: <ApiOutlined />,
    permission: 'open311:manage',
  },
];

/** The menu entries the signed-in user may open, in menu order. */
export function useNavEntries(): NavEntry[] {
  const { can } = usePermissions();
  return NAV_ENTRIES.filter((entry) => can(entry.permission));
}
