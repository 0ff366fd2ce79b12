import type { paths } from '../../app/api/schema.gen.ts';

type JsonBody<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type JsonOk<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: { content: { 'application/json': infer B } } }
    ? B
    : R extends { 201: { content: { 'application/json': infer B } } }
      ? B
      : never
  : never;
type Query<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } }
  ? NonNullable<Q>
  : never;

export type EventQuery = Query<'/api/v1/events'>;
export type EventList = JsonOk<'/api/v1/events', 'get'>;
export type EventListItem = EventList['items'][number];
export type EventDetail = JsonOk<'/api/v1/events/{id}', 'get'>;
export type EventDepartment = EventDetail['departments'][number];
export type EventPhoto = EventDetail['photos'][number];
export type EventExtension = EventDetail['extensions'][number];
export type CreateEventBody = JsonBody<paths['/api/v1/events']['post']['requestBody']>;
export type EventTransitionBody = JsonBody<paths['/api/v1/events/{id}/transitions']['post']['requestBody']>;
export type StatsQuery = Query<'/api/v1/events/stats'>;
export type EventStats = JsonOk<'/api/v1/events/stats', 'get'>;
export type StatsRow = EventStats['byCategory'][number];
export type MapQuery = Query<'/api/v1/events/map'>;
export type EventMap = JsonOk<'/api/v1/events/map', 'get'>;
export type DuplicateQuery = Query<'/api/v1/events/duplicates'>;
export type Duplicate =
  JsonOk<'/api/v1/events/duplicates', 'get'> extends readonly (infer D)[]
    ? D
    : JsonOk<'/api/v1/events/duplicates', 'get'> extends { items: readonly (infer D)[] }
      ? D
      : never;
