import { randomUUID } from 'node:crypto';
import {
  EVALUATION_KINDS,
  type EvaluationKind,
  FEEDBACK_ANSWERS,
  type FeedbackAnswer,
  FOCUS_AREAS,
  type FocusArea,
} from '@linli/common';
import { type Static, Type } from '@sinclair/typebox';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit } from '../../platform/audit.ts';
import { AppError, isUniqueViolation } from '../../platform/errors.ts';
import { literalUnion, Nullable } from '../../platform/http-schemas.ts';
import type { Caller } from '../../platform/scope.ts';
import { contractsVisibleTo } from './contracts.repository.ts';
import { coversScope, type Db } from './funding.repository.ts';

/**
 * Residents' satisfaction sample (issue #7 item 8): while a project waits for an evaluation (the
 * mid-term one, its re-evaluation after a failed one, or the final one), residents of its division
 * answer 满意 / 基本满意 / 不满意 with a comment, once per evaluation round. The assigned
 * evaluator sees the tally on its evaluation form and may take it as the sample (asked, satisfied =
 * 满意 + 基本满意, the usual reading of 满意率 in government surveys).
 */

const Kind = literalUnion(EVALUATION_KINDS);
const Answer = literalUnion(FEEDBACK_ANSWERS);
const DateTime = Type.String({ format: 'date-time' });

export const FeedbackProjectSchema = Type.Object(
  {
    contractId: Type.String(),
    title: Type.String(),
    organizationName: Type.String(),
    focusArea: Nullable(literalUnion(FOCUS_AREAS)),
    startsOn: Type.String({ format: 'date' }),
    endsOn: Type.String({ format: 'date' }),
    kind: Kind,
    round: Type.Integer({ description: '第几次评估（整改后复评为 2、3 …）' }),
    myAnswer: Nullable(Type.Object({ answer: Answer, comment: Nullable(Type.String()), at: DateTime })),
  },
  { $id: 'FeedbackProject' },
);

const Tally = {
  satisfied: Type.Integer(),
  basically: Type.Integer(),
  dissatisfied: Type.Integer(),
  total: Type.Integer(),
};
export const ContractFeedbackSchema = Type.Object(
  {
    open: Nullable(
      Type.Object({
        kind: Kind,
        round: Type.Integer(),
        ...Tally,
        sampleAsked: Type.Integer({ description: '可作调查人数：本轮全部回答' }),
        sampleSatisfied: Type.Integer({ description: '可作满意人数：满意 + 基本满意' }),
      }),
    ),
    rounds: Type.Array(Type.Object({ kind: Kind, round: Type.Integer(), ...Tally })),
    comments: Type.Array(
      Type.Object({
        kind: Kind,
        round: Type.Integer(),
        answer: Answer,
        comment: Type.String(),
        at: DateTime,
      }),
      { description: '最近 50 条意见（不含姓名）' },
    ),
  },
  { $id: 'ContractFeedback' },
);

export const AnswerFeedbackBody = Type.Object(
  { answer: Answer, comment: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) },
  { additionalProperties: false },
);

export type FeedbackProject = Static<typeof FeedbackProjectSchema>;
export type ContractFeedback = Static<typeof ContractFeedbackSchema>;
export type AnswerFeedbackInput = Static<typeof AnswerFeedbackBody>;

/** The contract waits for an evaluation: mid-term (first, or again after a failed one) or final. */
const OPEN = sql<boolean>`(k.state in ('suspended', 'final_review') or (k.state = 'in_progress' and not exists (select 1 from contract_evaluation e where e.contract_id = k.id and e.kind = 'mid' and e.result = 'pass')))`;
const KIND = sql<EvaluationKind>`case when k.state = 'final_review' then 'final' else 'mid' end`;
const ROUND = sql<number>`(select count(*)::int from contract_evaluation e where e.contract_id = k.id and e.kind = case when k.state = 'final_review' then 'final' else 'mid' end) + 1`;

/** Projects open for the caller's answer: under evaluation, kept at or above the caller's division. */
function openProjects(db: Db, caller: Caller) {
  return db
    .selectFrom('contract as k')
    .innerJoin('organization as o', 'o.id', 'k.organizationId')
    .select([
      'k.id as contractId',
      'k.title',
      'o.name as organizationName',
      'k.focusArea',
      sql<string>`k.starts_on::text`.as('startsOn'),
      sql<string>`k.ends_on::text`.as('endsOn'),
      'k.divisionCode',
      KIND.as('kind'),
      ROUND.as('round'),
    ])
    .where(coversScope('k.division_code', caller))
    .where(OPEN);
}

export class ContractFeedbackService {
  constructor(private readonly db: Kysely<DB>) {}

