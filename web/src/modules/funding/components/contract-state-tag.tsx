import { CONTRACT_STATE_NAMES, type ContractState } from '@linli/common';
import { Tag } from 'antd';
import { useLocale } from '../../../i18n/index.ts';

const COLORS: Record<ContractState, string | undefined> = {
  draft: undefined,
  signed: 'blue',
  in_progress: 'processing',
  suspended: 'warning',
  final_review: 'purple',
  closed: 'success',
  terminated: 'error',
};

/** A contract's state as a coloured tag (suspended payments stand out). */
export function ContractStateTag({ state, testId }: { state: ContractState; testId?: string }) {
  const locale = useLocale();
  return (
    <Tag color={COLORS[state]} data-testid={testId}>
      {CONTRACT_STATE_NAMES[locale][state]}
    </Tag>
  );
}
