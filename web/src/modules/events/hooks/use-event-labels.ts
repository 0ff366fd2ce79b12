import {
  EVENT_ACTION_NAMES,
  EVENT_DEPARTMENT_ROLE_NAMES,
  EVENT_PHOTO_STAGE_NAMES,
  EVENT_RATING_NAMES,
  EVENT_RATINGS,
  EVENT_SOURCE_NAMES,
  EVENT_STATE_NAMES,
  EVENT_STATES,
  EVENT_STEP_NAMES,
  EXTENSION_STATE_NAMES,
} from '@linli/common';
import { useMemo } from 'react';
import { useLocale } from '../../../i18n/index.ts';

/** Names of event states, actions, sources, ratings and stages in the current language (lists in @linli/common). */
export function useEventLabels() {
  const locale = useLocale();
  return useMemo(
    () => ({
      states: EVENT_STATE_NAMES[locale],
      actions: EVENT_ACTION_NAMES[locale],
      sources: EVENT_SOURCE_NAMES[locale],
      ratings: EVENT_RATING_NAMES[locale],
      departmentRoles: EVENT_DEPARTMENT_ROLE_NAMES[locale],
      photoStages: EVENT_PHOTO_STAGE_NAMES[locale],
      extensionStates: EXTENSION_STATE_NAMES[locale],
      steps: EVENT_STEP_NAMES[locale],
      stateOptions: EVENT_STATES.map((value) => ({ value, label: EVENT_STATE_NAMES[locale][value] })),
      ratingOptions: EVENT_RATINGS.map((value) => ({ value, label: EVENT_RATING_NAMES[locale][value] })),
    }),
    [locale],
  );
}
