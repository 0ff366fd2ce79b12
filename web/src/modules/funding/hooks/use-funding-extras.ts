import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { downloadFile } from '../../../app/api/download-file.ts';
import type { AnswerFeedbackBody } from '../funding.types.ts';

/** Where an application's attachments are read: the application itself, or a reviewer's own sheet. */
export type AttachmentSource = { kind: 'application'; id: string } | { kind: 'review'; id: string };

export const extrasKeys = {
  attachments: (s: AttachmentSource) => ['funding', 'attachments', s.kind, s.id] as const,
  feedbackProjects: ['funding', 'feedback-projects'] as const,
  contractFeedback: (id: string) => ['funding', 'contract-feedback', id] as const,
};

export function useApplicationAttachments(source: AttachmentSource) {
  return useQuery({
    queryKey: extrasKeys.attachments(source),
    queryFn: ({ signal }) =>
      unwrap(
        source.kind === 'application'
          ? api.GET('/api/v1/applications/{id}/attachments', { params: { path: { id: source.id } }, signal })
          : api.GET('/api/v1/reviews/{id}/attachments', { params: { path: { id: source.id } }, signal }),
      ),
  });
}

/** POST /applications/{id}/attachments: the file's raw bytes; the server decides its type from them. */
export function useUploadApplicationAttachment(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      unwrap(
        api.POST('/api/v1/applications/{id}/attachments', {
          params: { path: { id }, query: { filename: file.name } },
          headers: { 'Content-Type': 'application/octet-stream' },
          body: file,
          bodySerializer: (body) => body as File,
        }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: ['funding', 'attachments'] }),
  });
}

export function useDeleteApplicationAttachment(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (attachmentId: string) =>
      unwrap(
        api.DELETE('/api/v1/applications/{id}/attachments/{attachmentId}', {
          params: { path: { id, attachmentId } },
        }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: ['funding', 'attachments'] }),
  });
}

/** Saves one attachment under its original name. */
export function useDownloadApplicationAttachment(source: AttachmentSource) {
  return useMutation({
    mutationFn: (a: { id: string; filename: string }) =>
      downloadFile(
        source.kind === 'application'
          ? api.GET('/api/v1/applications/{id}/attachments/{attachmentId}/content', {
              params: { path: { id: source.id, attachmentId: a.id } },
              parseAs: 'blob',
            })
          : api.GET('/api/v1/reviews/{id}/attachments/{attachmentId}/content', {
              params: { path: { id: source.id, attachmentId: a.id } },
              parseAs: 'blob',
            }),
        a.filename,
      ),
  });
}

/** The address a PDF or image opens at in a new tab (the session cookie authorizes it). */
export function applicationAttachmentUrl(source: AttachmentSource, attachmentId: string): string {
  const base = source.kind === 'application' ? 'applications' : 'reviews';
  return `/api/v1/${base}/${encodeURIComponent(source.id)}/attachments/${encodeURIComponent(attachmentId)}/content?inline=true`;
}

// ------------------------------------------------------------------ residents' satisfaction sample

export function useFeedbackProjects() {
  return useQuery({
    queryKey: extrasKeys.feedbackProjects,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/feedback-projects', { signal })),
  });
}

export function useAnswerFeedback() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: AnswerFeedbackBody }) =>
      unwrap(api.POST('/api/v1/contracts/{id}/feedback', { params: { path: { id } }, body })),
    onSettled: () => client.invalidateQueries({ queryKey: extrasKeys.feedbackProjects }),
  });
}

export function useContractFeedback(id: string) {
  return useQuery({
    queryKey: extrasKeys.contractFeedback(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/contracts/{id}/feedback', { params: { path: { id } }, signal })),
  });
}
