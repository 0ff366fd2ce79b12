import { randomUUID } from 'node:crypto';
import { APPLICATION_STATE_NAMES, type ApplicationState } from '@linli/common';
import { type Static, Type } from '@sinclair/typebox';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { cleanFilename, type FileStore } from '../../platform/files.ts';
import { type Caller, can } from '../../platform/scope.ts';
import { applicationsVisibleTo, type Db } from './funding.repository.ts';
import { reviewsVisibleTo } from './review.workflow.ts';

/**
 * Attachments of an application (issue #7 item 2: 申报书附件 — plans, budgets, certificates). The
 * organization adds and removes them while the application is a draft; whoever sees the application
 * sees them, and so does a reviewer through its own assignment (an evaluator sees no application
 * otherwise). Downloads are audited: they may carry names and figures of the people served.
 */

export const ApplicationAttachmentSchema = Type.Object(
  {
    id: Type.String(),
    filename: Type.String(),
    mime: Type.String({ description: '按文件内容识别的类型' }),
    size: Type.Integer({ description: '字节数' }),
    sha256: Type.String(),
    uploadedByName: Type.String(),
    at: Type.String({ format: 'date-time' }),
    abilities: Type.Object({ delete: Type.Boolean() }),
  },
  { $id: 'ApplicationAttachment' },
);
export type ApplicationAttachment = Static<typeof ApplicationAttachmentSchema>;

export interface AttachmentContent {
  filename: string;
  mime: string;
  bytes: Buffer;
}

function attachments(db: Db, applicationId: string) {
  return db
    .selectFrom('fundingApplicationAttachment')
    .select(['id', 'filename', 'mime', 'size', 'sha256', 'storagePath', 'uploadedByName', 'createdAt'])
    .where('applicationId', '=', applicationId);
}
type AttachmentRow = Awaited<ReturnType<ReturnType<typeof attachments>['executeTakeFirstOrThrow']>>;

const draftOnly = (state: string) =>
  new AppError('application.notEditable', {
    stateName: {
      'zh-CN': APPLICATION_STATE_NAMES['zh-CN'][state as ApplicationState],
      'en-US': APPLICATION_STATE_NAMES['en-US'][state as ApplicationState],
    },
  });

export class ApplicationAttachmentService {
  constructor(
    private readonly db: Kysely<DB>,
    readonly files: FileStore,
  ) {}

