import { Empty } from 'antd';
import type { ReactNode } from 'react';

/** Ant Design's simple empty illustration with our text; used wherever a list or chart has nothing to show. */
export function EmptyState({ description, children }: { description: ReactNode; children?: ReactNode }) {
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description}>
      {children}
    </Empty>
  );
}
