import { COMMUNITY_TYPES, DIVISION_LEVELS } from '@linli/common';
import { type Static, Type } from '@sinclair/typebox';
import { literalUnion, Page, PageQuery, ref } from '../../platform/http-schemas.ts';

export const DivisionLevelSchema = literalUnion(DIVISION_LEVELS, { $id: 'DivisionLevel' });
export const CommunityTypeSchema = literalUnion(COMMUNITY_TYPES, { $id: 'CommunityType' });
/** Inline copies for request schemas, so a bad value is reported against the field itself. */
const LevelInput = literalUnion(DIVISION_LEVELS);
const CommunityTypeInput = literalUnion(COMMUNITY_TYPES);

const Code = Type.String({
  pattern: '^[0-9]{6,15}$',
  description: '区划代码（有效位；亦接受 12 位统计用代码）',
});

/** What the caller may do with a division (DESIGN §5): the web shows only these buttons. */
export const DivisionAbilitiesSchema = Type.Object(
  {
    update: Type.Boolean(),
    createChild: Type.Boolean(),
    move: Type.Boolean(),
    delete: Type.Boolean(),
  },
  { $id: 'DivisionAbilities' },
);

const summaryProperties = {
  code: Type.String(),
  nbsCode: Type.String({ description: '12 位统计用区划代码；网格为 15 位网格代码' }),
  name: Type.String(),
  level: ref(DivisionLevelSchema),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  population: Type.Union([Type.Integer(), Type.Null()]),
  households: Type.Union([Type.Integer(), Type.Null()]),
  communityType: Type.Union([ref(CommunityTypeSchema), Type.Null()]),
  childCount: Type.Integer(),
  hasBoundary: Type.Boolean(),
};

export const DivisionSummarySchema = Type.Object(
  { ...summaryProperties, abilities: ref(DivisionAbilitiesSchema) },
  { $id: 'DivisionSummary' },
);

export const DivisionRefSchema = Type.Object(
  { code: Type.String(), name: Type.String(), level: ref(DivisionLevelSchema) },
  { $id: 'DivisionRef' },
);

export const SpecialAreaSchema = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    kind: Type.Union([
      Type.Literal('provincial_development_zone'),
      Type.Literal('municipal_development_zone'),
    ]),
    divisionCode: Type.String(),
    note: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'SpecialArea' },
);

export const LevelCountsSchema = Type.Record(Type.String(), Type.Integer(), {
  $id: 'LevelCounts',
  description: '各层级下属区划数量（不含自身），如 { street: 7, town: 3, community: 58, grid: 312 }',
});

export const DivisionDetailSchema = Type.Object(
  {
    code: Type.String(),
    nbsCode: Type.String(),
    name: Type.String(),
    level: ref(DivisionLevelSchema),
    parentCode: Type.Union([Type.String(), Type.Null()]),
    population: Type.Union([Type.Integer(), Type.Null()]),
    households: Type.Union([Type.Integer(), Type.Null()]),
    communityType: Type.Union([ref(CommunityTypeSchema), Type.Null()]),
    urbanRuralCode: Type.Union([Type.String(), Type.Null()]),
    source: Type.Union([Type.String(), Type.Null()]),
    hasBoundary: Type.Boolean(),
    boundaryGenerated: Type.Boolean(),
    childCount: Type.Integer(),
    childrenWithBoundary: Type.Integer({ description: '有边界数据的下级区划数（>0 时可打开网格地图）' }),
    descendantCounts: ref(LevelCountsSchema),
    descendantPopulation: Type.Integer({ description: '下属网格/社区人口合计' }),
    ancestors: Type.Array(ref(DivisionRefSchema)),
    specialAreas: Type.Array(ref(SpecialAreaSchema)),
    version: Type.Integer(),
    updatedAt: Type.String({ format: 'date-time' }),
    abilities: ref(DivisionAbilitiesSchema),
  },
  { $id: 'DivisionDetail' },
);

export const TreeNodeSchema = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    level: ref(DivisionLevelSchema),
    parentCode: Type.Union([Type.String(), Type.Null()]),
    childCount: Type.Integer(),
  },
  { $id: 'DivisionTreeNode' },
);

export const CodeParams = Type.Object({ code: Code });

export const TreeQuery = Type.Object({
  root: Type.Optional(Code),
  depth: Type.Optional(Type.Integer({ minimum: 0, maximum: 4, default: 1 })),
});
export const TreeResponse = Type.Object({ items: Type.Array(ref(TreeNodeSchema)) });

export const ChildrenQuery = Type.Object({
  ...PageQuery,
  level: Type.Optional(LevelInput),
  q: Type.Optional(Type.String({ maxLength: 50, description: '按名称筛选' })),
});

