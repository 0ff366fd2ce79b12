import { formatHours } from '@linli/common';
import { Alert, Button, Card, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { useCertificateCheck } from '../hooks/use-volunteers.ts';

/** 证明查验 (public, no sign-in): is this certificate number genuine, and what does it certify. */
export function CertificateVerifyPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const code = params.get('code') ?? '';
  const [typed, setTyped] = useState(code);
  const check = useCertificateCheck(code);
  const c = check.data?.certificate;
  return (
    <main style={{ maxWidth: 560, margin: '32px auto', padding: 16 }}>
      <PageHeader title={t('volunteers.verify.title')} subtitle={t('volunteers.verify.subtitle')} />
      <Card>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              aria-label={t('volunteers.verify.code')}
              placeholder="XXXX-XXXX-XXXX-XXXX"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              onPressEnter={() => setParams({ code: typed.trim() })}
            />
            <Button type="primary" onClick={() => setParams({ code: typed.trim() })}>
              {t('volunteers.verify.check')}
            </Button>
          </Space.Compact>
          {check.error ? <ErrorAlert error={check.error} onRetry={() => void check.refetch()} /> : null}
          {check.data ? (
            check.data.valid && c ? (
              <Alert
                type="success"
                showIcon
                message={t('volunteers.verify.valid')}
                description={t('volunteers.verify.detail', {
                  name: c.nameMasked,
                  no: c.volunteerNo,
                  hours: formatHours(c.minutes),
                  services: c.services,
                  issuer: c.issuer,
                  date: new Date(c.issuedAt).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' }),
                })}
              />
            ) : (
              <Alert type="error" showIcon message={t('volunteers.verify.invalid')} />
            )
          ) : null}
        </Space>
      </Card>
    </main>
  );
}
