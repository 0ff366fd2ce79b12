import type { EventState } from '@linli/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { AppError } from '../../platform/errors.ts';
import { type Caller, scopeOf } from '../../platform/scope.ts';
import type { EventCategoryService } from '../event-categories/event-categories.service.ts';
import { OPEN311_ACTOR_ROLE } from '../events/events.repository.ts';
import type { EventService } from '../events/events.service.ts';
import { gridAt } from './grid-locator.ts';
import type { Open311Client } from './open311-clients.service.ts';

/**
 * The events closed loop seen through Open311 GeoReport v2 (anchors (d)): categories are services,
 * events are service requests; a client's key reaches the events of its division.
 */

/** The platform state (and whether it was reopened or returned) as Open311 status + extended status. */
export function statusOf(event: { state: EventState; reopened: number; returnedCount?: number }): {
  status: 'open' | 'closed';
  extended: string;
} {
  switch (event.state) {
    case 'reported':
      return { status: 'open', extended: 'FOR_TRIAGE' };
    case 'filed':
      return {
        status: 'open',
        extended: (event.returnedCount ?? 0) > 0 ? 'INTERNAL_REFERRAL' : 'ACTION_SCHEDULED',
      };
    case 'dispatched':
      return { status: 'open', extended: event.reopened > 0 ? 'REOPEN' : 'ACTION_SCHEDULED' };
    case 'handled':
      return { status: 'open', extended: 'IN_PROGRESS' };
    case 'not_filed':
      return { status: 'closed', extended: 'NO_FURTHER_ACTION' };
    case 'merged':
      return { status: 'closed', extended: 'DUPLICATE' };
    default:
      return { status: 'closed', extended: 'FIXED' };
  }
}

/** The caller an outside client acts as: its own name in every record, its division as its reach. */
export function clientCaller(client: Open311Client): Caller {
  return {
    scope: scopeOf([client.divisionCode]),
    actor: { id: `open311:${client.id}`, name: `Open311：${client.name}`, role: OPEN311_ACTOR_ROLE },
    permissions: [],
    roles: [],
  };
}

export interface NewRequest {
  serviceCode: string;
  lat?: number | undefined;
  long?: number | undefined;
  addressString?: string | undefined;
  divisionCode?: string | undefined;
  description?: string | undefined;
  name?: string | undefined;
  phone?: string | undefined;
  mediaUrl?: string | undefined;
}

export class Open311Events {
  constructor(
    private readonly db: Kysely<DB>,
    readonly events: EventService,
    readonly categories: EventCategoryService,
  ) {}

  /** The grid a request lands in: its point's grid, else the attribute's grid, else the client's own grid. */
  async #grid(client: Open311Client, request: NewRequest): Promise<string> {
    if (request.lat !== undefined && request.long !== undefined) {
      const grid = await gridAt(this.db, client.divisionCode, request.long, request.lat);
      if (grid) return grid;
      throw new AppError('open311.outsideGrids');
    }
    const code = request.divisionCode ?? client.divisionCode;
    if (!code.startsWith(client.divisionCode)) throw new AppError('open311.outsideGrids');
    const division = await this.db
      .selectFrom('division')
      .select('level')
      .where('code', '=', code)
      .executeTakeFirst();
    if (division?.level !== 'grid') throw new AppError('open311.locationRequired');
    return code;
  }

  async create(client: Open311Client, request: NewRequest) {
    const category = await this.categories.find(request.serviceCode);
    if (!category?.active || !category.parentCode) throw new AppError('open311.unknownService');
    const divisionCode = await this.#grid(client, request);
    const media = request.mediaUrl ? `\n附件：${request.mediaUrl}` : '';
    const description = `${request.description?.trim() || category.name}${media}`;
    return this.events.create(clientCaller(client), {
      categoryCode: category.code,
      divisionCode,
      description: description.length >= 5 ? description : `${description}（外部上报）`,
      address: request.addressString?.trim() || null,
      longitude: request.long ?? null,
      latitude: request.lat ?? null,
      source: 'open311',
      contactName: request.name?.trim() || null,
      contactPhone: request.phone?.trim() || null,
    });
  }
}
