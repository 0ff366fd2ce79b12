import { Alert, Card, Descriptions, type DescriptionsProps, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/index.ts';
import { formatCount, formatDateTime } from '../../../ui/format.ts';
import type { DivisionDetail } from '../divisions.types.ts';
import { useDivisionLabels } from '../hooks/use-division-labels.ts';

const DESCRIPTION_STYLES = { label: { width: 128 }, content: { minWidth: 120 } };

/** Code, statistical code, level, population and households, community type and its profile, zones. */
export function DivisionDetailCard({ division }: { division: DivisionDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { levelName, communityTypeName, communityProfile } = useDivisionLabels();
  const none = t('common.none');
  const parent = division.ancestors.at(-1);

  // Short facts two or three to a row; long ones (tags, zones, source) in a second list, one to a row.
  const items: DescriptionsProps['items'] = [
    { key: 'code', label: t('divisions.detail.code'), children: <code>{division.code}</code> },
    { key: 'nbsCode', label: t('divisions.detail.nbsCode'), children: <code>{division.nbsCode}</code> },
    { key: 'level', label: t('divisions.detail.level'), children: levelName(division.level) },
    { key: 'parent', label: t('divisions.detail.parent'), children: parent?.name ?? none },
    {
      key: 'population',
      label: t('divisions.detail.population'),
      children: formatCount(division.population, locale),
    },
    {
      key: 'households',
      label: t('divisions.detail.households'),
      children: formatCount(division.households, locale),
    },
  ];
  if (division.childCount > 0) {
    items.push({
      key: 'descendantPopulation',
      label: t('divisions.detail.descendantPopulation'),
      children: formatCount(division.descendantPopulation, locale),
    });
  }
  if (division.urbanRuralCode) {
    items.push({
      key: 'urbanRuralCode',
      label: t('divisions.detail.urbanRuralCode'),
      children: <code>{division.urbanRuralCode}</code>,
    });
  }
  if (division.communityType) {
    items.push({
      key: 'communityType',
      label: t('divisions.detail.communityType'),
      children: communityTypeName(division.communityType),
    });
  }
  items.push(
    {
      key: 'boundary',
      label: t('divisions.detail.boundary'),
      children: division.hasBoundary
        ? t('divisions.detail.boundaryPresent')
        : t('divisions.detail.boundaryMissing'),
    },
    {
      key: 'updatedAt',
      label: t('divisions.detail.updatedAt'),
      children: formatDateTime(division.updatedAt, locale),
    },
  );
  const longItems: DescriptionsProps['items'] = [];
  if (division.communityType) {
    const profile = communityProfile(division.communityType);
    longItems.push(
      {
        key: 'emphasis',
        label: t('divisions.detail.emphasis'),
        children: <TagList words={profile.emphasis} color="blue" />,
      },
      {
        key: 'cultivate',
        label: t('divisions.detail.cultivate'),
        children: <TagList words={profile.cultivate} color="default" />,
      },
    );
  }
  if (division.specialAreas.length > 0) {
    longItems.push({
      key: 'specialAreas',
      label: t('divisions.detail.specialAreas'),
      children: (
        <Flex vertical gap={4} component="ul" style={{ margin: 0, paddingInlineStart: 0, listStyle: 'none' }}>
          {division.specialAreas.map((area) => (
            <li key={area.id}>
              {t('divisions.detail.specialArea', {
                name: area.name,
                kind: t(`divisions.detail.specialAreaKinds.${area.kind}`),
              })}
              {area.note ? (
                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                  {area.note}
                </Typography.Text>
              ) : null}
            </li>
          ))}
        </Flex>
      ),
    });
  }
  longItems.push({ key: 'source', label: t('divisions.detail.source'), children: division.source ?? none });

  return (
    <Card title={t('divisions.detail.title')} data-testid="division-detail" size="small">
      <Flex vertical gap={12}>
        {division.boundaryGenerated ? (
          <Alert
            type="warning"
            showIcon
            title={t('divisions.detail.boundaryGenerated')}
            data-testid="boundary-generated"
          />
        ) : null}
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 1, md: 1, lg: 2, xl: 2, xxl: 3 }}
          styles={DESCRIPTION_STYLES}
          items={items}
        />
        <Descriptions size="small" bordered column={1} styles={DESCRIPTION_STYLES} items={longItems} />
      </Flex>
    </Card>
  );
}

function TagList({ words, color }: { words: string[]; color: string }) {
  return (
    <Flex wrap gap={4}>
      {words.map((word) => (
        <Tag key={word} color={color} style={{ marginInlineEnd: 0 }}>
          {word}
        </Tag>
      ))}
    </Flex>
  );
}
