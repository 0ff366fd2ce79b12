import { beijingToday } from '@linli/common';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { type AuthHeaders, signIn, type TestApp } from '../../../test/app.ts';

/**
 * Takes applications of a closed call through the pre-assessment the way the district and a
 * reviewer would (assign `evaluator.demo`, declare no conflict, score full marks, publish the
 * notice), then moves the notice's end into the past — the one step no user can take — so tests
 * of what follows the award (funds, contracts) can award them. Needs the demo accounts.
 */
export async function throughNotice(
  t: TestApp,
  admin: AuthHeaders,
  callId: string,
  applications: ReadonlyArray<{ id: string; requestedFen: number }>,
): Promise<void> {
  const evaluator = await signIn(t.app, 'evaluator.demo');
  const send = async (
    headers: AuthHeaders,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: unknown,
  ) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers, payload: payload as string });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
    return res.json() as any;
  };
  await ensureCalendarAhead(t);
  const reviewers: Array<{ id: string; username: string }> = await send(admin, 'GET', '/reviewers');
  const reviewer = reviewers.find((r) => r.username === 'evaluator.demo')!;
  await send(admin, 'POST', `/calls/${callId}/reviewers`, {
    reviewerIds: [reviewer.id],
    applicationIds: applications.map((a) => a.id),
  });
  const mine = await send(evaluator, 'GET', '/my-reviews?state=assigned&limit=100');
  for (const r of mine.items.filter((x: { callId: string }) => x.callId === callId)) {
    const declared = await send(evaluator, 'POST', `/reviews/${r.id}/transitions`, {
      action: 'declareNone',
      version: r.version,
    });
    const saved = await send(evaluator, 'PATCH', `/reviews/${r.id}`, {
      version: declared.version,
      scores: declared.scoringTemplate.map((c: { maxPoints: number }) => c.maxPoints),
    });
    await send(evaluator, 'POST', `/reviews/${r.id}/transitions`, {
      action: 'submit',
      version: saved.version,
    });
  }
  await send(admin, 'POST', `/calls/${callId}/notice`, {
    applications: applications.map((a) => ({ applicationId: a.id, proposedFen: a.requestedFen })),
  });
  await endNotice(t, callId);
}

/** The notice period of a call is over (as if its working days had passed). */
export async function endNotice(t: TestApp, callId: string): Promise<void> {
  await t.database.db
    .updateTable('fundingNotice')
    .set({ endsAt: sql<Date>`now() - interval '1 minute'` })
    .where('callId', '=', callId)
    .execute();
}

/**
 * The work calendar knows next year too (empty: weekends only), so a notice published in late
 * December can count its working days in a test database.
 */
export async function ensureCalendarAhead(t: TestApp): Promise<void> {
  const next = Number(beijingToday().slice(0, 4)) + 1;
  await t.database.db
    .insertInto('workCalendarYear')
    .values({ year: next, source: 'test', updatedBy: 'test', updatedByName: 'test' })
    .onConflict((oc) => oc.column('year').doNothing())
    .execute();
}
