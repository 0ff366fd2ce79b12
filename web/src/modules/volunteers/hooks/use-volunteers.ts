import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { downloadFile } from '../../../app/api/download-file.ts';
import type { components, paths } from '../../../app/api/schema.gen.ts';

export type Volunteer = components['schemas']['Volunteer'];
export type Activity = components['schemas']['VolunteerActivity'];
export type Roster = components['schemas']['VolunteerRoster'];
export type StatGroup = 'month' | 'program' | 'street';
type RegisterBody =
  paths['/api/v1/volunteers/register']['post']['requestBody']['content']['application/json'];
type ActivityBody =
  paths['/api/v1/volunteer-activities']['post']['requestBody']['content']['application/json'];

/** Every key starts with 'volunteers': a confirmation changes rosters, hours and points at once. */
const all = ['volunteers'] as const;

function useVolunteerMutation<V, R>(fn: (v: V) => Promise<R>) {
  const client = useQueryClient();
  // Only a success changes what the pages show; refetching after a refused request would reset open forms.
  // The button stays busy until the lists have reloaded, so it never offers the step just done (签到 twice).
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: all }) });
}

export function useMyVolunteer() {
  return useQuery({
    queryKey: [...all, 'me'],
    retry: false,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/volunteers/me', { signal })),
  });
}

export function useRegisterVolunteer() {
  return useVolunteerMutation((body: RegisterBody) =>
    unwrap(api.POST('/api/v1/volunteers/register', { body })),
  );
}

export function useActivities(query: {
  divisionCode?: string;
  near?: string;
  mine?: 'signed_up' | 'organized';
  when?: 'upcoming' | 'past' | 'all';
}) {
  return useQuery({
    queryKey: [...all, 'activities', query],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/volunteer-activities', { params: { query: { ...query, limit: 50 } }, signal })),
  });
}

export function useActivityAction() {
  return useVolunteerMutation(
    ({
      id,
      action,
      code,
    }: {
      id: string;
      action: 'signup' | 'cancel' | 'check-in' | 'check-out';
      code?: string;
    }) => {
      const params = { path: { id } };
      if (action === 'signup')
        return unwrap(api.POST('/api/v1/volunteer-activities/{id}/signup', { params }));
      if (action === 'cancel')
        return unwrap(api.POST('/api/v1/volunteer-activities/{id}/signup/cancel', { params }));
      const body = { code: code ?? '' };
      return action === 'check-in'
        ? unwrap(api.POST('/api/v1/volunteer-activities/{id}/check-in', { params, body }))
        : unwrap(api.POST('/api/v1/volunteer-activities/{id}/check-out', { params, body }));
    },
  );
}

export function useServices(volunteerId: string | undefined) {
  return useQuery({
    queryKey: [...all, 'services', volunteerId],
    enabled: !!volunteerId,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/volunteers/{id}/services', {
          params: { path: { id: volunteerId! }, query: { limit: 50 } },
          signal,
        }),
      ),
  });
}

export function usePostings(accountId: string | null | undefined) {
  return useQuery({
    queryKey: [...all, 'postings', accountId],
    enabled: !!accountId,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/points/accounts/{id}/postings', {
          params: { path: { id: accountId! }, query: { limit: 50 } },
          signal,
        }),
      ),
  });
}

/** Saves a new hours certificate; resolves to the file's name and the number anyone can check it by. */
export function useDownloadCertificate() {
  return useMutation({
    mutationFn: async (id: string): Promise<{ file: string; code: string | null }> => {
      let code: string | null = null;
      const file = await downloadFile(
        api
          .GET('/api/v1/volunteers/{id}/certificate.pdf', { params: { path: { id } }, parseAs: 'blob' })
          .then((outcome) => {
            code = outcome.response.headers.get('X-Certificate-Code');
            return outcome;
          }),
        '志愿服务证明.pdf',
      );
      return { file, code };
    },
  });
}

