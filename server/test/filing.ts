import { FILING_REQUIRED_ATTACHMENTS } from '@linli/common';
import type { FastifyInstance } from 'fastify';
import type { AuthHeaders } from './app.ts';

/** A minimal PDF: what the file store accepts as a filing material. */
export const TEST_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n');

/**
 * Uploads the materials a community organization's filing needs (章程, 成员名单, 负责人信息), so a
 * street may approve it (the approveFiling guard refuses an incomplete filing).
 */
export async function fileMaterials(app: FastifyInstance, headers: AuthHeaders, organizationId: string) {
  for (const purpose of FILING_REQUIRED_ATTACHMENTS) {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/organizations/${organizationId}/attachments?purpose=${purpose}&filename=${purpose}.pdf`,
      headers: { ...headers, 'content-type': 'application/octet-stream' },
      payload: TEST_PDF,
    });
    if (res.statusCode !== 201)
      throw new Error(`upload of ${purpose} answered ${res.statusCode}: ${res.body}`);
  }
}
