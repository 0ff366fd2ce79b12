/** Query keys of the profile module. */
export const profileKeys = {
  all: ['profile'] as const,
  sessions: ['profile', 'sessions'] as const,
};
