import type { components } from '../../app/api/schema.gen.ts';

/** One signed-in session of the user (GET /me/sessions). */
export type SessionInfo = components['schemas']['SessionInfo'];
