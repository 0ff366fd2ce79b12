import {
  INCUBATION_ACTION_NAMES,
  INCUBATION_CLASS_NAMES,
  INCUBATION_NEED_NAMES,
  INCUBATION_SERVICE_TYPE_NAMES,
  INCUBATION_STATE_NAMES,
  type IncubationState,
  ORGANIZATION_CATEGORY_NAMES,
  ORGANIZATION_KIND_NAMES,
} from '@linli/common';
import { useLocale } from '../../../i18n/index.ts';

/** Names of stages, actions, classes, needs and service types in the current language (lists in @linli/common). */
export function useIncubationLabels() {
  const locale = useLocale();
  return {
    states: INCUBATION_STATE_NAMES[locale],
    actions: INCUBATION_ACTION_NAMES[locale],
    classes: INCUBATION_CLASS_NAMES[locale],
    needs: INCUBATION_NEED_NAMES[locale],
    serviceTypes: INCUBATION_SERVICE_TYPE_NAMES[locale],
    kinds: ORGANIZATION_KIND_NAMES[locale],
    /** A category's name; the district may add categories this list does not know, shown by code. */
    category: (code: string) => (ORGANIZATION_CATEGORY_NAMES[locale] as Record<string, string>)[code] ?? code,
  };
}

/** Tag colours of the stages, shared by the list and the drawer (only hues whose text passes WCAG AA contrast). */
export const STATE_COLORS: Record<IncubationState, string> = {
  applied: 'geekblue',
  admitted: 'purple',
  rejected: 'default',
  incubating: 'blue',
  graduated: 'magenta',
  exited: 'default',
};
