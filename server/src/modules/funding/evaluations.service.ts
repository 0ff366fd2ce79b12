import { randomUUID } from 'node:crypto';
import { CONTRACT_STATE_NAMES, type ContractAction, type ContractState, type Locale } from '@linli/common';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { cleanFilename, type FileStore } from '../../platform/files.ts';
import { notify } from '../../platform/notifications.ts';
import type { Caller } from '../../platform/scope.ts';
import { transition } from '../../platform/workflow.ts';
import { contractsVisibleTo } from './contracts.repository.ts';
import type {
  ContractDetail,
  ContractPhoto,
  EvaluationInput,
  RectificationReportInput,
} from './contracts.schemas.ts';
import type { ContractService } from './contracts.service.ts';
import { contractLifecycle } from './contracts.workflow.ts';

const PHOTO_TYPES = new Set(['png', 'jpeg']);

/**
 * In-process and post evaluations (事中评价, 事后评估, issue #7 item 5) by the evaluator assigned to
 * the contract: an indicator sheet, the site visit with photos, the residents' satisfaction sample,
 * findings and the result. Each outcome is a step of the contract's lifecycle (a failed mid-term
 * suspends payments, a passed one pays its tranche, a passed final closes the project); a failed one
 * carries rectification requests, which the organization reports done before the next evaluation.
 */