export function usePrograms() {
  return useQuery({
    queryKey: [...all, 'programs'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/volunteer-programs', { signal })),
  });
}

export function useCreateActivity() {
  return useVolunteerMutation((body: ActivityBody) =>
    unwrap(api.POST('/api/v1/volunteer-activities', { body })),
  );
}

export function useCancelActivity() {
  return useVolunteerMutation(({ id, version, reason }: { id: string; version: number; reason: string }) =>
    unwrap(
      api.POST('/api/v1/volunteer-activities/{id}/cancel', {
        params: { path: { id } },
        body: { version, reason },
      }),
    ),
  );
}

export function useRoster(id: string | null) {
  return useQuery({
    queryKey: [...all, 'roster', id],
    enabled: !!id,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/volunteer-activities/{id}/roster', { params: { path: { id: id! } }, signal })),
    // The check-in code changes every minute: fetch the next one as soon as it is due.
    refetchInterval: (query) => {
      const changesAt = query.state.data?.activity.checkInCodeChangesAt;
      return changesAt ? Math.max(1_000, Date.parse(changesAt) - Date.now() + 300) : false;
    },
  });
}

export function useConfirmHours() {
  return useVolunteerMutation(
    ({ id, signupId, minutes }: { id: string; signupId: string; minutes: number }) =>
      unwrap(
        api.POST('/api/v1/volunteer-activities/{id}/roster/{signupId}/confirm', {
          params: { path: { id, signupId } },
          body: { minutes },
        }),
      ),
  );
}

export function useCorrectHours() {
  return useVolunteerMutation(({ id, minutes, reason }: { id: string; minutes: number; reason: string }) =>
    unwrap(
      api.POST('/api/v1/volunteer-services/{id}/correct', {
        params: { path: { id } },
        body: { minutes, reason },
      }),
    ),
  );
}

export const PAGE_SIZE = 20;

export function useVolunteerList(q: string, page: number) {
  return useQuery({
    queryKey: [...all, 'list', q, page],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/volunteers', {
          params: { query: { q: q || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } },
          signal,
        }),
      ),
  });
}

export function exportVolunteers() {
  return downloadFile(
    api.GET('/api/v1/volunteers/export', { params: { query: {} }, parseAs: 'blob' }),
    '志愿者.xlsx',
  );
}

export function useStats(group: StatGroup) {
  return useQuery({
    queryKey: [...all, 'stats', group],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/volunteer-stats', { params: { query: { group } }, signal })),
  });
}

export function exportStats(group: StatGroup) {
  return downloadFile(
    api.GET('/api/v1/volunteer-stats/export', { params: { query: { group } }, parseAs: 'blob' }),
    '志愿服务统计.xlsx',
  );
}

export function useCertificateCheck(code: string) {
  return useQuery({
    queryKey: ['certificate-check', code],
    enabled: code.length > 0,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/verify/certificate', { params: { query: { code } }, signal })),
  });
}

export function useTeams(q: string, page: number) {
  return useQuery({
    queryKey: [...all, 'teams', q, page],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/volunteer-teams', {
          params: { query: { q: q || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } },
          signal,
        }),
      ),
  });
}

export function useLeaderboard(divisionCode: string | undefined) {
  return useQuery({
    queryKey: [...all, 'leaderboard', divisionCode],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/volunteer-leaderboard', { params: { query: { divisionCode, limit: 20 } }, signal }),
      ),
  });
}

type UpdateActivityBody =
  paths['/api/v1/volunteer-activities/{id}']['patch']['requestBody']['content']['application/json'];
