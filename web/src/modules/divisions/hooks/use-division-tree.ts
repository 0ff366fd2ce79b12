import { type QueryClient, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, unwrap } from '../../../app/api/client.ts';
import type { DivisionTreeNode } from '../divisions.types.ts';
import { divisionKeys } from './division-keys.ts';

/** GET /divisions/tree?root=&depth=1: a node and its direct children (the district when root is null). */
function treeLevelQuery(root: string | null) {
  return {
    queryKey: divisionKeys.treeLevel(root),
    staleTime: 5 * 60_000,
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      unwrap(
        api.GET('/api/v1/divisions/tree', {
          params: { query: root ? { root, depth: 1 } : { depth: 1 } },
          signal,
        }),
      ),
  };
}

function rootOf(items: readonly DivisionTreeNode[] | undefined): DivisionTreeNode | undefined {
  return items?.find((item) => !items.some((other) => other.code === item.parentCode));
}

/** The code of the tree's root (the district), from the same cached query the tree uses. */
export function useDivisionTreeRoot(): string | undefined {
  const rootQuery = useQuery(treeLevelQuery(null));
  return rootOf(rootQuery.data?.items)?.code;
}

function loadLevel(client: QueryClient, code: string) {
  return client.query(treeLevelQuery(code));
}

export interface DivisionTreeBranch {
  node: DivisionTreeNode;
  /** undefined while the children have not been requested yet (the node can still be expanded). */
  children: DivisionTreeBranch[] | undefined;
}

/**
 * The lazily loaded division tree: the district and its towns/streets first, then one level per
 * expanded node. Every level is a TanStack query, so edits that invalidate 'divisions' refresh the
 * tree too. `focusPath` (the current division's ancestors and itself) is expanded automatically so
 * a division reached by search or by URL is visible in the tree.
 */
export function useDivisionTree(focusPath: readonly string[]) {
  const client = useQueryClient();
  const rootQuery = useQuery(treeLevelQuery(null));
  const [requested, setRequested] = useState<readonly string[]>([]);
  const [expandedKeys, setExpandedKeys] = useState<readonly string[]>([]);

  const rootNode = useMemo(() => rootOf(rootQuery.data?.items), [rootQuery.data]);

  // The district is always open on first show, so its towns and streets are visible at once.
  const rootCode = rootNode?.code;
  useEffect(() => {
    if (rootCode) setExpandedKeys((prev) => union(prev, [rootCode]));
  }, [rootCode]);

  // Expand the path to the focused division (not the division itself: its children are in the table).
  // Only the part of the path inside the tree: a user scoped to a street has the street as root,
  // and the district above it is not theirs to open.
  const focusKey = focusPath.join('/');
  useEffect(() => {
    if (!rootCode) return;
    const ancestors = (focusKey ? focusKey.split('/').slice(0, -1) : []).filter((code) =>
      code.startsWith(rootCode),
    );
    if (ancestors.length === 0) return;
    setRequested((prev) => union(prev, ancestors));
    setExpandedKeys((prev) => union(prev, ancestors));
  }, [focusKey, rootCode]);

  const levels = useQueries({
    queries: requested.filter((code) => code !== rootNode?.code).map((code) => treeLevelQuery(code)),
    // combine keeps the result referentially stable until a level's data changes.
    combine: (results) => results.map((result) => result.data),
  });

  const childrenByParent = useMemo(() => {
    const map = new Map<string, DivisionTreeNode[]>();
    const add = (parent: string, items: readonly DivisionTreeNode[]) => {
      map.set(
        parent,
        items.filter((item) => item.parentCode === parent),
      );
    };
    if (rootNode && rootQuery.data) add(rootNode.code, rootQuery.data.items);
    const others = requested.filter((code) => code !== rootNode?.code);
    levels.forEach((level, index) => {
      const code = others[index];
      if (code && level) add(code, level.items);
    });
    return map;
  }, [rootNode, rootQuery.data, requested, levels]);

  const tree = useMemo(() => {
    const build = (node: DivisionTreeNode): DivisionTreeBranch => {
      const kids = childrenByParent.get(node.code);
      return { node, children: kids?.map(build) ?? (node.childCount === 0 ? [] : undefined) };
    };
    return rootNode ? build(rootNode) : undefined;
  }, [rootNode, childrenByParent]);

  const loadChildren = useCallback(
    async (code: string) => {
      setRequested((prev) => union(prev, [code]));
      await loadLevel(client, code);
    },
    [client],
  );

  return {
    tree,
    rootCode: rootNode?.code,
    isLoading: rootQuery.isLoading,
    error: rootQuery.error,
    refetch: rootQuery.refetch,
    expandedKeys,
    setExpandedKeys: setExpandedKeys as (keys: readonly string[]) => void,
    loadChildren,
  };
}

function union(a: readonly string[], b: readonly string[]): readonly string[] {
  const missing = b.filter((item) => !a.includes(item));
  return missing.length === 0 ? a : [...a, ...missing];
}
