import { useQuery, useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { api, unwrap } from '../../../app/api/client.ts';
import type { components } from '../../../app/api/schema.gen.ts';

type TreeNode = components['schemas']['DivisionTreeNode'];

const GRID_CODE_LENGTH = 15;
// Not under the 'events' prefix, which every workflow step invalidates: the tree does not change with events.
const levelKey = (root: string | null) => ['events-division-picker', root ?? '(top)'] as const;

interface EventDivisionPickerProps {
  value?: string | undefined;
  onChange?: (code: string | undefined) => void;
  /** `grid`: only grids can be chosen (where an event happens); `any`: a street, community or grid (a filter). */
  pick: 'grid' | 'any';
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
  'data-testid'?: string;
  'aria-label'?: string;
}

/**
 * A division from the caller's own part of the tree, loaded a level at a time (the server keeps
 * the tree to the caller's scope, so a grid member sees only their grids).
 */
export function EventDivisionPicker({ value, onChange, pick, ...rest }: EventDivisionPickerProps) {
  const client = useQueryClient();
  const load = (root: string | null) =>
    unwrap(
      api.GET('/api/v1/divisions/tree', { params: { query: root ? { root, depth: 1 } : { depth: 1 } } }),
    );
  const top = useQuery({ queryKey: levelKey(null), staleTime: 5 * 60_000, queryFn: () => load(null) });
  const [loaded, setLoaded] = useState<TreeNode[]>([]);

  const treeData = useMemo(() => {
    const nodes = [...(top.data?.items ?? []), ...loaded];
    const unique = [...new Map(nodes.map((n) => [n.code, n])).values()];
    const codes = new Set(unique.map((n) => n.code));
    return unique.map((n) => ({
      id: n.code,
      pId: n.parentCode && codes.has(n.parentCode) ? n.parentCode : null,
      value: n.code,
      title: n.name,
      isLeaf: n.code.length >= GRID_CODE_LENGTH || n.childCount === 0,
      selectable: pick === 'any' || n.code.length === GRID_CODE_LENGTH,
    }));
  }, [top.data, loaded, pick]);

  return (
    <TreeSelect
      {...rest}
      showSearch={{ treeNodeFilterProp: 'title' }}
      value={value}
      onChange={(code: string | undefined) => onChange?.(code)}
      treeDataSimpleMode
      treeData={treeData}
      treeDefaultExpandAll
      loading={top.isLoading}
      loadData={async (node) => {
        const level = await client.fetchQuery({
          queryKey: levelKey(String(node.value)),
          staleTime: 5 * 60_000,
          queryFn: () => load(String(node.value)),
        });
        setLoaded((prev) => [...prev, ...level.items]);
      }}
      popupMatchSelectWidth={false}
    />
  );
}
