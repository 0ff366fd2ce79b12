/** URLs of the divisions pages, in one place so links and redirects agree. */
export const divisionPaths = {
  browser: (code?: string) => (code ? `/divisions/${code}` : '/divisions'),
  map: (code: string) => `/divisions/${code}/map`,
};
