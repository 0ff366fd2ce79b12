import { randomUUID } from 'node:crypto';
import { ATTACHMENT_PURPOSES, type AttachmentPurpose } from '@linli/common';
import { type Static, Type } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { cleanFilename, type FileStore } from '../../platform/files.ts';
import { literalUnion } from '../../platform/http-schemas.ts';
import type { Caller } from '../../platform/scope.ts';
import { canEdit } from './organizations.policy.ts';
import * as repo from './organizations.repository.ts';

/**
 * Documents of an organization's record (issue #4 item 3): the filing materials a street checks
 * (章程, 成员名单, 负责人信息 — listed in common as FILING_REQUIRED_ATTACHMENTS) and others. Who may
 * see an attachment is who may see the organization (its one visibility rule); who may add or
 * remove one is who may edit the record. Downloads are audited: members lists name people.
 */

export const AttachmentSchema = Type.Object(
  {
    id: Type.String(),
    purpose: literalUnion(ATTACHMENT_PURPOSES),
    filename: Type.String(),
    mime: Type.String({ description: '按文件内容识别的类型' }),
    size: Type.Integer({ description: '字节数' }),
    sha256: Type.String(),
    uploadedByName: Type.String(),
    at: Type.String({ format: 'date-time' }),
  },
  { $id: 'OrganizationAttachment' },
);

export const AttachmentParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  attachmentId: Type.String({ minLength: 1, maxLength: 64 }),
});

export const UploadQuery = Type.Object({
  purpose: literalUnion(ATTACHMENT_PURPOSES),
  filename: Type.String({ minLength: 1, maxLength: 255, description: '原文件名（显示和下载用）' }),
});

export const DownloadQuery = Type.Object({
  inline: Type.Optional(Type.Boolean({ description: 'PDF 和图片在浏览器中直接打开' })),
});

export type Attachment = Static<typeof AttachmentSchema>;

export interface AttachmentContent {
  filename: string;
  mime: string;
  bytes: Buffer;
}

type AttachmentRow = {
  id: string;
  purpose: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  storagePath: string;
  uploadedByName: string;
  createdAt: Date;
};

const asAttachment = (r: AttachmentRow): Attachment => ({
  id: r.id,
  purpose: r.purpose as AttachmentPurpose,
  filename: r.filename,
  mime: r.mime,
  size: r.size,
  sha256: r.sha256,
  uploadedByName: r.uploadedByName,
  at: r.createdAt.toISOString(),
});

function attachments(db: repo.Db, organizationId: string) {
  return db
    .selectFrom('organizationAttachment')
    .select([
      'id',
      'purpose',
      'filename',
      'mime',
      'size',
      'sha256',
      'storagePath',
      'uploadedByName',
      'createdAt',
    ])
    .where('organizationId', '=', organizationId);
}

export class OrganizationAttachmentService {
  constructor(
    private readonly db: Kysely<DB>,
    readonly files: FileStore,
  ) {}

  async #visible(db: repo.Db, caller: Caller, id: string): Promise<repo.OrganizationRow> {
    const row = await repo.findRow(db, caller, id);
    if (!row) throw new AppError('organization.notFound', { id });
    return row;
  }

  async list(caller: Caller, organizationId: string): Promise<Attachment[]> {
    await this.#visible(this.db, caller, organizationId);
    const rows = await attachments(this.db, organizationId).orderBy('createdAt').orderBy('id').execute();
    return rows.map(asAttachment);
  }

  /**
   * Keeps one uploaded file. The bytes are checked and written first (outside the transaction, so
   * a slow disk holds no lock); if the record cannot take them the file is removed again.
   */
  async upload(
    caller: Caller,
    organizationId: string,
    input: { purpose: AttachmentPurpose; filename: string },
    bytes: Buffer,
  ): Promise<Attachment> {
    const row = await this.#visible(this.db, caller, organizationId);
    if (!canEdit(caller, row)) throw new AppError('auth.forbidden');
    const filename = cleanFilename(input.filename, 'attachment');
    const stored = await this.files.save(bytes, filename);
    const id = randomUUID();
    try {
      await this.db.transaction().execute(async (trx) => {
        const locked = await repo.lockRow(trx, caller, organizationId);
        if (!locked) throw new AppError('organization.notFound', { id: organizationId });
        if (!canEdit(caller, locked)) throw new AppError('auth.forbidden');
        await trx
          .insertInto('organizationAttachment')
          .values({
            id,
            organizationId,
            purpose: input.purpose,
            filename,
            mime: stored.mime,
            size: stored.size,
            sha256: stored.sha256,
            storagePath: stored.storagePath,
            uploadedBy: caller.actor.id,
            uploadedByName: caller.actor.name,
          })
          .execute();
        await appendAudit(trx, caller.actor, {
          action: 'organization.attachment.upload',
          entityType: 'organization',
          entityId: organizationId,
          divisionCode: locked.divisionCode,
          after: {
            attachmentId: id,
            purpose: input.purpose,
            filename,
            size: stored.size,
            sha256: stored.sha256,
          },
        });
      });
    } catch (error) {
      await this.files.remove(stored.storagePath);
      throw error;
    }
    const saved = await attachments(this.db, organizationId).where('id', '=', id).executeTakeFirstOrThrow();
    return asAttachment(saved);
  }

  async content(caller: Caller, organizationId: string, attachmentId: string): Promise<AttachmentContent> {
    const row = await this.#visible(this.db, caller, organizationId);
    const attachment = await attachments(this.db, organizationId)
      .where('id', '=', attachmentId)
      .executeTakeFirst();
    if (!attachment) throw new AppError('attachment.notFound');
    const bytes = await this.files.read(attachment.storagePath);
    await this.db.transaction().execute((trx) =>
      appendAudit(trx, caller.actor, {
        action: 'organization.attachment.download',
        entityType: 'organization',
        entityId: organizationId,
        divisionCode: row.divisionCode,
        after: { attachmentId, purpose: attachment.purpose, filename: attachment.filename },
      }),
    );
    return { filename: attachment.filename, mime: attachment.mime, bytes };
  }

  async remove(caller: Caller, organizationId: string, attachmentId: string): Promise<void> {
    const storagePath = await this.db.transaction().execute(async (trx) => {
      const locked = await repo.lockRow(trx, caller, organizationId);
      if (!locked) throw new AppError('organization.notFound', { id: organizationId });
      const attachment = await attachments(trx, organizationId)
        .where('id', '=', attachmentId)
        .executeTakeFirst();
      if (!attachment) throw new AppError('attachment.notFound');
      if (!canEdit(caller, locked)) throw new AppError('auth.forbidden');
      await trx.deleteFrom('organizationAttachment').where('id', '=', attachmentId).execute();
      await appendAudit(trx, caller.actor, {
        action: 'organization.attachment.delete',
        entityType: 'organization',
        entityId: organizationId,
        divisionCode: locked.divisionCode,
        before: { attachmentId, purpose: attachment.purpose, filename: attachment.filename },
      });
      return attachment.storagePath;
    });
    // The row is gone for good once committed; only then the bytes.
    await this.files.remove(storagePath);
  }
}
