import {
  CONTRACT_ACTION_NAMES,
  type ContractAction,
  formatYuan,
  interpolate,
  type Locale,
} from '@linli/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import type { TimelineEntry, TimelineSource } from '../organizations/organizations.timeline.ts';
import { CONTRACT_LIFECYCLE } from './contracts.workflow.ts';
import { APPLICATION_LIFECYCLE } from './funding.workflow.ts';

const TEXT: Record<Locale, Record<'submit' | 'withdraw' | 'award', string>> = {
  'zh-CN': {
    submit: '向“{call}”提交项目申报：{title}',
    withdraw: '撤回对“{call}”的项目申报：{title}',
    award: '项目“{title}”获立项资助 {yuan} 元（{call}）',
  },
  'en-US': {
    submit: 'Applied to “{call}”: {title}',
    withdraw: 'Withdrew the application to “{call}”: {title}',
    award: '“{title}” awarded ¥{yuan} ({call})',
  },
};

const CONTRACT_TEXT: Record<Locale, string> = {
  'zh-CN': '项目合同“{title}”（{yuan} 元）：{action}',
  'en-US': 'Contract “{title}” (¥{yuan}): {action}',
};

/**
 * An organization's applications on its timeline: each submission, withdrawal and award (issue #7),
 * then every step of its contracts: signing, start, evaluations, final acceptance, termination.
 */
export const fundingTimeline: TimelineSource = async (db: Kysely<DB>, organizationId, locale) => {
  const rows = await db
    .selectFrom('workflowHistory as h')
    .innerJoin('fundingApplication as a', 'a.id', 'h.entityId')
    .innerJoin('fundingCall as c', 'c.id', 'a.callId')
    .select([
      'h.action',
      'h.comment',
      'h.actorName',
      'h.at',
      'a.title',
      'a.awardedFen',
      'c.title as callTitle',
    ])
    .where('h.workflow', '=', APPLICATION_LIFECYCLE)
    .where('a.organizationId', '=', organizationId)
    .execute();
  const contractSteps = await db
    .selectFrom('workflowHistory as h')
    .innerJoin('contract as k', 'k.id', 'h.entityId')
    .select(['h.action', 'h.comment', 'h.actorName', 'h.at', 'k.title', 'k.amountFen'])
    .where('h.workflow', '=', CONTRACT_LIFECYCLE)
    .where('k.organizationId', '=', organizationId)
    .execute();
  const contractEntries = contractSteps.map(
    (r): TimelineEntry => ({
      at: r.at.toISOString(),
      kind: 'project',
      title: interpolate(CONTRACT_TEXT[locale], {
        title: r.title,
        action: CONTRACT_ACTION_NAMES[locale][r.action as ContractAction] ?? r.action,
        yuan: formatYuan(Number(r.amountFen)),
      }),
      detail: r.comment,
      actorName: r.actorName,
    }),
  );
  return rows
    .flatMap((r): TimelineEntry[] => {
      const template = TEXT[locale][r.action as 'submit' | 'withdraw' | 'award'];
      if (!template) return [];
      return [
        {
          at: r.at.toISOString(),
          kind: 'project',
          title: interpolate(template, {
            call: r.callTitle,
            title: r.title,
            yuan: r.awardedFen === null ? '' : formatYuan(Number(r.awardedFen)),
          }),
          detail: r.comment,
          actorName: r.actorName,
        },
      ];
    })
    .concat(contractEntries);
};
