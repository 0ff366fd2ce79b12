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
    // Anyone may check a volunteer certificate's number, without signing in.
    path: '/verify/certificate',
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <PageLoading />,
    lazy: async () => {
      const { CertificateVerifyPage } = await import(
        '../modules/volunteers/pages/certificate-verify-page.tsx'
      );
      return { Component: CertificateVerifyPage };
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
        element: <RequirePermission permission="volunteer:register" />,
        children: [
          {
            path: 'volunteer',
            lazy: async () => {
              const { VolunteerMePage } = await import('../modules/volunteers/pages/volunteer-me-page.tsx');
              return { Component: VolunteerMePage };
            },
          },
        ],
      },
      {
        element: <RequirePermission permission="market:redeem" />,
        children: [
          {
            path: 'market',
            lazy: async () => {
              const { MarketMePage } = await import('../modules/market/pages/market-me-page.tsx');
              return { Component: MarketMePage };
            },
          },
        ],
      },
      {
        element: <RequirePermission permission="market:read" />,
        children: [
          {
            path: 'market-desk',
            lazy: async () => {
              const { MarketDeskPage } = await import('../modules/market/pages/market-desk-page.tsx');
              return { Component: MarketDeskPage };
            },
          },
        ],
      },
      {
        element: <RequirePermission permission="activity:write" />,
        children: [
          {
            path: 'volunteers',
            lazy: async () => {
              const { VolunteerAdminPage } = await import(
                '../modules/volunteers/pages/volunteer-admin-page.tsx'
              );
              return { Component: VolunteerAdminPage };
            },
          },
        ],
      },
      {
        element: <RequirePermission permission="fair:read" />,
        children: [
          {
            path: 'fairs',
            lazy: async () => {
              const { FairsPage } = await import('../modules/fair/pages/fairs-page.tsx');
              return { Component: FairsPage };
            },
          },
          {
            path: 'fairs/:id',
            lazy: async () => {
              const { FairPage } = await import('../modules/fair/pages/fair-page.tsx');
              return { Component: FairPage };
            },
          },
          {
            path: 'fair-figures',
            lazy: async () => {
              const { FairFiguresPage } = await import('../modules/fair/pages/figures-page.tsx');
              return { Component: FairFiguresPage };
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
        element: <RequirePermission permission="review:write" />,
        children: [
          {
            path: 'my-reviews',
            lazy: async () => {
              const { MyReviewsPage } = await import('../modules/funding/pages/my-reviews-page.tsx');
              return { Component: MyReviewsPage };
            },
          },
          {
            path: 'my-reviews/:id',
            lazy: async () => {
              const { ReviewSheetPage } = await import('../modules/funding/pages/review-sheet-page.tsx');
              return { Component: ReviewSheetPage };
            },
          },
        ],
      },
      {
        element: <RequirePermission permission="notice:read" />,
        children: [
          {
            path: 'notices',
            lazy: async () => {
              const { NoticesPage } = await import('../modules/funding/pages/notices-page.tsx');
              return { Component: NoticesPage };
            },
          },
          {
            path: 'notices/:id',
            lazy: async () => {
              const { NoticePage } = await import('../modules/funding/pages/notice-page.tsx');
              return { Component: NoticePage };
            },
          },
        ],
      },
      {
        element: <RequirePermission permission="contract:read" />,
        children: [
          {
            path: 'contracts',
            lazy: async () => {
              const { ContractsPage } = await import('../modules/funding/pages/contracts-page.tsx');
              return { Component: ContractsPage };
            },
          },
          {
            path: 'contracts/:id',
            lazy: async () => {
              const { ContractPage } = await import('../modules/funding/pages/contract-page.tsx');
              return { Component: ContractPage };
            },
          },
          {
            path: 'contracts/:id/evaluate',
            lazy: async () => {
              const { EvaluationFormPage } = await import(
                '../modules/funding/pages/evaluation-form-page.tsx'
              );
              return { Component: EvaluationFormPage };
            },
          },
        ],
      },
      {
        element: <RequirePermission permission="contract:feedback" />,
        children: [
          {
            path: 'project-feedback',
            lazy: async () => {
              const { FeedbackPage } = await import('../modules/funding/pages/feedback-page.tsx');
              return { Component: FeedbackPage };
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
        element: <RequirePermission permission="grading:read" />,
        children: [
          {
            path: 'grading',
            lazy: async () => {
              const { GradingPage } = await import('../modules/grading/pages/grading-page.tsx');
              return { Component: GradingPage };
            },
          },
          {
            path: 'grading/rounds/:id',
            lazy: async () => {
              const { GradeRoundPage } = await import('../modules/grading/pages/grade-round-page.tsx');
              return { Component: GradeRoundPage };
            },
          },
          {
            path: 'grading/evaluations/:id',
            lazy: async () => {
              const { GradeEvaluationPage } = await import(
                '../modules/grading/pages/grade-evaluation-page.tsx'
              );
              return { Component: GradeEvaluationPage };
            },
          },
        ],
      },
      {
        element: <RequirePermission permission="notice:read" />,
        children: [
          {
            path: 'grading/rounds/:id/notice',
            lazy: async () => {
              const { GradeNoticePage } = await import('../modules/grading/pages/grade-notice-page.tsx');
              return { Component: GradeNoticePage };
            },
          },
        ],
      },
      {
        element: <RequirePermission permission="grading:score" />,
        children: [
          {
            path: 'grading/my-sheets',
            lazy: async () => {
              const { MyGradeSheetsPage } = await import('../modules/grading/pages/my-grade-sheets-page.tsx');
              return { Component: MyGradeSheetsPage };
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
        // Grid events (issue #5): desk pages, and the phone pages under /m inside the same layout
        // (on a phone its menu is a drawer), so a grid member moves between them without a second app.
        element: <RequirePermission permission="event:read" />,
        children: [
          {
            path: 'events',
            lazy: async () => {
              const { EventsPage } = await import('../modules/events/pages/events-page.tsx');
              return { Component: EventsPage };
            },
          },
          {
            path: 'events/map',
            lazy: async () => {
              const { EventMapPage } = await import('../modules/events/pages/event-map-page.tsx');
              return { Component: EventMapPage };
            },
          },
          {
            path: 'events/:id',
            lazy: async () => {
              const { EventPage } = await import('../modules/events/pages/event-page.tsx');
              return { Component: EventPage };
            },
          },
          {
            path: 'm/tasks',
            lazy: async () => {
              const { TasksPage } = await import('../modules/events/pages/tasks-page.tsx');
              return { Component: TasksPage };
            },
          },
          {
            path: 'm/mine',
            lazy: async () => {
              const { MinePage } = await import('../modules/events/pages/mine-page.tsx');
              return { Component: MinePage };
            },
          },
          {
            path: 'm/events/:id',
            lazy: async () => {
              const { PhoneEventPage } = await import('../modules/events/pages/phone-event-page.tsx');
              return { Component: PhoneEventPage };
            },
          },
        ],
      },
      {
        element: <RequirePermission permission="event:report" />,
        children: [
          {
            path: 'm/report',
            lazy: async () => {
              const { ReportPage } = await import('../modules/events/pages/report-page.tsx');
              return { Component: ReportPage };
            },
          },
        ],
      },
      {
        element: <RequirePermission permission="event:stats" />,
        children: [
          {
            path: 'events/stats',
            lazy: async () => {
              const { StatsPage } = await import('../modules/events/pages/stats-page.tsx');
              return { Component: StatsPage };
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
      {
        element: <RequirePermission permission="open311:manage" />,
        children: [
          {
            path: 'open311-clients',
            lazy: async () => {
              const { Open311ClientsPage } = await import('../modules/open311/open311-clients-page.tsx');
              return { Component: Open311ClientsPage };
            },
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
