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
        element: <RequirePermission permission="organization:catalog" />,
        children: [
          {
            path: 'organizations/catalog',
            lazy: async () => {
              const { OrganizationCatalogPage } = await import(
                '../modules/organizations/pages/organization-catalog-page.tsx'
              );
              return { Component: OrganizationCatalogPage };
            },
          },
        ],
      },
      {
        element: <RequirePermission permission="organization:indicators" />,
        children: [
          {
            path: 'organizations/indicators',
            lazy: async () => {
              const { IndicatorsPage } = await import('../modules/organizations/pages/indicators-page.tsx');
              return { Component: IndicatorsPage };
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
          {
            path: 'organizations/:id',
            lazy: async () => {
              const { OrganizationPage } = await import(
                '../modules/organizations/pages/organization-page.tsx'
              );
              return { Component: OrganizationPage };
            },
          },
        ],
      },
      {
        element: <RequirePermission permission="fund:read" />,
        children: [
          {
            path: 'funds',
            lazy: async () => {
              const { FundsPage } = await import('../modules/funding/pages/funds-page.tsx');
              return { Component: FundsPage };
            },
          },
        ],
      },
      {
        element: <RequirePermission permission="need:read" />,
        children: [
          {
            path: 'needs',
            lazy: async () => {
              const { NeedsPage } = await import('../modules/funding/pages/needs-page.tsx');
              return { Component: NeedsPage };
            },
          },
        ],
      },
      {
        element: <RequirePermission permission="call:read" />,
        children: [
          {
            path: 'calls',
            lazy: async () => {
              const { CallsPage } = await import('../modules/funding/pages/calls-page.tsx');
              return { Component: CallsPage };
            },
          },
          {
            path: 'calls/:id',
            lazy: async () => {
              const { CallPage } = await import('../modules/funding/pages/call-page.tsx');
              return { Component: CallPage };
            },
          },
        ],
      },
      {
        element: <RequirePermission permission="application:read" />,
        children: [
          {
            path: 'applications',
            lazy: async () => {
              const { ApplicationsPage } = await import('../modules/funding/pages/applications-page.tsx');
              return { Component: ApplicationsPage };
            },
          },
        ],
      },
      {
        element: <RequirePermission permission="incubation:read" />,
        children: [
          {
            path: 'incubation',
            lazy: async () => {
              const { IncubationPage } = await import('../modules/incubation/pages/incubation-page.tsx');
              return { Component: IncubationPage };
            },
          },
        ],
      },
      {
        element: <RequirePermission permission="federation:read" />,
        children: [
          {
            path: 'federations',
            lazy: async () => {
              const { FederationsPage } = await import('../modules/federations/pages/federations-page.tsx');
              return { Component: FederationsPage };
            },
          },
        ],
      },
      {
        element: <RequirePermission permission="inspection:read" />,
        children: [
          {
            path: 'inspections',
            lazy: async () => {
              const { InspectionsPage } = await import('../modules/inspections/pages/inspections-page.tsx');
              return { Component: InspectionsPage };
            },
          },
        ],
      },
      {
        element: <RequirePermission permission="grid:read" />,
        children: [
          {
            path: 'grids',
            lazy: async () => {
              const { GridsPage } = await import('../modules/grids/pages/grids-page.tsx');
              return { Component: GridsPage };
            },
          },
          {
            path: 'grids/:code',
            lazy: async () => {
              const { GridPage } = await import('../modules/grids/pages/grid-page.tsx');
              return { Component: GridPage };
            },
          },
        ],
      },
      {
        element: <RequirePermission permission="event_category:write" />,
        children: [
          {
            path: 'event-categories',
            lazy: async () => {
              const { EventCategoriesPage } = await import(
                '../modules/event-categories/pages/event-categories-page.tsx'
              );
              return { Component: EventCategoriesPage };
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
