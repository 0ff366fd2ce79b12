import { EVENT_STATES, type EventState } from '@linli/common';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { AppError, localeOf, problemOf } from '../../platform/errors.ts';
import { beijingDate } from '../../platform/working-days.ts';
import { eventsVisibleTo } from '../events/events.repository.ts';
import type { EventListItem } from '../events/events.schemas.ts';
import { EVENT_WORKFLOW } from '../events/events.workflow.ts';
import { type Format, send, sendErrors, splitFormat, w3c } from './georeport-format.ts';
import type { Open311Client, Open311ClientService } from './open311-clients.service.ts';
import { clientCaller, type Open311Events, statusOf } from './open311-events.ts';

/**
 * Open311 GeoReport v2 at `/open311/v2` (issue #5 item 8; anchors (d)): discovery and services are
 * open to all; requests, tokens and updates need the client's `api_key` — residents' reports are
 * not public data here, unlike some FixMyStreet deployments. Service requests are created
 * `realtime`: the id comes back at once, so a token resolves to that same id.
 */

const DAY_MS = 86_400_000;
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;

type Query = Record<string, string | string[] | undefined>;

function one(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined || v === '' ? undefined : v;
}

/** `attribute[division_code]=…` (form or query) as a map of codes to values. */
function attributes(body: Query): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    const match = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
    const v = one(value);
    if (match?.[1] && v !== undefined) out[match[1]] = v;
  }
  return out;
}

function number(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Open311Error(400, `${field} must be a number`);
  return n;
}

class Open311Error extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Form bodies keep repeated keys (`attribute[x][]=a&attribute[x][]=b`) as arrays. */
function parseForm(text: string): Query {
  const out: Query = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const prev = out[key];
    out[key] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
  }
  return out;
}

function requestOf(event: EventListItem & { returnedCount?: number }) {
  const { status, extended } = statusOf(event);
  return {
    service_request_id: event.id,
    status,
    status_notes: null,
    service_name: event.categoryName,
    service_code: event.categoryCode,
    description: event.description,
    agency_responsible: event.leadDepartment,
    service_notice: null,
    requested_datetime: w3c(new Date(event.reportedAt)),
    updated_datetime: w3c(new Date(event.updatedAt)),
    expected_datetime: w3c(event.dueAt ? new Date(event.dueAt) : null),
    address: event.address,
    address_id: null,
    zipcode: null,
    lat: event.latitude,
    long: event.longitude,
    media_url: null,
    extended_attributes: {
      external_status_code: extended,
      event_no: event.no,
      grid_code: event.divisionCode,
      overdue: event.overdue,
      rating: event.rating,
    },
  };
}

