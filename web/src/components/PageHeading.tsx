import type { ReactNode } from 'react';
import { Typography } from 'antd';

interface Props {
  title: ReactNode;
  subtitle?: ReactNode;
  extra?: ReactNode;
}

export function PageHeading({ title, subtitle, extra }: Props) {
  return (
    <div className="page-heading">
      <div>
        <Typography.Title level={2} className="page-title">
          {title}
        </Typography.Title>
        {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
      </div>
      {extra && <div className="page-heading-extra">{extra}</div>}
    </div>
  );
}
