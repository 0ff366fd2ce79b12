import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Switch, Tabs, Tag, Tree, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/index.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { CategoryForm, type CategoryTarget } from '../components/category-form.tsx';
import { WorkCalendarPanel } from '../components/work-calendar-panel.tsx';
import type { EventCategory } from '../event-categories.types.ts';
import { useCategoryTree } from '../hooks/use-event-categories.ts';

/** The next free two-digit code under a prefix ('' for classes): 01, 02 … */
function nextCode(prefix: string, taken: readonly string[]): string {
  for (let n = 1; n < 100; n++) {
    const code = `${prefix}${String(n).padStart(2, '0')}`;
    if (!taken.includes(code)) return code;
  }
  return prefix;
}

function CategoriesTab() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [showInactive, setShowInactive] = useState(true);
  const [target, setTarget] = useState<CategoryTarget | null>(null);
  const tree = useCategoryTree(showInactive);
  const all = useMemo(
    () => (tree.data ?? []).flatMap((c) => [c as EventCategory, ...c.children]),
    [tree.data],
  );
  const name = (c: EventCategory) => (locale === 'zh-CN' ? c.name : c.nameEn);
  const label = (c: EventCategory) => (
    <span>
      {c.code} {name(c)}
      {c.department ? <Typography.Text type="secondary"> · {c.department}</Typography.Text> : null}
      {c.active ? null : <Tag style={{ marginInlineStart: 6 }}>{t('eventCategories.tree.inactive')}</Tag>}
    </span>
  );
  const selected = target?.kind === 'edit' ? target.category.code : undefined;
  const selectedClass = selected?.slice(0, 2);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10}>
        <Card
          size="small"
          title={t('eventCategories.tree.title')}
          extra={
            <Flex gap={6} align="center">
              <Switch
                size="small"
                checked={showInactive}
                onChange={setShowInactive}
                aria-label={t('eventCategories.tree.showInactive')}
              />
              <Typography.Text>{t('eventCategories.tree.showInactive')}</Typography.Text>
            </Flex>
          }
        >
          <Flex wrap gap={8} style={{ marginBottom: 12 }}>
            <Button
              size="small"
              icon={<PlusOutlined aria-hidden />}
              onClick={() =>
                setTarget({
                  kind: 'new',
                  code: nextCode(
                    '',
                    all.map((c) => c.code),
                  ),
                })
              }
            >
              {t('eventCategories.tree.addClass')}
            </Button>
            {selectedClass ? (
              <Button
                size="small"
                icon={<PlusOutlined aria-hidden />}
                onClick={() =>
                  setTarget({
                    kind: 'new',
                    code: nextCode(
                      selectedClass,
                      all.map((c) => c.code),
                    ),
                  })
                }
              >
                {t('eventCategories.tree.addSub')}
              </Button>
            ) : null}
          </Flex>
          {tree.error ? (
            <ErrorAlert error={tree.error} onRetry={() => void tree.refetch()} />
          ) : tree.data && tree.data.length === 0 ? (
            <EmptyState description={t('eventCategories.tree.empty')} />
          ) : (
            <Tree
              data-testid="category-tree"
              defaultExpandAll
              key={tree.data ? 'loaded' : 'loading'}
              blockNode
              selectedKeys={selected ? [selected] : []}
              treeData={(tree.data ?? []).map((c) => ({
                key: c.code,
                title: label(c),
                children: c.children.map((s) => ({ key: s.code, title: label(s), isLeaf: true })),
              }))}
              onSelect={(keys) => {
                const category = all.find((c) => c.code === keys[0]);
                if (category) setTarget({ kind: 'edit', category });
              }}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card
          size="small"
          title={
            target?.kind === 'edit'
              ? `${target.category.code} ${name(target.category)}`
              : target
                ? t('eventCategories.form.newTitle')
                : t('eventCategories.form.title')
          }
        >
          {target ? (
            <CategoryForm
              key={
                target.kind === 'edit'
                  ? `${target.category.code}-${target.category.version}`
                  : `new-${target.code}`
              }
              target={target}
              onSaved={(category) => setTarget({ kind: 'edit', category })}
            />
          ) : (
            <EmptyState description={t('eventCategories.tree.select')} />
          )}
        </Card>
      </Col>
    </Row>
  );
}

/** 事件类别与工作日历 (district admin): the category tree with its step limits, and the holiday calendar. */
export function EventCategoriesPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('eventCategories.title')} subtitle={t('eventCategories.subtitle')} />
      <Tabs
        items={[
          { key: 'categories', label: t('eventCategories.tabs.categories'), children: <CategoriesTab /> },
          {
            key: 'calendar',
            label: t('eventCategories.tabs.calendar'),
            children: (
              <Card size="small">
                <WorkCalendarPanel />
              </Card>
            ),
          },
        ]}
      />
    </>
  );
}
