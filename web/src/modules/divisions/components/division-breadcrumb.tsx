import { Breadcrumb } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDivisionScope } from '../../auth/hooks/use-auth.ts';
import { divisionPaths } from '../divisions.paths.ts';
import type { DivisionRef } from '../divisions.types.ts';

interface DivisionBreadcrumbProps {
  ancestors: readonly DivisionRef[];
  current: DivisionRef;
  /** When set, the current division is a link too and this label ends the trail (e.g. 网格地图). */
  trailing?: string;
}

/** 绿园区 / 正阳街道 / 爱民社区, each ancestor a link — plain text above the user's data scope, which they cannot open. */
export function DivisionBreadcrumb({ ancestors, current, trailing }: DivisionBreadcrumbProps) {
  const { t } = useTranslation();
  const { inScope } = useDivisionScope();
  const links = trailing ? [...ancestors, current] : ancestors;
  const items = [
    ...links.map((ref) => ({
      key: ref.code,
      title: inScope(ref.code) ? <Link to={divisionPaths.browser(ref.code)}>{ref.name}</Link> : ref.name,
    })),
    { key: 'current', title: <span aria-current="page">{trailing ?? current.name}</span> },
  ];
  return (
    <nav aria-label={t('divisions.breadcrumbLabel')}>
      <Breadcrumb items={items} />
    </nav>
  );
}