export type Honour = components['schemas']['VolunteerHonour'];
export type HonourQuery = NonNullable<paths['/api/v1/volunteer-honours']['get']['parameters']['query']>;
type HonourBody = paths['/api/v1/volunteer-honours']['post']['requestBody']['content']['application/json'];
export type PointsRule = components['schemas']['PointsRule'];
type RuleBody = paths['/api/v1/points/rules']['put']['requestBody']['content']['application/json'];
type AwardBody = paths['/api/v1/points/awards']['post']['requestBody']['content']['application/json'];
type TeamAwardBody =
  paths['/api/v1/points/awards/team']['post']['requestBody']['content']['application/json'];
type PoolBody = paths['/api/v1/points/award-pool']['post']['requestBody']['content']['application/json'];

export function useUpdateActivity() {
  return useVolunteerMutation(({ id, ...body }: UpdateActivityBody & { id: string }) =>
    unwrap(api.PATCH('/api/v1/volunteer-activities/{id}', { params: { path: { id } }, body })),
  );
}

export function useStarLevels() {
  return useQuery({
    queryKey: [...all, 'star-levels'],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/volunteer-star-levels', { signal })),
  });
}

export function useHonours(query: HonourQuery, enabled = true) {
  return useQuery({
    queryKey: [...all, 'honours', query],
    enabled,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/volunteer-honours', { params: { query }, signal })),
  });
}

export function useCreateHonour() {
  return useVolunteerMutation((body: HonourBody) => unwrap(api.POST('/api/v1/volunteer-honours', { body })));
}

export function exportHonours(query: Omit<HonourQuery, 'limit' | 'offset'>) {
  return downloadFile(
    api.GET('/api/v1/volunteer-honours/export', { params: { query }, parseAs: 'blob' }),
    '志愿服务荣誉.xlsx',
  );
}

export function usePointsRules() {
  return useQuery({
    queryKey: [...all, 'rules'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/points/rules', { signal })),
  });
}

export function useSaveRule() {
  return useVolunteerMutation((body: RuleBody) => unwrap(api.PUT('/api/v1/points/rules', { body })));
}

export function useAwards(page: number) {
  return useQuery({
    queryKey: [...all, 'awards', page],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/points/awards', {
          params: { query: { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } },
          signal,
        }),
      ),
  });
}

export function exportAwards() {
  return downloadFile(
    api.GET('/api/v1/points/awards/export', { params: { query: {} }, parseAs: 'blob' }),
    '奖励积分.xlsx',
  );
}

export function useAward() {
  return useVolunteerMutation((body: AwardBody) => unwrap(api.POST('/api/v1/points/awards', { body })));
}

export function useTeamAward() {
  return useVolunteerMutation((body: TeamAwardBody) =>
    unwrap(api.POST('/api/v1/points/awards/team', { body })),
  );
}

export function useFundPool() {
  return useVolunteerMutation((body: PoolBody) => unwrap(api.POST('/api/v1/points/award-pool', { body })));
}

export function usePointsAccount(id: string | null) {
  return useQuery({
    queryKey: [...all, 'account', id],
    enabled: !!id,
    retry: false,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/points/accounts/{id}', { params: { path: { id: id! } }, signal })),
  });
}

export function useStatement(accountId: string | null | undefined, month: string) {
  return useQuery({
    queryKey: [...all, 'statement', accountId, month],
    enabled: !!accountId,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/points/accounts/{id}/statement', {
          params: { path: { id: accountId! }, query: { month } },
          signal,
        }),
      ),
  });
}

/** The organizer checks a volunteer without a phone in or out. */
export function useRecordAttendance() {
  return useVolunteerMutation(
    ({ id, signupId, action }: { id: string; signupId: string; action: 'check_in' | 'check_out' }) =>
      unwrap(
        api.POST('/api/v1/volunteer-activities/{id}/roster/{signupId}/attendance', {
          params: { path: { id, signupId } },
          body: { action },
        }),
      ),
  );
}

export function useActivity(id: string | null) {
  return useQuery({
    queryKey: [...all, 'activity', id],
    enabled: !!id,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/volunteer-activities/{id}', { params: { path: { id: id! } }, signal })),
  });
}
