import { INCUBATION_ACTIONS, type IncubationAction } from '@linli/common';
import { type Caller, can } from '../../platform/scope.ts';
import { availableActions } from '../../platform/workflow.ts';
import type { IncubationAbilities } from './incubation.schemas.ts';
import { type IncubationWorkflowRow, incubationStages } from './incubation.workflow.ts';

/** Who keeps the plan: the base's operator and the district, while the organization is in incubation. */
export function mayEditPlans(caller: Caller): boolean {
  return (
    can(caller, 'incubation:write') &&
    (caller.roles.includes('incubator_operator') || caller.roles.includes('district_admin'))
  );
}

export function incubationAbilities(caller: Caller, row: IncubationWorkflowRow): IncubationAbilities {
  const actions = new Set(availableActions(incubationStages, row, caller));
  const abilities = Object.fromEntries(INCUBATION_ACTIONS.map((a) => [a, actions.has(a)])) as Record<
    IncubationAction,
    boolean
  >;
  return { ...abilities, editPlan: mayEditPlans(caller) && row.state === 'incubating' };
}
