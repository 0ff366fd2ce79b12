import { createBrowserRouter, Navigate } from 'react-router';
import { PageLoading } from '../ui/page-loading.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { RouteErrorPage } from './route-error-page.tsx';

/** Each page is its own chunk; the grid map's ECharts code loads only when a map is opened. */
export const router = createBrowserRouter([
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <PageLoading />,
    children: [
      { index: true, element: <Navigate to="/divisions" replace /> },
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
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
