/** Audit fields naming a division: its code is both the entity id and the scope of the entry. */
export function auditTarget(action: string, code: string) {
  return { action, entityType: 'division', entityId: code, divisionCode: code };
}
