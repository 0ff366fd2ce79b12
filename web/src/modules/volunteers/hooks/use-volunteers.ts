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

export function downloadCertificate(id: string) {
  return downloadFile(
    api.GET('/api/v1/volunteers/{id}/certificate.pdf', { params: { path: { id } }, parseAs: 'blob' }),
    '志愿服务证明.pdf',
  );
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
        api.GET('/api/v1/volunteer-teams', { params: { query: { q: q || undefined, limit: 100 } }, signal }),
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
