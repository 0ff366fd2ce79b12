import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { escapeLike } from '../../platform/scope.ts';

type Ring = number[][];
type Geometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

/** Ray casting: whether [lon, lat] lies inside the ring (points on an edge may fall either way). */
function inRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and outside every hole. */
function inPolygon(lon: number, lat: number, rings: Ring[]): boolean {
  const [outer, ...holes] = rings;
  return Boolean(outer && inRing(lon, lat, outer) && !holes.some((h) => inRing(lon, lat, h)));
}

export function contains(geometry: Geometry, lon: number, lat: number): boolean {
  if (geometry.type === 'Polygon') return inPolygon(lon, lat, geometry.coordinates);
  return geometry.coordinates.some((polygon) => inPolygon(lon, lat, polygon));
}

/** The grid under `within` whose boundary contains the WGS-84 point, if any. */
export async function gridAt(
  db: Kysely<DB>,
  within: string,
  lon: number,
  lat: number,
): Promise<string | undefined> {
  const grids = await db
    .selectFrom('division')
    .select(['code', 'boundary'])
    .where('level', '=', 'grid')
    .where('boundary', 'is not', null)
    .where('code', 'like', `${escapeLike(within)}%`)
    .execute();
  return grids.find((g) => contains(g.boundary as unknown as Geometry, lon, lat))?.code;
}
