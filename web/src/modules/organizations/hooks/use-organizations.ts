import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { downloadFile } from '../../../app/api/download-file.ts';
import type {
  AttachmentPurpose,
  CreateOrganizationBody,
  FundingBody,
  OrganizationExportQuery,
  OrganizationListQuery,
  TransitionBody,
  UpdateOrganizationBody,
  UsccVerificationBody,
} from '../organizations.types.ts';

/** Query keys of the organizations module; all start with 'organizations' so one invalidation refreshes all. */
export const organizationKeys = {
  all: ['organizations'] as const,
  list: (query: OrganizationListQuery) => ['organizations', 'list', query] as const,
  summary: ['organizations', 'summary'] as const,
  detail: (id: string) => ['organizations', 'detail', id] as const,
  history: (id: string) => ['organizations', 'history', id] as const,
};

/** GET /organizations: one server-side page of the registry. */
export function useOrganizations(query: OrganizationListQuery) {
  return useQuery({
    queryKey: organizationKeys.list(query),
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/organizations', { params: { query }, signal })),
  });
}

/** GET /organizations/summary: the header counts, computed from the records in the caller's scope. */
export function useOrganizationSummary() {
  return useQuery({
    queryKey: organizationKeys.summary,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/organizations/summary', { signal })),
  });
}

export function useOrganization(id: string | undefined) {
  return useQuery({
    queryKey: organizationKeys.detail(id ?? ''),
    enabled: Boolean(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/organizations/{id}', { params: { path: { id: id ?? '' } }, signal })),
  });
}

export function useOrganizationHistory(id: string | undefined) {
  return useQuery({
    queryKey: organizationKeys.history(id ?? ''),
    enabled: Boolean(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/organizations/{id}/history', { params: { path: { id: id ?? '' } }, signal })),
  });
}

/** POST /organizations/{id}/transitions: one lifecycle step with the version the user saw. */
export function useTransitionOrganization(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TransitionBody) =>
      unwrap(api.POST('/api/v1/organizations/{id}/transitions', { params: { path: { id } }, body })),
    onSettled: () => client.invalidateQueries({ queryKey: organizationKeys.all }),
  });
}

/** GET /organizations/export: the filtered registry as .xlsx, saved under the server's file name. */
export function useExportOrganizations() {
  return useMutation({
    mutationFn: (query: OrganizationExportQuery) =>
      downloadFile(
        api.GET('/api/v1/organizations/export', { params: { query }, parseAs: 'blob' }),
        'organizations.xlsx',
      ),
  });
}

/** POST /organizations: a new record (a filing, or a registered organization entered by the district). */
export function useCreateOrganization() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOrganizationBody) => unwrap(api.POST('/api/v1/organizations', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: organizationKeys.all }),
  });
}

/** PATCH /organizations/{id} with the version the form was filled from (a stale one is 409). */
export function useUpdateOrganization(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateOrganizationBody) =>
      unwrap(api.PATCH('/api/v1/organizations/{id}', { params: { path: { id } }, body })),
    onSettled: () => client.invalidateQueries({ queryKey: organizationKeys.all }),
  });
}

/** POST /organizations/{id}/uscc-verification: the district's manual check of a legacy credit code. */
export function useVerifyUscc(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UsccVerificationBody) =>
      unwrap(api.POST('/api/v1/organizations/{id}/uscc-verification', { params: { path: { id } }, body })),
    onSettled: () => client.invalidateQueries({ queryKey: organizationKeys.all }),
  });
}

/** PUT /organizations/{id}/funding/{year}: the five sources of one year, in fen. */
export function useSaveFunding(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ year, body }: { year: number; body: FundingBody }) =>
      unwrap(api.PUT('/api/v1/organizations/{id}/funding/{year}', { params: { path: { id, year } }, body })),
    onSettled: () => client.invalidateQueries({ queryKey: organizationKeys.all }),
  });
}

const attachmentsKey = (id: string) => [...organizationKeys.all, 'attachments', id] as const;

export function useOrganizationAttachments(id: string | undefined) {
  return useQuery({
    queryKey: attachmentsKey(id ?? ''),
    enabled: Boolean(id),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/organizations/{id}/attachments', { params: { path: { id: id ?? '' } }, signal }),
      ),
  });
}

/** POST /organizations/{id}/attachments: the file's raw bytes; the server decides its type from them. */
export function useUploadAttachment(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ purpose, file }: { purpose: AttachmentPurpose; file: File }) =>
      unwrap(
        api.POST('/api/v1/organizations/{id}/attachments', {
          params: { path: { id }, query: { purpose, filename: file.name } },
          headers: { 'Content-Type': 'application/octet-stream' },
          body: file,
          bodySerializer: (body) => body as File,
        }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: organizationKeys.all }),
  });
}

export function useDeleteAttachment(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (attachmentId: string) =>
      unwrap(
        api.DELETE('/api/v1/organizations/{id}/attachments/{attachmentId}', {
          params: { path: { id, attachmentId } },
        }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: organizationKeys.all }),
  });
}

/** Saves one attachment under its original name. */
export function useDownloadAttachment(id: string) {
  return useMutation({
    mutationFn: (attachment: { id: string; filename: string }) =>
      downloadFile(
        api.GET('/api/v1/organizations/{id}/attachments/{attachmentId}/content', {
          params: { path: { id, attachmentId: attachment.id } },
          parseAs: 'blob',
        }),
        attachment.filename,
      ),
  });
}

/** The address a PDF or image opens at in a new tab (the session cookie authorizes it). */
export function attachmentUrl(id: string, attachmentId: string): string {
  return `/api/v1/organizations/${encodeURIComponent(id)}/attachments/${encodeURIComponent(attachmentId)}/content?inline=true`;
}
