import {
  APPLICATION_STATE_NAMES,
  CALL_STATE_NAMES,
  FOCUS_AREA_NAMES,
  FOCUS_AREAS,
  FUND_CHANNEL_NAMES,
  FUND_CHANNELS,
  NEED_SOURCE_NAMES,
  ORGANIZATION_KIND_NAMES,
  POSTING_KIND_NAMES,
} from '@linli/common';
import { useMemo } from 'react';
import { useLocale } from '../../../i18n/index.ts';

/** Names of channels, focus areas, states and kinds in the current language (lists in @linli/common). */
export function useFundingLabels() {
  const locale = useLocale();
  return useMemo(
    () => ({
      channels: FUND_CHANNEL_NAMES[locale],
      focusAreas: FOCUS_AREA_NAMES[locale],
      postingKinds: POSTING_KIND_NAMES[locale],
      needSources: NEED_SOURCE_NAMES[locale],
      callStates: CALL_STATE_NAMES[locale],
      applicationStates: APPLICATION_STATE_NAMES[locale],
      kinds: ORGANIZATION_KIND_NAMES[locale],
      channelOptions: FUND_CHANNELS.map((value) => ({ value, label: FUND_CHANNEL_NAMES[locale][value] })),
      focusOptions: FOCUS_AREAS.map((value) => ({ value, label: FOCUS_AREA_NAMES[locale][value] })),
    }),
    [locale],
  );
}
