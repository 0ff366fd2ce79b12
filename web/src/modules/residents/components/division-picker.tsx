import { useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, unwrap } from '../../../app/api/client.ts';
import type { components } from '../../../app/api/schema.gen.ts';
import { residentKeys } from '../hooks/resident-keys.ts';
import { useDivisionLevel } from '../hooks/use-residents.ts';

type TreeNode = components['schemas']['DivisionTreeNode'];

/** Divisions a resident can be registered under. */
const HOME_LEVELS: ReadonlyArray<TreeNode['level']> = ['community', 'village', 'grid'];

interface DivisionPickerProps {
  id?: string;
  value?: string | undefined;
  onChange?: (code: string | undefined) => void;
  /** Only communities, villages and grids can be chosen (where a resident lives). */
  homeOnly?: boolean;
  /** Name of the current value, shown before its branch of the tree is loaded. */
  valueName?: string | undefined;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  'data-testid'?: string;
  'aria-label'?: string;
}

/**
 * A division chooser over the caller's own part of the tree (its scope at the top), one level
 * loaded per expanded node. Used by the filter bar and by the resident form.
 */
export function DivisionPicker({
  value,
  onChange,
  homeOnly = false,
  valueName,
  ...rest
}: DivisionPickerProps) {
  const client = useQueryClient();
  const top = useDivisionLevel(null);
  const [loaded, setLoaded] = useState<TreeNode[]>([]);

  const fetchLevel = (code: string) =>
    client.fetchQuery({
      queryKey: residentKeys.divisions(code),
      staleTime: 5 * 60_000,
      queryFn: () =>
        unwrap(api.GET('/api/v1/divisions/tree', { params: { query: { root: code, depth: 1 } } })),
    });

  const add = (items: readonly TreeNode[]) =>
    setLoaded((prev) => {
      const known = new Set(prev.map((n) => n.code));
      const fresh = items.filter((n) => !known.has(n.code));
      return fresh.length === 0 ? prev : [...prev, ...fresh];
    });

  // Open the branch that holds the current value, so it shows with its name and place in the tree.
  const rootCode = top.data?.items.find((n) => !top.data?.items.some((o) => o.code === n.parentCode))?.code;
  // biome-ignore lint/correctness/useExhaustiveDependencies: loads once per value and root
  useEffect(() => {
    if (!rootCode || !value?.startsWith(rootCode)) return;
    const ancestors: string[] = [];
    for (let length = rootCode.length + 3; length < value.length; length += 3)
      ancestors.push(value.slice(0, length));
    void Promise.all(ancestors.map(fetchLevel)).then((levels) => add(levels.flatMap((l) => l.items)));
  }, [rootCode, value]);

  const treeData = useMemo(() => {
    const nodes = [...(top.data?.items ?? []), ...loaded];
    const unique = [...new Map(nodes.map((n) => [n.code, n])).values()];
    const codes = new Set(unique.map((n) => n.code));
    const out = unique.map((n) => ({
      id: n.code,
      // A node whose parent is not in the tree (the caller's own top) is a root.
      pId: n.parentCode && codes.has(n.parentCode) ? n.parentCode : null,
      value: n.code,
      title: n.name,
      isLeaf: n.childCount === 0,
      selectable: !homeOnly || HOME_LEVELS.includes(n.level),
    }));
    if (value && valueName && !codes.has(value))
      out.push({ id: value, pId: null, value, title: valueName, isLeaf: true, selectable: true });
    return out;
  }, [top.data, loaded, homeOnly, value, valueName]);

  return (
    <TreeSelect
      {...rest}
      showSearch={{ treeNodeFilterProp: 'title' }}
      value={value}
      onChange={(code: string | undefined) => onChange?.(code)}
      treeDataSimpleMode
      treeData={treeData}
      loading={top.isLoading}
      loadData={async (node) => add((await fetchLevel(String(node.value))).items)}
      popupMatchSelectWidth={false}
    />
  );
}
