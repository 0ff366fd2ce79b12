import type { components, paths } from '../../app/api/schema.gen.ts';

export type AuditEntry = components['schemas']['AuditEntry'];
export type AuditQuery = NonNullable<paths['/api/v1/audit']['get']['parameters']['query']>;
export type AuditExportQuery = NonNullable<paths['/api/v1/audit/export']['get']['parameters']['query']>;
