import {
  ATTACHMENT_PURPOSE_NAMES,
  FUNDING_SOURCE_NAMES,
  ORGANIZATION_ACTION_NAMES,
  ORGANIZATION_CATEGORY_NAMES,
  ORGANIZATION_FIELD_NAMES,
  ORGANIZATION_KIND_NAMES,
  ORGANIZATION_STATE_NAMES,
  ORGANIZATION_VENUE_NAMES,
  type OrganizationCategory,
  type OrganizationField,
} from '@linli/common';
import { useMemo } from 'react';
import { useLocale } from '../../../i18n/index.ts';
import type { CatalogEntry } from '../organizations.types.ts';
import { useOrganizationCatalog } from './use-organization-catalog.ts';

export interface CatalogOption {
  value: string;
  label: string;
}

/**
 * Names of kinds, states, venues, actions, funding sources and attachment purposes in the current
 * language (lists in @linli/common), and of fields and categories from the district's editable
 * catalogue — the seeded names stand in until it has loaded. `fieldOptions`/`categoryOptions` are
 * the active entries a form may offer.
 */
export function useOrganizationLabels() {
  const locale = useLocale();
  const catalog = useOrganizationCatalog();
  return useMemo(() => {
    const entries: CatalogEntry[] = catalog.data ?? [];
    const nameOf = (e: CatalogEntry) => (locale === 'zh-CN' ? e.nameZh : e.nameEn);
    const names = (list: CatalogEntry['list'], seeded: Record<string, string>) =>
      entries.length === 0
        ? seeded
        : Object.fromEntries(entries.filter((e) => e.list === list).map((e) => [e.code, nameOf(e)]));
    const options = (list: CatalogEntry['list'], seeded: Record<string, string>): CatalogOption[] =>
      entries.length === 0
        ? Object.entries(seeded).map(([value, label]) => ({ value, label }))
        : entries
            .filter((e) => e.list === list && e.active)
            .map((e) => ({ value: e.code, label: nameOf(e) }));
    // The seeded codes always have a name; codes the district added later may be looked up too.
    const fields = names('field', ORGANIZATION_FIELD_NAMES[locale]) as Record<OrganizationField, string> &
      Record<string, string>;
    const categories = names('category', ORGANIZATION_CATEGORY_NAMES[locale]) as Record<
      OrganizationCategory,
      string
    > &
      Record<string, string>;
    return {
      kinds: ORGANIZATION_KIND_NAMES[locale],
      states: ORGANIZATION_STATE_NAMES[locale],
      fields,
      categories,
      fieldName: (code: string) => fields[code] ?? code,
      categoryName: (code: string) => categories[code] ?? code,
      fieldOptions: options('field', ORGANIZATION_FIELD_NAMES[locale]),
      categoryOptions: options('category', ORGANIZATION_CATEGORY_NAMES[locale]),
      venues: ORGANIZATION_VENUE_NAMES[locale],
      actions: ORGANIZATION_ACTION_NAMES[locale],
      fundingSources: FUNDING_SOURCE_NAMES[locale],
      purposes: ATTACHMENT_PURPOSE_NAMES[locale],
    };
  }, [locale, catalog.data]);
}
