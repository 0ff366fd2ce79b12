import { ACT_FOR_RESIDENT_ROLES } from '@linli/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { Caller } from '../../platform/scope.ts';
import type { AuthService, AuthState, SessionContext } from './auth.service.ts';

/** What acting needs from the residents module: the resident, if the caller may see them. */
export interface ResidentDirectory {
  findForActing(
    caller: Caller,
    residentId: string,
  ): Promise<{ id: string; name: string; divisionCode: string } | null>;
}

/**
 * Acting for a resident who cannot use the system (代办, DESIGN §5): a community or grid staff
 * member puts their session into acting mode for one resident with a reason. Until they stop,
 * every request's caller carries the resident, so records say "staff X for resident Y" and the
 * audit log keeps both.
 */
export class ActingService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly auth: AuthService,
    private readonly residents: ResidentDirectory,
  ) {}

  async start(
    context: SessionContext,
    caller: Caller,
    residentId: string,
    reasonInput: string,
  ): Promise<AuthState> {
    if (!context.roles.some((r) => ACT_FOR_RESIDENT_ROLES.includes(r)))
      throw new AppError('auth.actingNotAllowed');
    const reason = reasonInput.trim();
    if (reason.length < 2) throw new AppError('auth.actingReasonRequired');
    const resident = await this.residents.findForActing(caller, residentId);
    if (!resident) throw new AppError('resource.notFound');
    const actor = {
      ...caller.actor,
      onBehalfOf: resident.id,
      onBehalfOfName: resident.name,
      onBehalfReason: reason,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('session')
        .set({
          actingResidentId: resident.id,
          actingResidentName: resident.name,
          actingReason: reason,
          actingSince: new Date(),
        })
        .where('tokenHash', '=', context.tokenHash)
        .execute();
      await appendAudit(trx, actor, {
        action: 'auth.actingStart',
        entityType: 'resident',
        entityId: resident.id,
        divisionCode: resident.divisionCode,
        after: { reason },
      });
    });
    await this.auth.sessionsChanged();
    return this.auth.refreshed(context.tokenHash);
  }

  async stop(context: SessionContext, caller: Caller): Promise<AuthState> {
    const acting = context.actingFor;
    if (acting) {
      await this.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('session')
          .set({ actingResidentId: null, actingResidentName: null, actingReason: null, actingSince: null })
          .where('tokenHash', '=', context.tokenHash)
          .execute();
        await appendAudit(trx, caller.actor, {
          action: 'auth.actingEnd',
          entityType: 'resident',
          entityId: acting.residentId,
        });
      });
      await this.auth.sessionsChanged();
    }
    return this.auth.refreshed(context.tokenHash);
  }
}
