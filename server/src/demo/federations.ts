import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../db/schema.gen.ts';
import type { FederationKind, MemberRole } from '../modules/federations/federations.schemas.ts';
import { createRandom, type Random } from './random.ts';

/**
 * The three federations the report names (R2.3), each on its street of the 2020 tree, with members
 * and the organizations from outside the district that moved in through them. The registry's
 * `from_outside` flag is set here for exactly the organizations that moved in, so the two agree.
 */
export const DEMO_FEDERATIONS: ReadonlyArray<{
  id: string;
  name: string;
  street: string;
  kind: FederationKind;
  foundedOn: string;
  /** Organizations that moved in through it. */
  moveIns: number;
  description: string;
}> = [
  {
    id: 'fed-tongxin-property',
    name: '同心街道物业企业联合会',
    street: '220106011',
    kind: 'property_management',
    foundedOn: '2018-05-16',
    moveIns: 13,
    description: '联合辖区物业服务企业和相关社会组织，协同开展物业纠纷调解、老旧小区治理和便民服务',
  },
  {
    id: 'fed-puyang-maker',
    name: '普阳街道创客联合会',
    street: '220106006',
    kind: 'maker',
    foundedOn: '2017-09-08',
    moveIns: 8,
    description: '为创业团队和服务机构提供场地、培训和项目对接，引进域外创新型社会组织落户普阳',
  },
  {
    id: 'fed-linyuan-zbj',
    name: '林园街道猪八戒网基地',
    street: '220106010',
    kind: 'internet_platform',
    foundedOn: '2019-03-20',
    moveIns: 11,
    description: '依托猪八戒网（重庆）服务平台，引进互联网服务和社会服务机构入驻林园街道',
  },
];

/** Where the organizations came from: outside Lüyuan District. */
const ORIGINS = [
  '长春市朝阳区',
  '长春市南关区',
  '长春市宽城区',
  '长春市二道区',
  '长春市净月高新技术产业开发区',
  '吉林市船营区',
  '四平市铁西区',
  '松原市宁江区',
  '辽源市龙山区',
  '沈阳市和平区',
  '哈尔滨市南岗区',
  '重庆市渝北区',
];

const NOTES = [
  '随总部迁入，在绿园区重新登记',
  '经联合会引荐落户，场地由街道协调',
  '承接街道购买服务项目后迁入',
  null,
];

function dayAfter(rnd: Random, from: string, maxDays: number): string {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + rnd.int(1, maxDays));
  return d.toISOString().slice(0, 10);
}

const later = (a: string, b: string) => (a > b ? a : b);

export async function seedDemoFederations(
  db: Kysely<DB>,
  seed: number,
): Promise<{ federations: number; members: number; moveIns: number }> {
  const rnd = createRandom(seed ^ 0xfed);
  const orgs = await db
    .selectFrom('organization')
    .select([
      'id',
      'kind',
      'state',
      'divisionCode',
      sql<string | null>`registered_on::text`.as('registeredOn'),
    ])
    .where('state', '=', 'active')
    .orderBy('id')
    .execute();
  const members: Array<{
    id: string;
    federationId: string;
    organizationId: string;
    role: MemberRole;
    joinedOn: string;
    leftOn: string | null;
  }> = [];
  const moveIns: Array<{
    id: string;
    federationId: string;
    organizationId: string;
    movedInOn: string;
    origin: string;
    note: string | null;
  }> = [];
  const federations = DEMO_FEDERATIONS.map((f) => {
    const inStreet = orgs.filter((o) => o.divisionCode.startsWith(f.street));
    const registered = inStreet.filter((o) => o.kind !== 'community_org');
    const community = inStreet.filter((o) => o.kind === 'community_org');
    const [lead, ...rest] = registered;
    if (!lead || rest.length < f.moveIns) throw new Error(`demo: too few organizations in ${f.street}`);
    // Organizations that moved in: the street's registered organizations after the lead, every other one first.
    const order = [...rest.filter((_, i) => i % 2 === 0), ...rest.filter((_, i) => i % 2 === 1)];
    const moved = order.slice(0, f.moveIns);
    const locals = [...order.slice(f.moveIns), ...community.slice(0, 4)];
    let n = 0;
    const member = (
      organizationId: string,
      role: MemberRole,
      joinedOn: string,
      leftOn: string | null = null,
    ) => members.push({ id: `${f.id}-m${++n}`, federationId: f.id, organizationId, role, joinedOn, leftOn });
    member(lead.id, 'president', f.foundedOn);
    locals.forEach((o, i) => {
      const joinedOn = i < 2 ? f.foundedOn : dayAfter(rnd, f.foundedOn, 900);
      // One local member left again: the membership stays on record with its end date.
      const leftOn = i === locals.length - 1 ? dayAfter(rnd, joinedOn, 400) : null;
      member(o.id, i === 0 ? 'vice_president' : 'member', joinedOn, leftOn);
    });
    moved.forEach((o, i) => {
      const movedInOn = later(dayAfter(rnd, f.foundedOn, 2000), o.registeredOn ?? f.foundedOn);
      moveIns.push({
        id: `${f.id}-in${i + 1}`,
        federationId: f.id,
        organizationId: o.id,
        movedInOn,
        origin: rnd.pick(ORIGINS),
        note: rnd.pick(NOTES),
      });
      member(o.id, i === 0 ? 'vice_president' : 'member', movedInOn);
    });
    return {
      id: f.id,
      name: f.name,
      divisionCode: f.street,
      kind: f.kind,
      leadOrganizationId: lead.id,
      foundedOn: f.foundedOn,
      description: f.description,
    };
  });
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('federation').values(federations).execute();
    await trx.insertInto('federationMember').values(members).execute();
    await trx.insertInto('federationMoveIn').values(moveIns).execute();
    // The registry's flag follows the move-in records: exactly the organizations that moved in.
    await trx
      .updateTable('organization')
      .set({ fromOutside: false })
      .where('fromOutside', '=', true)
      .execute();
    await trx
      .updateTable('organization')
      .set({ fromOutside: true })
      .where(
        'id',
        'in',
        moveIns.map((m) => m.organizationId),
      )
      .execute();
  });
  return { federations: federations.length, members: members.length, moveIns: moveIns.length };
}
