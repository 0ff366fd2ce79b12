import { CONSENT_PURPOSE_NAMES, GENDER_NAMES, RESIDENT_TAG_NAMES } from '@linli/common';
import { useCallback } from 'react';
import { useLocale } from '../../../i18n/index.ts';
import type { ConsentPurpose, Gender, ResidentTag } from '../residents.types.ts';

/** Names of tags, genders and consent purposes in the current language (the lists live in @linli/common). */
export function useResidentLabels() {
  const locale = useLocale();
  const tagName = useCallback((tag: ResidentTag) => RESIDENT_TAG_NAMES[locale][tag], [locale]);
  const genderName = useCallback((gender: Gender) => GENDER_NAMES[locale][gender], [locale]);
  const purposeName = useCallback(
    (purpose: ConsentPurpose) => CONSENT_PURPOSE_NAMES[locale][purpose],
    [locale],
  );
  return { tagName, genderName, purposeName };
}
