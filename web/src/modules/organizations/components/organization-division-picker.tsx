import { useQuery, useQueryClient } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, unwrap } from '../../../app/api/client.ts';
import type { components } from '../../../app/api/schema.gen.ts';
import { organizationKeys } from '../hooks/use-organizations.ts';

type TreeNode = components['schemas']['DivisionTreeNode'];

/** An organization is kept under a town/street (9 digits) or a community/village (12 digits). */
const isHome = (code: string) => code.length === 9 || code.length === 12;

const levelKey = (root: string | null) => [...organizationKeys.all, 'divisions', root ?? '(top)'] as const;

interface OrganizationDivisionPickerProps {
  id?: string;
  value?: string | undefined;
  onChange?: (code: string | undefined) => void;
  /** Name of the current value, shown before its branch of the tree is loaded. */
  valueName?: string | undefined;
  placeholder?: string;
  'data-testid'?: string;
  'aria-label'?: string;
}

/**
 * The street or community an organization belongs to, chosen from the caller's own part of the
 * division tree (the server checks the scope again). Grids are not offered.
 */
export function OrganizationDivisionPicker({
  value,
  onChange,
  valueName,
  ...rest
}: OrganizationDivisionPickerProps) {
  const client = useQueryClient();
  const load = (root: string | null) =>
    unwrap(
      api.GET('/api/v1/divisions/tree', { params: { query: root ? { root, depth: 1 } : { depth: 1 } } }),
    );
  const fetchLevel = (root: string) =>
    client.fetchQuery({ queryKey: levelKey(root), staleTime: 5 * 60_000, queryFn: () => load(root) });
  const top = useQuery({ queryKey: levelKey(null), staleTime: 5 * 60_000, queryFn: () => load(null) });
  const [loaded, setLoaded] = useState<TreeNode[]>([]);
  const add = (items: readonly TreeNode[]) =>
    setLoaded((prev) => {
      const known = new Set(prev.map((n) => n.code));
      const fresh = items.filter((n) => !known.has(n.code));
      return fresh.length === 0 ? prev : [...prev, ...fresh];
    });

  // Open the street that holds the current community, so it shows with its name in the tree.
  // biome-ignore lint/correctness/useExhaustiveDependencies: loads once per value
  useEffect(() => {
    if (value?.length === 12) void fetchLevel(value.slice(0, 9)).then((level) => add(level.items));
  }, [value]);

  const treeData = useMemo(() => {
    const nodes = [...(top.data?.items ?? []), ...loaded].filter((n) => n.code.length <= 12);
    const unique = [...new Map(nodes.map((n) => [n.code, n])).values()];
    const codes = new Set(unique.map((n) => n.code));
    const out = unique.map((n) => ({
      id: n.code,
      pId: n.parentCode && codes.has(n.parentCode) ? n.parentCode : null,
      value: n.code,
      title: n.name,
      isLeaf: n.code.length >= 12 || n.childCount === 0,
      selectable: isHome(n.code),
    }));
    if (value && valueName && !codes.has(value))
      out.push({ id: value, pId: null, value, title: valueName, isLeaf: true, selectable: true });
    return out;
  }, [top.data, loaded, value, valueName]);

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
