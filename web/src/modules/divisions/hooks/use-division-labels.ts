import { COMMUNITY_TYPE_NAMES, COMMUNITY_TYPE_PROFILE, LEVEL_NAMES } from '@linli/common';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/index.ts';
import { zhCN } from '../../../i18n/zh-CN.ts';
import type { CommunityType, DivisionLevel } from '../divisions.types.ts';

type ProfileTerm = keyof typeof zhCN.profileTerms;

function isProfileTerm(term: string): term is ProfileTerm {
  return Object.hasOwn(zhCN.profileTerms, term);
}

/** Names of levels and community types in the current language, from the shared catalogues in @linli/common. */
export function useDivisionLabels() {
  const { t } = useTranslation();
  const locale = useLocale();
  return {
    levelName: (level: DivisionLevel) => LEVEL_NAMES[locale][level],
    communityTypeName: (type: CommunityType) => COMMUNITY_TYPE_NAMES[locale][type],
    /** Governance emphasis and organization kinds to cultivate, translated term by term. */
    communityProfile: (type: CommunityType) => {
      const profile = COMMUNITY_TYPE_PROFILE[type];
      const term = (word: string) => (isProfileTerm(word) ? t(`profileTerms.${word}`) : word);
      return { emphasis: profile.emphasis.map(term), cultivate: profile.cultivate.map(term) };
    },
  };
}