export class EvaluationService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly contracts: ContractService,
    readonly files: FileStore,
  ) {}

  async #contract(trx: Kysely<DB> | Transaction<DB>, caller: Caller, id: string) {
    const row = await contractsVisibleTo(trx, caller)
      .select(['k.id', 'k.state', 'k.version', 'k.divisionCode', 'k.evaluatorAccountId'])
      .where('k.id', '=', id)
      .executeTakeFirst();
    if (!row) throw new AppError('contract.notFound', { id });
    return row;
  }

  #checkAssigned(caller: Caller, contract: { evaluatorAccountId: string }) {
    if (contract.evaluatorAccountId !== caller.actor.id) throw new AppError('contract.notEvaluator');
  }

  async submit(caller: Caller, id: string, input: EvaluationInput, locale?: Locale): Promise<ContractDetail> {
    for (const i of input.indicators)
      if (i.score > i.maxScore)
        throw new AppError('contract.invalidScore', { name: i.name, max: i.maxScore });
    if (input.sampleSatisfied > input.sampleAsked) throw new AppError('contract.invalidSample');
    const rectifications = input.result === 'fail' ? (input.rectifications ?? []) : [];
    if (input.result === 'fail' && rectifications.length === 0)
      throw new AppError('contract.rectificationsRequired');
    const action = `${input.result}_${input.kind}` as ContractAction;
    await this.db.transaction().execute(async (trx) => {
      const contract = await this.#contract(trx, caller, id);
      this.#checkAssigned(caller, contract);
      // The step first: it locks the contract and checks version, state and the guards (mid-term
      // not passed yet, rectifications reported) against what was there before this evaluation.
      await transition(trx, contractLifecycle, caller, {
        id,
        action,
        version: input.version,
        data: { kind: input.kind, result: input.result },
      });
      const previous = await trx
        .selectFrom('contractEvaluation')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('contractId', '=', id)
        .where('kind', '=', input.kind)
        .executeTakeFirstOrThrow();
      const evaluationId = randomUUID();
      const values = {
        id: evaluationId,
        contractId: id,
        kind: input.kind,
        round: Number(previous.n) + 1,
        evaluatorId: caller.actor.id,
        evaluatorName: caller.actor.name,
        indicators: JSON.stringify(input.indicators),
        score: input.indicators.reduce((s, i) => s + i.score, 0),
        maxScore: input.indicators.reduce((s, i) => s + i.maxScore, 0),
        visitedOn: input.visitedOn,
        visitPlace: input.visitPlace.trim(),
        visitNotes: input.visitNotes.trim(),
        sampleAsked: input.sampleAsked,
        sampleSatisfied: input.sampleSatisfied,
        findings: input.findings.trim(),
        result: input.result,
      };
      await trx.insertInto('contractEvaluation').values(values).execute();
      if (rectifications.length > 0)
        await trx
          .insertInto('contractRectification')
          .values(
            rectifications.map((r) => ({
              id: randomUUID(),
              contractId: id,
              evaluationId,
              item: r.item.trim(),
              dueOn: r.dueOn,
            })),
          )
          .execute();
      const photoIds = input.photoIds ?? [];
      if (photoIds.length > 0) {
        const linked = await trx
          .updateTable('contractPhoto')
          .set({ evaluationId })
          .where('contractId', '=', id)
          .where('evaluationId', 'is', null)
          .where('id', 'in', photoIds)
          .returning('id')
          .execute();
        if (linked.length !== photoIds.length) throw new AppError('contract.photoNotFound');
      }
      await appendAudit(trx, caller.actor, {
        action: 'contract.evaluate',
        entityType: 'contract',
        entityId: id,
        divisionCode: contract.divisionCode,
        after: {
          ...values,
          indicators: input.indicators,
          rectifications,
          photoIds,
        },
      });
      await this.contracts.afterStep(trx, caller, id, action);
    });
    return this.contracts.detail(caller, id, locale);
  }

  /** A site-visit photo (PNG or JPEG, told by its bytes), attached to the next evaluation submitted. */
  async uploadPhoto(caller: Caller, id: string, filename: string, bytes: Buffer): Promise<ContractPhoto> {
    const contract = await this.#contract(this.db, caller, id);
    this.#checkAssigned(caller, contract);
    const name = cleanFilename(filename, 'photo');
    const sniffed = this.files.check(bytes, name);
    if (!PHOTO_TYPES.has(sniffed.type)) throw new AppError('attachment.unsupportedType', { filename: name });
    const stored = await this.files.save(bytes, name);
    const photo = {
      id: randomUUID(),
      contractId: id,
      filename: name,
      mime: stored.mime,
      size: stored.size,
      sha256: stored.sha256,
      storagePath: stored.storagePath,
      uploadedBy: caller.actor.id,
      uploadedByName: caller.actor.name,
    };
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto('contractPhoto').values(photo).execute();
        await appendAudit(trx, caller.actor, {
          action: 'contract.photo',
          entityType: 'contract',
          entityId: id,
          divisionCode: contract.divisionCode,
          after: { photoId: photo.id, filename: name, size: stored.size, sha256: stored.sha256 },
        });
      });
    } catch (error) {
      await this.files.remove(stored.storagePath);
      throw error;
    }
    return {
      id: photo.id,
      evaluationId: null,
      filename: name,
      mime: stored.mime,
      size: stored.size,
      uploadedByName: caller.actor.name,
      at: new Date().toISOString(),
    };
  }

  async photo(
    caller: Caller,
    id: string,
    photoId: string,
  ): Promise<{ filename: string; mime: string; bytes: Buffer }> {
    await this.#contract(this.db, caller, id);
    const row = await this.db
      .selectFrom('contractPhoto')
      .select(['filename', 'mime', 'storagePath'])
      .where('id', '=', photoId)
      .where('contractId', '=', id)
      .executeTakeFirst();
    if (!row) throw new AppError('attachment.notFound');
    return { filename: row.filename, mime: row.mime, bytes: await this.files.read(row.storagePath) };
  }

  /** The organization reports one rectification request done (the contract's version guards it). */
  async reportRectification(
    caller: Caller,
    id: string,
    rectificationId: string,
    input: RectificationReportInput,
    locale?: Locale,
  ): Promise<ContractDetail> {
    await this.db.transaction().execute(async (trx) => {
      const contract = await contractsVisibleTo(trx, caller)
        .select(['k.id', 'k.state', 'k.version', 'k.divisionCode', 'k.title', 'k.evaluatorAccountId'])
        .where('k.id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!contract) throw new AppError('contract.notFound', { id });
      if (contract.version !== input.version) throw new AppError('conflict.version', { id });
      // Rectification belongs to a failed evaluation awaiting the next one (payments suspended, or final review).
      if (contract.state !== 'suspended' && contract.state !== 'final_review')
        throw new AppError('contract.notRectifying', {
          stateName: {
            'zh-CN': CONTRACT_STATE_NAMES['zh-CN'][contract.state as ContractState],
            'en-US': CONTRACT_STATE_NAMES['en-US'][contract.state as ContractState],
          },
        });
      const done = await trx
        .updateTable('contractRectification')
        .set({ report: input.report.trim(), reportedAt: new Date(), reportedByName: caller.actor.name })
        .where('id', '=', rectificationId)
        .where('contractId', '=', id)
        .where('reportedAt', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!done) {
        const exists = await trx
          .selectFrom('contractRectification')
          .select('id')
          .where('id', '=', rectificationId)
          .where('contractId', '=', id)
          .executeTakeFirst();
        throw new AppError(exists ? 'contract.rectificationReported' : 'contract.rectificationNotFound');
      }
      await trx
        .updateTable('contract')
        .set({ version: contract.version + 1, updatedAt: new Date() })
        .where('id', '=', id)
        .execute();
      await notify(
        trx,
        { accountIds: [contract.evaluatorAccountId] },
        {
          kind: 'contract.rectified',
          title: {
            'zh-CN': `整改已报告完成：${contract.title}`,
            'en-US': `Rectification reported done: ${contract.title}`,
          },
          body: { 'zh-CN': input.report.trim(), 'en-US': input.report.trim() },
          link: `/contracts/${id}`,
          entityType: 'contract',
          entityId: id,
          divisionCode: contract.divisionCode,
        },
      );
      await appendAudit(trx, caller.actor, {
        action: 'contract.rectified',
        entityType: 'contract',
        entityId: id,
        divisionCode: contract.divisionCode,
        after: { rectificationId, report: input.report.trim() },
      });
    });
    return this.contracts.detail(caller, id, locale);
  }
}
