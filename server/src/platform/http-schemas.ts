import { ERROR_STATUS } from '@linli/common';
import { type Static, type TLiteral, type TSchema, type TUnion, type TUnsafe, Type } from '@sinclair/typebox';

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.Union(Object.keys(ERROR_STATUS).map((c) => Type.Literal(c))),
    params: Type.Record(Type.String(), Type.Unknown()),
    instance: Type.String(),
    requestId: Type.String(),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          row: Type.Optional(Type.Integer()),
          field: Type.String(),
          code: Type.String(),
          params: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
          message: Type.String(),
        }),
      ),
    ),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details with a stable code' },
);

/** The error responses every route may give; listing them keeps the generated client honest. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: 'RFC 9457 problem',
        content: { 'application/problem+json': { schema: ref(ProblemSchema) } },
      },
    ]),
  );
}

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
};

export function Page<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    limit: Type.Integer(),
    offset: Type.Integer(),
  });
}

export type PageOf<T> = { items: T[]; total: number; limit: number; offset: number };
export type ProblemBody = Static<typeof ProblemSchema>;

/** A value or `null` (a field the user may leave empty). */
export function Nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}

/** A `$ref` to a named schema (registered with addSchema) that keeps the schema's static type. */
export function ref<T extends TSchema>(schema: T): TUnsafe<Static<T>> {
  if (!schema.$id) throw new Error('ref() needs a schema with $id');
  return Type.Unsafe<Static<T>>({ $ref: schema.$id });
}

/** A union of string literals whose static type is the literal union, not `string`. */
export function literalUnion<const T extends readonly string[]>(
  values: T,
  options: { $id?: string; description?: string } = {},
) {
  return Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  ) as unknown as TUnion<TLiteral<T[number]>[]>;
}
