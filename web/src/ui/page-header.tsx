import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

interface PageHeaderProps {
  title: ReactNode;
  subtitle?: ReactNode;
  /** Rendered above the title (usually a breadcrumb). */
  breadcrumb?: ReactNode;
  /** Actions on the right; they wrap under the title on narrow screens. */
  extra?: ReactNode;
}

/** The heading block every page starts with: one `h1`, an optional line of context and the page's actions. */
export function PageHeader({ title, subtitle, breadcrumb, extra }: PageHeaderProps) {
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }}>
      {breadcrumb}
      <Flex wrap justify="space-between" align="center" gap={12}>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
            {title}
          </Typography.Title>
          {subtitle ? (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
              {subtitle}
            </Typography.Text>
          ) : null}
        </div>
        {extra ? (
          <Flex wrap gap={8}>
            {extra}
          </Flex>
        ) : null}
      </Flex>
    </Flex>
  );
}
