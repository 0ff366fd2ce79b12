import { randomUUID } from 'node:crypto';
import type { EventPhotoStage } from '@linli/common';
import type { Kysely, Transaction } from 'kysely';
import sharp, { type OutputInfo } from 'sharp';
import type { DB } from '../../db/schema.gen.ts';
import { AppError } from '../../platform/errors.ts';
import { type FileStore, formatBytes } from '../../platform/files.ts';
import type { Caller } from '../../platform/scope.ts';
import { eventsVisibleTo } from './events.repository.ts';
import type { EventDetail, PhotoUpload } from './events.schemas.ts';

/** The longest side of a stored photo, and its JPEG quality: sharp enough to judge a pothole, small on a phone network. */
const MAX_SIDE = 1600;
const QUALITY = 80;
/** What a phone camera sends at most; the stored copy is much smaller. */
export const PHOTO_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

export const photoUrl = (id: string) => `/api/v1/events/photos/${id}`;

/**
 * Photos of events (report, handling, verification). They are compressed on the server as they
 * arrive — turned upright by their EXIF orientation, scaled to 1600 px, re-encoded as JPEG — and
 * only the compressed copy is kept: the original (with its EXIF location and device data) never
 * reaches the disk. A photo is loose until the report or step that uses it is saved.
 */
export class EventPhotoService {
  constructor(
    private readonly db: Kysely<DB>,
    readonly files: FileStore,
  ) {}

  async upload(caller: Caller, original: Buffer): Promise<PhotoUpload> {
    if (original.length === 0) throw new AppError('attachment.empty');
    if (original.length > PHOTO_UPLOAD_MAX_BYTES)
      throw new AppError('attachment.tooLarge', { limit: formatBytes(PHOTO_UPLOAD_MAX_BYTES) });
    let compressed: { data: Buffer; info: OutputInfo };
    try {
      compressed = await sharp(original, { failOn: 'error', limitInputPixels: 100_000_000 })
        .rotate()
        .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: QUALITY, mozjpeg: true })
        .toBuffer({ resolveWithObject: true });
    } catch {
      throw new AppError('event.photoType');
    }
    const stored = await this.files.save(compressed.data, 'photo.jpg');
    const id = randomUUID();
    await this.db
      .insertInto('gridEventPhoto')
      .values({
        id,
        mime: stored.mime,
        size: stored.size,
        width: compressed.info.width,
        height: compressed.info.height,
        sha256: stored.sha256,
        storagePath: stored.storagePath,
        uploadedBy: caller.actor.id,
        uploadedByName: caller.actor.name,
      })
      .execute();
    return {
      id,
      url: photoUrl(id),
      width: compressed.info.width,
      height: compressed.info.height,
      size: stored.size,
    };
  }

  /**
   * Ties the caller's loose photos to an event's stage, in the step's transaction. A photo that is
   * not the caller's, or already used, is refused: nobody attaches another user's upload.
   */
  async attach(
    trx: Transaction<DB>,
    caller: Caller,
    eventId: string,
    stage: EventPhotoStage,
    ids: readonly string[],
  ): Promise<void> {
    const result = await trx
      .updateTable('gridEventPhoto')
      .set({ eventId, stage })
      .where('id', 'in', [...ids])
      .where('uploadedBy', '=', caller.actor.id)
      .where('eventId', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== ids.length) throw new AppError('event.photoInvalid');
  }

  async ofEvent(db: Kysely<DB>, eventId: string): Promise<EventDetail['photos']> {
    const rows = await db
      .selectFrom('gridEventPhoto')
      .select(['id', 'stage', 'width', 'height', 'uploadedByName', 'createdAt'])
      .where('eventId', '=', eventId)
      .orderBy('createdAt')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      url: photoUrl(r.id),
      stage: r.stage as EventPhotoStage,
      width: r.width,
      height: r.height,
      uploadedByName: r.uploadedByName,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  /** The bytes of a photo the caller may see: one of a visible event, or the caller's own loose upload. */
  async read(caller: Caller, id: string): Promise<{ bytes: Buffer; mime: string }> {
    const photo = await this.db
      .selectFrom('gridEventPhoto')
      .select(['eventId', 'uploadedBy', 'storagePath', 'mime'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!photo) throw new AppError('event.photoNotFound');
    const visible =
      photo.eventId === null
        ? photo.uploadedBy === caller.actor.id
        : (await eventsVisibleTo(this.db, caller)
            .select('e.id')
            .where('e.id', '=', photo.eventId)
            .executeTakeFirst()) !== undefined;
    if (!visible) throw new AppError('event.photoNotFound');
    return { bytes: await this.files.read(photo.storagePath), mime: photo.mime };
  }
}
