import { Tree, type TreeDataNode, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { PageLoading } from '../../../ui/page-loading.tsx';
import { divisionPaths } from '../divisions.paths.ts';
import type { DivisionLevel } from '../divisions.types.ts';
import { useDivisionLabels } from '../hooks/use-division-labels.ts';
import { type DivisionTreeBranch, useDivisionTree } from '../hooks/use-division-tree.ts';

interface DivisionTreeProps {
  /** The division shown on the page: itself last, its ancestors before it. */
  focusPath: readonly string[];
  selectedCode: string | undefined;
}

/** The district → towns/streets → communities/villages → grids tree; each level loads when expanded. */
export function DivisionTree({ focusPath, selectedCode }: DivisionTreeProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { levelName } = useDivisionLabels();
  const { tree, rootCode, isLoading, error, refetch, expandedKeys, setExpandedKeys, loadChildren } =
    useDivisionTree(focusPath);

  if (isLoading) return <PageLoading />;
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!tree) return <EmptyState description={t('divisions.counts.empty')} />;

  const toData = (branch: DivisionTreeBranch): TreeDataNode => ({
    key: branch.node.code,
    title: <NodeTitle name={branch.node.name} level={branch.node.level} levelName={levelName} />,
    isLeaf: branch.node.childCount === 0,
    children: branch.children?.map(toData),
  });

  return (
    <div data-testid="division-tree">
      <Tree
        aria-label={t('divisions.treeLabel')}
        treeData={[toData(tree)]}
        selectedKeys={selectedCode ? [selectedCode] : rootCode ? [rootCode] : []}
        expandedKeys={[...expandedKeys]}
        onExpand={(keys) => setExpandedKeys(keys.map(String))}
        loadData={(node) => loadChildren(String(node.key))}
        onSelect={(keys, info) => {
          // Re-selecting the selected node deselects it in antd; navigate to the clicked node either way.
          const code = String(keys[0] ?? info.node.key);
          navigate(divisionPaths.browser(code));
        }}
        showLine
        blockNode
      />
    </div>
  );
}

function NodeTitle({
  name,
  level,
  levelName,
}: {
  name: string;
  level: DivisionLevel;
  levelName: (level: DivisionLevel) => string;
}) {
  return (
    <span>
      {name}{' '}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {levelName(level)}
      </Typography.Text>
    </span>
  );
}
