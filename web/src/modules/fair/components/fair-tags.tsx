import { FAIR_MATCH_STATE_NAMES, FAIR_STATE_NAMES, type FairMatchState, type FairState } from '@linli/common';
import { Tag } from 'antd';
import { useLocale } from '../../../i18n/index.ts';

const FAIR_COLORS: Record<FairState, string> = { planned: 'default', open: 'processing', closed: 'success' };
const MATCH_COLORS: Record<FairMatchState, string> = {
  proposed: 'default',
  negotiating: 'processing',
  signed: 'success',
  declined: 'warning',
};

export function FairStateTag({ state }: { state: FairState }) {
  const locale = useLocale();
  return <Tag color={FAIR_COLORS[state]}>{FAIR_STATE_NAMES[locale][state]}</Tag>;
}

export function MatchStateTag({ state }: { state: FairMatchState }) {
  const locale = useLocale();
  return <Tag color={MATCH_COLORS[state]}>{FAIR_MATCH_STATE_NAMES[locale][state]}</Tag>;
}