  #of(caller: Caller, state: string, r: AttachmentRow): ApplicationAttachment {
    return {
      id: r.id,
      filename: r.filename,
      mime: r.mime,
      size: r.size,
      sha256: r.sha256,
      uploadedByName: r.uploadedByName,
      at: r.createdAt.toISOString(),
      abilities: { delete: can(caller, 'application:write') && state === 'draft' },
    };
  }

  async #application(db: Db, caller: Caller, id: string, lock = false) {
    let q = applicationsVisibleTo(db, caller)
      .select(['a.id', 'a.state', 'a.divisionCode'])
      .where('a.id', '=', id);
    if (lock) q = q.modifyEnd(sql`for update of a`);
    const row = await q.executeTakeFirst();
    if (!row) throw new AppError('application.notFound', { id });
    return row;
  }

  /** The application behind a reviewer's own sheet (or, for the district, any sheet in its scope). */
  async #reviewed(caller: Caller, reviewId: string) {
    const row = await reviewsVisibleTo(this.db, caller)
      .innerJoin('fundingApplication as a', 'a.id', 'r.applicationId')
      .select(['a.id', 'a.state', 'a.divisionCode'])
      .where('r.id', '=', reviewId)
      .executeTakeFirst();
    if (!row) throw new AppError('review.notFound', { id: reviewId });
    return row;
  }

  async #list(caller: Caller, app: { id: string; state: string }): Promise<ApplicationAttachment[]> {
    const rows = await attachments(this.db, app.id).orderBy('createdAt').orderBy('id').execute();
    return rows.map((r) => this.#of(caller, app.state, r));
  }

  async list(caller: Caller, applicationId: string): Promise<ApplicationAttachment[]> {
    return this.#list(caller, await this.#application(this.db, caller, applicationId));
  }

  async listForReview(caller: Caller, reviewId: string): Promise<ApplicationAttachment[]> {
    return this.#list({ ...caller, permissions: [] }, await this.#reviewed(caller, reviewId));
  }

  /**
   * Keeps one uploaded file: the bytes are checked and written first (outside the transaction, so a
   * slow disk holds no lock), then the row under the application's lock; on refusal the file goes.
   */
  async upload(
    caller: Caller,
    applicationId: string,
    input: { filename: string },
    bytes: Buffer,
  ): Promise<ApplicationAttachment> {
    const visible = await this.#application(this.db, caller, applicationId);
    if (visible.state !== 'draft') throw draftOnly(visible.state);
    const filename = cleanFilename(input.filename, 'attachment');
    const stored = await this.files.save(bytes, filename);
    const id = randomUUID();
    try {
      await this.db.transaction().execute(async (trx) => {
        const app = await this.#application(trx, caller, applicationId, true);
        if (app.state !== 'draft') throw draftOnly(app.state);
        await trx
          .insertInto('fundingApplicationAttachment')
          .values({
            id,
            applicationId,
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
          action: 'application.attachment.upload',
          entityType: 'funding_application',
          entityId: applicationId,
          divisionCode: app.divisionCode,
          after: { attachmentId: id, filename, size: stored.size, sha256: stored.sha256 },
        });
      });
    } catch (error) {
      await this.files.remove(stored.storagePath);
      throw error;
    }
    const saved = await attachments(this.db, applicationId).where('id', '=', id).executeTakeFirstOrThrow();
    return this.#of(caller, 'draft', saved);
  }

  async #content(
    caller: Caller,
    app: { id: string; divisionCode: string },
    attachmentId: string,
    via: string,
  ): Promise<AttachmentContent> {
    const attachment = await attachments(this.db, app.id).where('id', '=', attachmentId).executeTakeFirst();
    if (!attachment) throw new AppError('attachment.notFound');
    const bytes = await this.files.read(attachment.storagePath);
    await this.db.transaction().execute((trx) =>
      appendAudit(trx, caller.actor, {
        action: 'application.attachment.download',
        entityType: 'funding_application',
        entityId: app.id,
        divisionCode: app.divisionCode,
        after: { attachmentId, filename: attachment.filename, via },
      }),
    );
    return { filename: attachment.filename, mime: attachment.mime, bytes };
  }

  async content(caller: Caller, applicationId: string, attachmentId: string): Promise<AttachmentContent> {
    const app = await this.#application(this.db, caller, applicationId);
    return this.#content(caller, app, attachmentId, 'application');
  }

  async contentForReview(caller: Caller, reviewId: string, attachmentId: string): Promise<AttachmentContent> {
    const app = await this.#reviewed(caller, reviewId);
    return this.#content(caller, app, attachmentId, `review:${reviewId}`);
  }

  async remove(caller: Caller, applicationId: string, attachmentId: string): Promise<void> {
    const storagePath = await this.db.transaction().execute(async (trx) => {
      const app = await this.#application(trx, caller, applicationId, true);
      const attachment = await attachments(trx, applicationId)
        .where('id', '=', attachmentId)
        .executeTakeFirst();
      if (!attachment) throw new AppError('attachment.notFound');
      if (app.state !== 'draft') throw draftOnly(app.state);
      await trx.deleteFrom('fundingApplicationAttachment').where('id', '=', attachmentId).execute();
      await appendAudit(trx, caller.actor, {
        action: 'application.attachment.delete',
        entityType: 'funding_application',
        entityId: applicationId,
        divisionCode: app.divisionCode,
        before: { attachmentId, filename: attachment.filename, sha256: attachment.sha256 },
      });
      return attachment.storagePath;
    });
    // The row is gone for good once committed; only then the bytes.
    await this.files.remove(storagePath);
  }
}
