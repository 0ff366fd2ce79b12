import {
  FAIR_MATCH_ORIGINS,
  FAIR_MATCH_STATES,
  FAIR_ORG_CLASSES,
  FAIR_STATES,
  FOCUS_AREAS,
} from '@linli/common';
import { type Static, Type } from '@sinclair/typebox';
import { literalUnion, Nullable, Page, PageQuery, ref } from '../../platform/http-schemas.ts';

const DateText = Type.String({ format: 'date' });
const DateTime = Type.String({ format: 'date-time' });
const Version = Type.Integer({ minimum: 1 });
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Fen = Type.Integer({ minimum: 1, maximum: 100_000_000_000, description: '金额（分）' });
const DivisionCode = Type.String({ pattern: '^[0-9]{6}([0-9]{3}){0,2}$', description: '区、街道或社区代码' });

export const FairStateSchema = literalUnion(FAIR_STATES, { $id: 'FairState' });
export const FairMatchStateSchema = literalUnion(FAIR_MATCH_STATES, { $id: 'FairMatchState' });
export const FairOrgClassSchema = literalUnion(FAIR_ORG_CLASSES, { $id: 'FairOrgClass' });

export const IdParams = Type.Object({ id: Id });
export const CodeParams = Type.Object({ code: Type.String({ minLength: 2, maxLength: 40 }) });

export const FairCategorySchema = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    nameEn: Type.String(),
    orgClass: ref(FairOrgClassSchema),
    focusArea: Nullable(literalUnion(FOCUS_AREAS)),
    active: Type.Boolean(),
  },
  { $id: 'FairCategory' },
);
export type FairCategory = Static<typeof FairCategorySchema>;
export const CategoryListQuery = Type.Object({
  all: Type.Optional(Type.Boolean({ description: '含已停用的门类' })),
});
export const CreateCategoryBody = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' }),
    name: Type.String({ minLength: 1, maxLength: 20 }),
    nameEn: Type.String({ minLength: 1, maxLength: 60 }),
    orgClass: literalUnion(FAIR_ORG_CLASSES),
    focusArea: Type.Optional(Nullable(literalUnion(FOCUS_AREAS))),
  },
  { additionalProperties: false },
);
export const UpdateCategoryBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    nameEn: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const FairAbilities = Type.Object({
  open: Type.Boolean(),
  close: Type.Boolean(),
  offer: Type.Boolean(),
  exhibit: Type.Boolean(),
});
export const FairSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    heldOn: DateText,
    venue: Type.String(),
    description: Nullable(Type.String()),
    state: ref(FairStateSchema),
    offers: Type.Integer(),
    exhibits: Type.Integer(),
    signed: Type.Integer(),
    version: Type.Integer(),
    abilities: FairAbilities,
  },
  { $id: 'Fair' },
);
export type Fair = Static<typeof FairSchema>;
export const FairPage = Page(ref(FairSchema));
export const FairListQuery = Type.Object({ state: Type.Optional(literalUnion(FAIR_STATES)), ...PageQuery });
export const CreateFairBody = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 100 }),
    heldOn: DateText,
    venue: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
