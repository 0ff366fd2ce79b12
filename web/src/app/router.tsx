import { createBrowserRouter } from 'react-router';
import { RequireAuth } from '../modules/auth/components/require-auth.tsx';
import { RequirePermission } from '../modules/auth/components/require-permission.tsx';
import { PageLoading } from '../ui/page-loading.tsx';
import { ForbiddenPage } from './forbidden-page.tsx';
import { HomePage } from './home-page.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { RouteErrorPage } from './route-error-page.tsx';

/**
 * Each page is its own chunk; the grid map's ECharts code loads only when a map is opened.
 * Everything but `/login` needs an active session (RequireAuth); each module's routes also need
 * that module's read permission (RequirePermission), as its menu entry does.
 */
export const router = createBrowserRouter([
  {
    path: '/login',
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <PageLoading />,
    lazy: async () => {
      const { SignInPage } = await import('../modules/auth/pages/sign-in-page.tsx');
      return { Component: SignInPage };
    },
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <PageLoading />,
    children: [
      { index: true, element: <HomePage /> },
      { path: '403', element: <ForbiddenPage /> },
      {
        // 个人中心: every signed-in user's own account, password, second factor and devices.
        path: 'profile',
        lazy: async () => {
          const { ProfilePage } = await import('../modules/profile/pages/profile-page.tsx');
          return { Component: ProfilePage };
        },
      },
      {
        element: <RequirePermission permission="division:read" />,
        children: [
          {
            // Optional segment: /divisions (the district) and /divisions/:code share one page instance,
            // so the tree keeps its expanded state while the user browses.
            path: 'divisions/:code?',
            lazy: async () => {
              const { DivisionBrowserPage } = await import(
                '../modules/divisions/pages/division-browser-page.tsx'
              );
              return { Component: DivisionBrowserPage };
            },
          },
          {
            path: 'divisions/:code/map',
            lazy: async () => {
              const { GridMapPage } = await import('../modules/divisions/pages/grid-map-page.tsx');
              return { Component: GridMapPage };
            },
          },
        ],
      },
      {
        element: <RequirePermission permission="account:read" />,
        children: [
          {
            path: 'accounts',
            lazy: async () => {
              const { AccountsPage } = await import('../modules/accounts/pages/accounts-page.tsx');
              return { Component: AccountsPage };
            },
          },
        ],
      },
      {
        element: <RequirePermission permission="resident:read" />,
        children: [
          {
            path: 'residents',
            lazy: async () => {
              const { ResidentsPage } = await import('../modules/residents/pages/residents-page.tsx');
              return { Component: ResidentsPage };
            },
          },
        ],
      },
      {
        element: <RequirePermission permission="organization:read" />,
        children: [
          {
            path: 'organizations',
            lazy: async () => {
              const { OrganizationsPage } = await import(
                '../modules/organizations/pages/organizations-page.tsx'
              );
              return { Component: OrganizationsPage };
            },
          },
        ],
      },
      {
        element: <RequirePermission permission="audit:read" />,
        children: [
          {
            path: 'audit',
            lazy: async () => {
              const { AuditPage } = await import('../modules/audit/pages/audit-page.tsx');
              return { Component: AuditPage };
            },
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
