/**
 * Generated boundaries for the demo: a weighted rectangular partition (a treemap) of a bounding
 * box. They tile without gaps or overlaps, so maps look right, and every row made from them is
 * flagged `boundary_generated` — they are not survey data.
 */
export interface Box {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface Polygon {
  type: 'Polygon';
  coordinates: number[][][];
}

/** Roughly 绿园区, west of central Changchun (WGS-84). */
export const LVYUAN_BOX: Box = { west: 125.1, south: 43.84, east: 125.33, north: 43.96 };

export function partition(box: Box, weights: readonly number[]): Box[] {
  if (weights.length === 0) return [];
  if (weights.length === 1) return [box];
  const total = weights.reduce((s, w) => s + w, 0);
  let acc = 0;
  let split = 1;
  for (let i = 0; i < weights.length - 1; i++) {
    acc += weights[i]!;
    split = i + 1;
    if (acc >= total / 2) break;
  }
  const first = weights.slice(0, split);
  const share = first.reduce((s, w) => s + w, 0) / total;
  const wide =
    (box.east - box.west) * Math.cos((((box.north + box.south) / 2) * Math.PI) / 180) >=
    box.north - box.south;
  const [a, b]: [Box, Box] = wide
    ? [
        { ...box, east: box.west + (box.east - box.west) * share },
        { ...box, west: box.west + (box.east - box.west) * share },
      ]
    : [
        { ...box, south: box.north - (box.north - box.south) * share },
        { ...box, north: box.north - (box.north - box.south) * share },
      ];
  return [...partition(a, first), ...partition(b, weights.slice(split))];
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

export function polygonOf(box: Box): Polygon {
  const w = round(box.west);
  const e = round(box.east);
  const s = round(box.south);
  const n = round(box.north);
  return {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  };
}