export const SearchQuery = Type.Object({
  ...PageQuery,
  q: Type.String({ minLength: 1, maxLength: 50 }),
  level: Type.Optional(LevelInput),
  within: Type.Optional(Code),
});

export const SearchHitSchema = Type.Object(
  {
    ...summaryProperties,
    path: Type.String({ description: '上级名称链，如 绿园区 / 正阳街道' }),
  },
  { $id: 'DivisionSearchHit' },
);

export const DivisionPage = Page(ref(DivisionSummarySchema));
export const SearchPage = Page(ref(SearchHitSchema));

const Population = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]);

export const CreateDivisionBody = Type.Object(
  {
    code: Code,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    population: Type.Optional(Population),
    households: Type.Optional(Population),
    communityType: Type.Optional(Type.Union([CommunityTypeInput, Type.Null()])),
    urbanRuralCode: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9]{3}$' }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const UpdateDivisionBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    population: Type.Optional(Population),
    households: Type.Optional(Population),
    communityType: Type.Optional(Type.Union([CommunityTypeInput, Type.Null()])),
    urbanRuralCode: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9]{3}$' }), Type.Null()])),
    boundary: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()])),
  },
  { additionalProperties: false },
);

export const MoveDivisionBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    newParentCode: Code,
    newSerial: Type.Optional(
      Type.String({ pattern: '^[0-9]{3}$', description: '新的末三位；默认保留原序号' }),
    ),
  },
  { additionalProperties: false },
);

export const DeleteQuery = Type.Object({ version: Type.Integer({ minimum: 1 }) });

export const GeoFeatureSchema = Type.Object(
  {
    type: Type.Literal('Feature'),
    properties: Type.Object({
      code: Type.String(),
      name: Type.String(),
      level: ref(DivisionLevelSchema),
      population: Type.Union([Type.Integer(), Type.Null()]),
      households: Type.Union([Type.Integer(), Type.Null()]),
    }),
    geometry: Type.Record(Type.String(), Type.Unknown()),
  },
  { $id: 'DivisionFeature' },
);

export const MapResponse = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    level: ref(DivisionLevelSchema),
    generated: Type.Boolean({ description: '边界为演示生成，非测绘数据' }),
    outline: Type.Union([ref(GeoFeatureSchema), Type.Null()]),
    features: Type.Array(ref(GeoFeatureSchema)),
    missing: Type.Array(ref(DivisionRefSchema), { description: '没有边界数据的下级区划' }),
  },
  { $id: 'DivisionMap' },
);

export const ExportQuery = Type.Object({
  root: Type.Optional(Code),
  boundaries: Type.Optional(Type.Boolean({ default: false, description: '是否导出边界 GeoJSON 列' })),
});

export const ImportQuery = Type.Object({
  dryRun: Type.Optional(Type.Boolean({ default: false, description: '只校验，不写入' })),
});

export const ImportResultSchema = Type.Object(
  {
    dryRun: Type.Boolean(),
    total: Type.Integer(),
    created: Type.Integer(),
    updated: Type.Integer(),
    unchanged: Type.Integer(),
  },
  { $id: 'DivisionImportResult' },
);

export type DivisionSummary = Static<typeof DivisionSummarySchema>;
export type DivisionDetail = Static<typeof DivisionDetailSchema>;
export type DivisionAbilities = Static<typeof DivisionAbilitiesSchema>;
/** Rows as read and cached per scope; abilities depend on the caller and are added per request. */
export type DivisionSummaryData = Omit<DivisionSummary, 'abilities'>;
export type DivisionDetailData = Omit<DivisionDetail, 'abilities'>;
export type TreeNode = Static<typeof TreeNodeSchema>;
export type SearchHit = Static<typeof SearchHitSchema>;
export type CreateDivisionInput = Static<typeof CreateDivisionBody>;
export type UpdateDivisionInput = Static<typeof UpdateDivisionBody>;
export type MoveDivisionInput = Static<typeof MoveDivisionBody>;
export type DivisionMap = Static<typeof MapResponse>;
export type GeoFeature = Static<typeof GeoFeatureSchema>;
export type ImportResult = Static<typeof ImportResultSchema>;

export const DIVISION_SCHEMAS = [
  DivisionLevelSchema,
  CommunityTypeSchema,
  DivisionAbilitiesSchema,
  DivisionSummarySchema,
  DivisionRefSchema,
  SpecialAreaSchema,
  LevelCountsSchema,
  DivisionDetailSchema,
  TreeNodeSchema,
  SearchHitSchema,
  GeoFeatureSchema,
  MapResponse,
  ImportResultSchema,
];