  /** 我的社区项目: the projects in the resident's community waiting for an evaluation, with the resident's answer. */
  async projects(caller: Caller): Promise<FeedbackProject[]> {
    const rows = await openProjects(this.db, caller).orderBy('k.endsOn').orderBy('k.id').limit(100).execute();
    if (rows.length === 0) return [];
    const answers = await this.db
      .selectFrom('contractFeedback')
      .select(['contractId', 'kind', 'round', 'answer', 'comment', 'at'])
      .where('residentAccountId', '=', caller.actor.id)
      .where(
        'contractId',
        'in',
        rows.map((r) => r.contractId),
      )
      .execute();
    const mine = new Map(answers.map((a) => [`${a.contractId}/${a.kind}/${a.round}`, a]));
    return rows.map((r) => {
      const a = mine.get(`${r.contractId}/${r.kind}/${Number(r.round)}`);
      return {
        contractId: r.contractId,
        title: r.title,
        organizationName: r.organizationName,
        focusArea: r.focusArea as FocusArea | null,
        startsOn: r.startsOn,
        endsOn: r.endsOn,
        kind: r.kind,
        round: Number(r.round),
        myAnswer: a
          ? { answer: a.answer as FeedbackAnswer, comment: a.comment, at: a.at.toISOString() }
          : null,
      };
    });
  }

  /** One answer per resident per contract per evaluation round; a second one is 409. */
  async answer(caller: Caller, contractId: string, input: AnswerFeedbackInput): Promise<FeedbackProject> {
    const home = caller.scope.kind === 'prefixes' ? caller.scope.prefixes[0] : undefined;
    try {
      await this.db.transaction().execute(async (trx) => {
        const seen = await trx
          .selectFrom('contract as k')
          .select('k.id')
          .where('k.id', '=', contractId)
          .where(coversScope('k.division_code', caller))
          .executeTakeFirst();
        if (!seen) throw new AppError('contract.notFound', { id: contractId });
        // The contract's row lock orders the answer against an evaluation closing the round.
        const open = await openProjects(trx, caller)
          .where('k.id', '=', contractId)
          .modifyEnd(sql`for update of k`)
          .executeTakeFirst();
        if (!open) throw new AppError('contract.feedbackClosed');
        const values = {
          id: randomUUID(),
          contractId,
          kind: open.kind,
          round: Number(open.round),
          residentAccountId: caller.actor.id,
          answer: input.answer,
          comment: input.comment?.trim() || null,
          divisionCode: home ?? open.divisionCode,
        };
        await trx.insertInto('contractFeedback').values(values).execute();
        await appendAudit(trx, caller.actor, {
          action: 'contract.feedback',
          entityType: 'contract',
          entityId: contractId,
          divisionCode: open.divisionCode,
          after: { kind: values.kind, round: values.round, answer: values.answer, comment: values.comment },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('contract.feedbackExists');
      throw error;
    }
    const project = (await this.projects(caller)).find((p) => p.contractId === contractId);
    if (!project) throw new AppError('contract.notFound', { id: contractId });
    return project;
  }

  /** The tally of every round, the open round's suggested sample, and the latest comments (no names). */
  async tally(caller: Caller, contractId: string): Promise<ContractFeedback> {
    const contract = await contractsVisibleTo(this.db, caller)
      .select(['k.id', OPEN.as('open'), KIND.as('kind'), ROUND.as('round')])
      .where('k.id', '=', contractId)
      .executeTakeFirst();
    if (!contract) throw new AppError('contract.notFound', { id: contractId });
    const [counts, comments] = await Promise.all([
      this.db
        .selectFrom('contractFeedback')
        .select([
          'kind',
          'round',
          sql<number>`count(*) filter (where answer = 'satisfied')::int`.as('satisfied'),
          sql<number>`count(*) filter (where answer = 'basically')::int`.as('basically'),
          sql<number>`count(*) filter (where answer = 'dissatisfied')::int`.as('dissatisfied'),
          sql<number>`count(*)::int`.as('total'),
        ])
        .where('contractId', '=', contractId)
        .groupBy(['kind', 'round'])
        .orderBy(sql`case kind when 'mid' then 0 else 1 end`)
        .orderBy('round')
        .execute(),
      this.db
        .selectFrom('contractFeedback')
        .select(['kind', 'round', 'answer', 'comment', 'at'])
        .where('contractId', '=', contractId)
        .where('comment', 'is not', null)
        .orderBy('at', 'desc')
        .orderBy('id')
        .limit(50)
        .execute(),
    ]);
    const rounds = counts.map((c) => ({
      kind: c.kind as EvaluationKind,
      round: c.round,
      satisfied: Number(c.satisfied),
      basically: Number(c.basically),
      dissatisfied: Number(c.dissatisfied),
      total: Number(c.total),
    }));
    let open: ContractFeedback['open'] = null;
    if (contract.open) {
      const kind = contract.kind;
      const round = Number(contract.round);
      const t = rounds.find((r) => r.kind === kind && r.round === round) ?? {
        kind,
        round,
        satisfied: 0,
        basically: 0,
        dissatisfied: 0,
        total: 0,
      };
      open = { ...t, sampleAsked: t.total, sampleSatisfied: t.satisfied + t.basically };
    }
    return {
      open,
      rounds,
      comments: comments.map((c) => ({
        kind: c.kind as EvaluationKind,
        round: c.round,
        answer: c.answer as FeedbackAnswer,
        comment: c.comment ?? '',
        at: c.at.toISOString(),
      })),
    };
  }
}