export const georeportRoutes: FastifyPluginAsync<{
  db: Kysely<DB>;
  clients: Open311ClientService;
  open311: Open311Events;
  baseUrl?: string;
}> = async (app, { db, clients, open311 }) => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, parseForm(String(body))),
  );

  /** Errors in the spec's shape, with our Chinese or English description. */
  app.setErrorHandler((error, request, reply) => {
    const format = splitFormat(String((request.params as { file?: string }).file ?? ''))?.format ?? 'json';
    if (error instanceof Open311Error) return sendErrors(reply, format, error.status, error.message);
    if (error instanceof AppError) {
      const problem = problemOf(request, error);
      return sendErrors(reply, format, error.status, problem.detail ?? problem.title);
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) request.log.error(error);
    return sendErrors(reply, format, status, status >= 500 ? 'internal error' : (error as Error).message);
  });

  const formatOf = (request: FastifyRequest, expected: string): Format => {
    const split = splitFormat((request.params as { file: string }).file);
    if (!split || split.name !== expected) throw new Open311Error(404, 'not found');
    return split.format;
  };

  async function requireClient(query: Query): Promise<Open311Client> {
    const key = one(query.api_key);
    if (!key) throw new Open311Error(403, 'api_key is required');
    const client = await clients.authenticate(key);
    if (!client) throw new Open311Error(403, 'api_key is not valid or has been revoked');
    return client;
  }

  const hidden = { hide: true } as const;

  app.get('/:file', { schema: hidden }, async (request, reply) => {
    const file = (request.params as { file: string }).file;
    const name = splitFormat(file)?.name;
    const query = request.query as Query;
    if (name === 'discovery') return discovery(request, reply, formatOf(request, 'discovery'));
    if (name === 'services') return services(reply, formatOf(request, 'services'));
    if (name === 'requests') return listRequests(reply, formatOf(request, 'requests'), query);
    if (name === 'servicerequestupdates')
      return updates(reply, formatOf(request, 'servicerequestupdates'), query);
    throw new Open311Error(404, 'not found');
  });

  app.get('/services/:file', { schema: hidden }, async (request, reply) => {
    const split = splitFormat((request.params as { file: string }).file);
    if (!split) throw new Open311Error(404, 'not found');
    return definition(reply, split.format, split.name, localeOf(request));
  });

  app.get('/requests/:file', { schema: hidden }, async (request, reply) => {
    const split = splitFormat((request.params as { file: string }).file);
    if (!split) throw new Open311Error(404, 'not found');
    const client = await requireClient(request.query as Query);
    const detail = await open311.events.detail(clientCaller(client), split.name).catch(() => undefined);
    if (!detail) throw new Open311Error(404, 'service_request_id not found');
    return send(reply, split.format, 'service_requests', 'request', [requestOf(detail)]);
  });

  app.get('/tokens/:file', { schema: hidden }, async (request, reply) => {
    const split = splitFormat((request.params as { file: string }).file);
    if (!split) throw new Open311Error(404, 'not found');
    const client = await requireClient(request.query as Query);
    const visible = await open311.events.visible(clientCaller(client), split.name).catch(() => false);
    if (!visible) throw new Open311Error(404, 'token not found');
    return send(reply, split.format, 'service_requests', 'request', [
      { service_request_id: split.name, token: split.name },
    ]);
  });

  app.post('/:file', { schema: hidden }, async (request, reply) => {
    const format = formatOf(request, 'requests');
    const body = { ...(request.query as Query), ...((request.body as Query | undefined) ?? {}) };
    const client = await requireClient(body);
    const serviceCode = one(body.service_code);
    if (!serviceCode) throw new Open311Error(400, 'service_code is required');
    const lat = number(one(body.lat), 'lat');
    const long = number(one(body.long), 'long');
    if ((lat === undefined) !== (long === undefined)) throw new Open311Error(400, 'lat and long go together');
    const addressString = one(body.address_string);
    const attrs = attributes(body);
    if (lat === undefined && !addressString && !one(body.address_id) && !attrs.division_code)
      throw new Open311Error(400, 'a location is required: lat and long, address_string or address_id');
    const name = [one(body.last_name), one(body.first_name)].filter(Boolean).join('');
    const created = await open311.create(client, {
      serviceCode,
      lat,
      long,
      addressString: addressString ?? one(body.address_id),
      divisionCode: attrs.division_code,
      description: one(body.description),
      name: name || undefined,
      phone: one(body.phone),
      mediaUrl: one(body.media_url),
    });
    return send(
      reply,
      format,
      'service_requests',
      'request',
      [{ service_request_id: created.id, service_notice: `事件编号 ${created.no}`, account_id: null }],
      201,
    );
  });

  function discovery(request: FastifyRequest, reply: FastifyReply, format: Format) {
    const base = `${request.protocol}://${request.host}/open311/v2/`;
    return send(reply, format, 'discovery', null, {
      changeset: '2026-11-27T00:00:00+08:00',
      contact: '绿园区民政局 社区治理平台',
      key_service: '由区民政局在“Open311 接口”页面签发 api_key',
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: base,
          changeset: '2026-11-27T00:00:00+08:00',
          type: 'production',
          formats: ['text/xml', 'application/json'],
        },
      ],
    });
  }

  async function services(reply: FastifyReply, format: Format) {
    const tree = await open311.categories.tree(false);
    const list = tree.flatMap((group) =>
      group.children
        .filter((c) => c.active)
        .map((c) => ({
          service_code: c.code,
          service_name: c.name,
          description: c.description ?? `${group.name} · ${c.name}（责任部门：${c.department}）`,
          metadata: true,
          type: 'realtime',
          keywords: [group.name, c.name, c.department].filter(Boolean).join(','),
          group: group.name,
        })),
    );
    return send(reply, format, 'services', 'service', list);
  }

  async function definition(reply: FastifyReply, format: Format, code: string, locale: string) {
    const category = await open311.categories.find(code);
    if (!category?.active || !category.parentCode || !category.limits)
      throw new Open311Error(404, 'service_code not found');
    const unit = (u: string, n: number) =>
      locale === 'en-US'
        ? `${n} ${u === 'work_days' ? 'working days' : 'working minutes'}`
        : `${n} 个${u === 'work_days' ? '工作日' : '工作分钟'}`;
    const { handle } = category.limits;
    return send(reply, format, 'service_definition', null, {
      service_code: category.code,
      attributes: [
        {
          variable: true,
          code: 'division_code',
          datatype: 'string',
          required: false,
          datatype_description: '网格区划代码（15 位）；不填时按 lat/long 所在网格或本客户端的默认网格',
          order: 1,
          description: '所在网格',
        },
        {
          variable: false,
          code: 'time_limit',
          datatype: 'text',
          required: false,
          datatype_description: null,
          order: 2,
          description: `责任部门：${category.department}；处置时限：${unit(handle.unit, handle.amount)}`,
        },
      ],
    });
  }

  async function listRequests(reply: FastifyReply, format: Format, query: Query) {
    const client = await requireClient(query);
    const caller = clientCaller(client);
    const ids = one(query.service_request_id);
    let items: EventListItem[];
    if (ids) {
      const found = await Promise.all(
        ids
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean)
          .slice(0, MAX_PAGE_SIZE)
          .map((id) => open311.events.detail(caller, id).catch(() => undefined)),
      );
      items = found.filter((d): d is NonNullable<typeof d> => d !== undefined);
    } else {
      const end = one(query.end_date) ? new Date(one(query.end_date) as string) : new Date();
      const start = one(query.start_date)
        ? new Date(one(query.start_date) as string)
        : new Date(end.getTime() - 90 * DAY_MS);
      if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()))
        throw new Open311Error(400, 'start_date and end_date are W3C datetimes');
      if (end.getTime() - start.getTime() > 90 * DAY_MS)
        throw new Open311Error(400, 'the date range is at most 90 days');
      const statuses = (one(query.status) ?? '').split(',').filter(Boolean);
      const states = statuses.length
        ? EVENT_STATES.filter((s) => statuses.includes(statusOf({ state: s, reopened: 0 }).status))
        : undefined;
      const page = Math.max(1, Number(one(query.page) ?? 1) || 1);
      const pageSize = Math.min(
        MAX_PAGE_SIZE,
        Math.max(1, Number(one(query.page_size) ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE),
      );
      const codes = (one(query.service_code) ?? '').split(',').filter(Boolean);
      if (codes.some((c) => !/^[0-9]{2}([0-9]{2})?$/.test(c)))
        throw new Open311Error(400, 'service_code is a category code such as 0101');
      const list = await open311.events.list(caller, {
        ...(codes.length ? { categoryCode: codes.join(',') } : {}),
        ...(states ? { state: states.join(',') } : {}),
        from: beijingDate(start),
        to: beijingDate(end),
        page,
        pageSize,
      } as Parameters<typeof open311.events.list>[1]);
      items = list.items;
    }
    return send(reply, format, 'service_requests', 'request', items.map(requestOf));
  }

  /** mySociety's servicerequestupdates: each step of the loop in the client's division, oldest first. */
  async function updates(reply: FastifyReply, format: Format, query: Query) {
    const client = await requireClient(query);
    const end = one(query.end_date) ? new Date(one(query.end_date) as string) : new Date();
    const start = one(query.start_date)
      ? new Date(one(query.start_date) as string)
      : new Date(end.getTime() - DAY_MS);
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()))
      throw new Open311Error(400, 'start_date and end_date are W3C datetimes');
    const rows = await eventsVisibleTo(db, clientCaller(client))
      .innerJoin('workflowHistory as h', (join) =>
        join.onRef(sql`h.entity_id`, '=', sql`e.id`).on('h.workflow', '=', EVENT_WORKFLOW),
      )
      .select(['h.id', 'h.entityId', 'h.action', 'h.toState', 'h.comment', 'h.at', 'e.reopened'])
      .where('h.at', '>=', start)
      .where('h.at', '<=', end)
      .orderBy('h.id')
      .limit(1000)
      .execute();
    return send(
      reply,
      format,
      'service_request_updates',
      'request_update',
      rows.map((r) => {
        const { status, extended } = statusOf({
          state: r.toState as EventState,
          reopened: Number(r.reopened),
        });
        return {
          update_id: String(r.id),
          service_request_id: r.entityId,
          status,
          updated_datetime: w3c(r.at),
          description: r.comment ?? r.action,
          media_url: null,
          external_status_code: extended,
        };
      }),
    );
  }
};