export type CreateFairInput = Static<typeof CreateFairBody>;
export const FairTransitionBody = Type.Object(
  {
    action: literalUnion(['open', 'close'] as const),
    version: Version,
    comment: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);

export const FairOfferSchema = Type.Object(
  {
    id: Type.String(),
    fairId: Type.String(),
    title: Type.String(),
    categoryCode: Type.String(),
    categoryName: Type.String(),
    divisionCode: Type.String(),
    divisionName: Type.String(),
    publisher: Type.String(),
    budgetFen: Type.Integer(),
    fundId: Nullable(Type.String()),
    fundName: Nullable(Type.String()),
    description: Type.String(),
    createdAt: DateTime,
    /** The caller may match from this offer (it is in the caller's area). */
    mine: Type.Boolean(),
  },
  { $id: 'FairOffer' },
);
export type FairOffer = Static<typeof FairOfferSchema>;
export const OfferPage = Page(ref(FairOfferSchema));
export const OfferListQuery = Type.Object({
  categoryCode: Type.Optional(Type.String({ maxLength: 40 })),
  divisionCode: Type.Optional(DivisionCode),
  ...PageQuery,
});
export const CreateOfferBody = Type.Object(
  {
    title: Type.String({ minLength: 2, maxLength: 100 }),
    categoryCode: Type.String({ minLength: 2, maxLength: 40 }),
    divisionCode: DivisionCode,
    publisher: Type.String({ minLength: 1, maxLength: 100, description: '发布单位（街道、社区或部门）' }),
    budgetFen: Fen,
    fundId: Type.Optional(Nullable(Id)),
    description: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type CreateOfferInput = Static<typeof CreateOfferBody>;

export const FairExhibitSchema = Type.Object(
  {
    id: Type.String(),
    fairId: Type.String(),
    organizationId: Type.String(),
    organizationName: Type.String(),
    fromOutside: Type.Boolean(),
    title: Type.String(),
    categoryCode: Type.String(),
    categoryName: Type.String(),
    areas: Type.Array(Type.String()),
    areaNames: Type.Array(Type.String()),
    description: Type.String(),
    createdAt: DateTime,
    mine: Type.Boolean(),
  },
  { $id: 'FairExhibit' },
);
export type FairExhibit = Static<typeof FairExhibitSchema>;
export const ExhibitPage = Page(ref(FairExhibitSchema));
export const ExhibitListQuery = Type.Object({
  categoryCode: Type.Optional(Type.String({ maxLength: 40 })),
  mine: Type.Optional(Type.Boolean({ description: '只看本组织的项目' })),
  ...PageQuery,
});
export const CreateExhibitBody = Type.Object(
  {
    organizationId: Type.Optional(Id),
    title: Type.String({ minLength: 2, maxLength: 100 }),
    categoryCode: Type.String({ minLength: 2, maxLength: 40 }),
    areas: Type.Array(DivisionCode, { minItems: 1, maxItems: 20, description: '服务区域' }),
    description: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type CreateExhibitInput = Static<typeof CreateExhibitBody>;

export const SuggestionSchema = Type.Object(
  {
    offerId: Type.String(),
    offerTitle: Type.String(),
    exhibitId: Type.String(),
    exhibitTitle: Type.String(),
    organizationName: Type.String(),
    categoryName: Type.String(),
    divisionName: Type.String(),
    score: Type.Integer(),
    matchId: Nullable(Type.String({ description: '已有对接记录时' })),
  },
  { $id: 'FairSuggestion' },
);
export type Suggestion = Static<typeof SuggestionSchema>;

const MatchAbilities = Type.Object({
  accept: Type.Boolean(),
  decline: Type.Boolean(),
  sign: Type.Boolean(),
});
export const FairMatchSchema = Type.Object(
  {
    id: Type.String(),
    fairId: Type.String(),
    fairName: Type.String(),
    offerId: Type.String(),
    offerTitle: Type.String(),
    offerBudgetFen: Type.Integer(),
    offerFundId: Nullable(Type.String()),
    publisher: Type.String(),
    divisionName: Type.String(),
    exhibitId: Type.String(),
    exhibitTitle: Type.String(),
    organizationId: Type.String(),
    organizationName: Type.String(),
    categoryName: Type.String(),
    origin: literalUnion(FAIR_MATCH_ORIGINS),
    score: Type.Integer(),
    state: ref(FairMatchStateSchema),
    amountFen: Nullable(Type.Integer()),
    contractId: Nullable(Type.String()),
    signedAt: Nullable(DateTime),
    version: Type.Integer(),
    createdAt: DateTime,
    abilities: MatchAbilities,
  },
  { $id: 'FairMatch' },
);
export type FairMatch = Static<typeof FairMatchSchema>;
export const MatchPage = Page(ref(FairMatchSchema));
export const MatchListQuery = Type.Object({
  fairId: Type.Optional(Id),
  offerId: Type.Optional(Id),
  exhibitId: Type.Optional(Id),
  state: Type.Optional(literalUnion(FAIR_MATCH_STATES)),
  ...PageQuery,
});
export type MatchFilters = Static<typeof MatchListQuery>;
export const RequestMatchBody = Type.Object({ offerId: Id, exhibitId: Id }, { additionalProperties: false });
export const MatchTransitionBody = Type.Object(
  {
    action: literalUnion(['accept', 'decline'] as const),
    version: Version,
    comment: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export const SignMatchBody = Type.Object(
  {
    version: Version,
    amountFen: Fen,
    fundId: Type.Optional(Nullable(Id)),
    startsOn: DateText,
    endsOn: DateText,
    deliverables: Type.String({ minLength: 1, maxLength: 4000 }),
    evaluatorAccountId: Id,
    comment: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export type SignMatchInput = Static<typeof SignMatchBody>;

const Counts = {
  organizations: Type.Integer({ description: '对接社会组织（家）' }),
  categories: Type.Integer({ description: '覆盖服务门类（个）' }),
  projects: Type.Integer({ description: '签约项目（个）' }),
  signedFen: Type.Integer({ description: '签约金额（分）' }),
};
export const FiguresSchema = Type.Object(
  {
    total: Type.Object({
      ...Counts,
      fairs: Type.Integer(),
      offers: Type.Integer(),
      exhibits: Type.Integer(),
    }),
    byEdition: Type.Array(
      Type.Object({
        fairId: Type.String(),
        name: Type.String(),
        heldOn: DateText,
        state: ref(FairStateSchema),
        ...Counts,
        cumulativeOrganizations: Type.Integer(),
        cumulativeCategories: Type.Integer(),
        cumulativeProjects: Type.Integer(),
      }),
    ),
    byClass: Type.Array(Type.Object({ orgClass: ref(FairOrgClassSchema), ...Counts })),
    byCategory: Type.Array(
      Type.Object({
        code: Type.String(),
        name: Type.String(),
        orgClass: ref(FairOrgClassSchema),
        ...Counts,
      }),
    ),
  },
  { $id: 'FairFigures' },
);
export type Figures = Static<typeof FiguresSchema>;

export const FAIR_SCHEMAS = [
  FairStateSchema,
  FairMatchStateSchema,
  FairOrgClassSchema,
  FairCategorySchema,
  FairSchema,
  FairOfferSchema,
  FairExhibitSchema,
  SuggestionSchema,
  FairMatchSchema,
  FiguresSchema,
];
