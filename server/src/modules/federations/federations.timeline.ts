import type { Locale } from '@linli/common';
import { sql } from 'kysely';
import type { TimelineEntry, TimelineSource } from '../organizations/organizations.timeline.ts';
import { MEMBER_ROLE_NAMES, type MemberRole } from './federations.schemas.ts';

/** A calendar day as the instant it began in Beijing. */
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`).toISOString();

const TEXT: Record<
  Locale,
  {
    joined: (f: string, role: string) => string;
    left: (f: string) => string;
    movedIn: (f: string) => string;
    from: (origin: string) => string;
  }
> = {
  'zh-CN': {
    joined: (f, role) => `加入${f}（${role}）`,
    left: (f) => `退出${f}`,
    movedIn: (f) => `经${f}入驻`,
    from: (origin) => `自${origin}迁入`,
  },
  'en-US': {
    joined: (f, role) => `Joined ${f} (${role})`,
    left: (f) => `Left ${f}`,
    movedIn: (f) => `Moved in through ${f}`,
    from: (origin) => `From ${origin}`,
  },
};

/** An organization's federation memberships (joined, left) and its move-in (入驻), for its timeline. */
export const federationTimeline: TimelineSource = async (db, organizationId, locale) => {
  const text = TEXT[locale];
  const [members, moveIns] = await Promise.all([
    db
      .selectFrom('federationMember as m')
      .innerJoin('federation as f', 'f.id', 'm.federationId')
      .select([
        'f.name',
        'm.role',
        sql<string>`m.joined_on::text`.as('joinedOn'),
        sql<string | null>`m.left_on::text`.as('leftOn'),
      ])
      .where('m.organizationId', '=', organizationId)
      .execute(),
    db
      .selectFrom('federationMoveIn as mi')
      .innerJoin('federation as f', 'f.id', 'mi.federationId')
      .select(['f.name', sql<string>`mi.moved_in_on::text`.as('movedInOn'), 'mi.origin', 'mi.note'])
      .where('mi.organizationId', '=', organizationId)
      .execute(),
  ]);
  const entries: TimelineEntry[] = [];
  for (const m of members) {
    entries.push({
      at: dayStart(m.joinedOn),
      kind: 'federation',
      title: text.joined(m.name, MEMBER_ROLE_NAMES[locale][m.role as MemberRole] ?? m.role),
      detail: null,
      actorName: null,
    });
    if (m.leftOn)
      entries.push({
        at: dayStart(m.leftOn),
        kind: 'federation',
        title: text.left(m.name),
        detail: null,
        actorName: null,
      });
  }
  for (const mi of moveIns)
    entries.push({
      at: dayStart(mi.movedInOn),
      kind: 'federation',
      title: text.movedIn(mi.name),
      detail: [text.from(mi.origin), mi.note].filter(Boolean).join('；'),
      actorName: null,
    });
  return entries;
};
