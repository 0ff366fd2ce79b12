/** Where a grid's page lives. */
export const gridPaths = {
  list: '/grids',
  grid: (code: string) => `/grids/${code}`,
};
