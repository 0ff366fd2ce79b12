import { Button, Card, Col, Collapse, Flex, Grid, Result, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../app/api/api-error.ts';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { PageLoading } from '../../../ui/page-loading.tsx';
import { ChildrenTable } from '../components/children-table.tsx';
import { DivisionActions } from '../components/division-actions.tsx';
import { DivisionBreadcrumb } from '../components/division-breadcrumb.tsx';
import { DivisionCounts } from '../components/division-counts.tsx';
import { DivisionDetailCard } from '../components/division-detail-card.tsx';
import { DivisionSearch } from '../components/division-search.tsx';
import { DivisionTree } from '../components/division-tree.tsx';
import { divisionPaths } from '../divisions.paths.ts';
import { useDivision } from '../hooks/use-division.ts';
import { useDivisionLabels } from '../hooks/use-division-labels.ts';
import { useDivisionTreeRoot } from '../hooks/use-division-tree.ts';

/**
 * 区划管理: the tree and search on the left; on the right the selected division (the district when
 * the URL names none) with its details, descendant counts and paged children.
 */
export function DivisionBrowserPage() {
  const { t } = useTranslation();
  const params = useParams<{ code?: string }>();
  // Without a code the page shows the tree's root, the district.
  const rootCode = useDivisionTreeRoot();
  const code = params.code ?? rootCode;
  const division = useDivision(code);
  const focusPath = division.data ? [...division.data.ancestors.map((a) => a.code), division.data.code] : [];

  const screens = Grid.useBreakpoint();
  const wide = screens.lg ?? true;
  const tree = (
    <div style={{ maxHeight: 'min(65vh, 720px)', overflow: 'auto' }}>
      <DivisionTree focusPath={focusPath} selectedCode={code} />
    </div>
  );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={8} xl={7} xxl={6}>
        <Card
          title={wide ? t('divisions.treeTitle') : undefined}
          size="small"
          styles={{ body: { padding: 12 } }}
        >
          <Flex vertical gap={12}>
            <DivisionSearch />
            {wide ? (
              tree
            ) : (
              // On a phone the tree folds away so the division itself comes first; search stays visible.
              <Collapse
                size="small"
                ghost
                items={[{ key: 'tree', label: t('divisions.treeTitle'), children: tree, forceRender: true }]}
              />
            )}
          </Flex>
        </Card>
      </Col>
      <Col xs={24} lg={16} xl={17} xxl={18}>
        <DivisionPanel code={code} query={division} />
      </Col>
    </Row>
  );
}

function DivisionPanel({ code, query }: { code: string | undefined; query: ReturnType<typeof useDivision> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const messageOf = useErrorMessage();
  const { levelName } = useDivisionLabels();

  if (query.error) {
    if (
      query.error instanceof ApiError &&
      (query.error.status === 404 || query.error.is('division.invalidCode'))
    ) {
      return (
        <Result
          status="404"
          title={<h1 style={{ fontSize: 22, margin: 0 }}>{t('divisions.notFound')}</h1>}
          subTitle={messageOf(query.error)}
          extra={
            <Button type="primary" onClick={() => navigate(divisionPaths.browser())}>
              {t('common.back')}
            </Button>
          }
        />
      );
    }
    return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (!code || !query.data) return <PageLoading />;

  const division = query.data;
  return (
    <Flex vertical gap={16}>
      <PageHeader
        breadcrumb={<DivisionBreadcrumb ancestors={division.ancestors} current={division} />}
        title={division.name}
        subtitle={`${levelName(division.level)} · ${division.code}`}
        extra={<DivisionActions division={division} />}
      />
      <DivisionCounts counts={division.descendantCounts} />
      <DivisionDetailCard division={division} />
      {division.childCount > 0 ? <ChildrenTable key={division.code} code={division.code} /> : null}
    </Flex>
  );
}
