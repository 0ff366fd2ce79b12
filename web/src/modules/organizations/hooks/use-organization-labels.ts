import {
  ORGANIZATION_ACTION_NAMES,
  ORGANIZATION_CATEGORY_NAMES,
  ORGANIZATION_FIELD_NAMES,
  ORGANIZATION_KIND_NAMES,
  ORGANIZATION_STATE_NAMES,
  ORGANIZATION_VENUE_NAMES,
} from '@linli/common';
import { useLocale } from '../../../i18n/index.ts';

/** Names of kinds, states, fields, categories, venues and actions in the current language (lists in @linli/common). */
export function useOrganizationLabels() {
  const locale = useLocale();
  return {
    kinds: ORGANIZATION_KIND_NAMES[locale],
    states: ORGANIZATION_STATE_NAMES[locale],
    fields: ORGANIZATION_FIELD_NAMES[locale],
    categories: ORGANIZATION_CATEGORY_NAMES[locale],
    venues: ORGANIZATION_VENUE_NAMES[locale],
    actions: ORGANIZATION_ACTION_NAMES[locale],
  };
}
