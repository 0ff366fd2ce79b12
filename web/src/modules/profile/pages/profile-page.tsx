import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../ui/page-header.tsx';
import { useActiveSession } from '../../auth/hooks/use-auth.ts';
import { AccountCard } from '../components/account-card.tsx';
import { ChangePasswordCard } from '../components/change-password-card.tsx';
import { SessionsCard } from '../components/sessions-card.tsx';
import { TotpCard } from '../components/totp-card.tsx';

/** `/profile` (个人中心): what every signed-in user manages for themself; no permission beyond a session. */
export function ProfilePage() {
  const { t } = useTranslation();
  // The route guard renders this page only inside an active session.
  const session = useActiveSession();
  if (!session) return null;
  return (
    <div data-testid="profile-page">
      <PageHeader title={t('profile.title')} subtitle={t('profile.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Row gutter={[16, 16]}>
            <Col span={24}>
              <AccountCard session={session} />
            </Col>
            <Col span={24}>
              <TotpCard session={session} />
            </Col>
          </Row>
        </Col>
        <Col xs={24} xl={12}>
          <ChangePasswordCard session={session} />
        </Col>
        <Col span={24}>
          <SessionsCard />
        </Col>
      </Row>
    </div>
  );
}
