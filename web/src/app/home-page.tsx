import { UserOutlined } from '@ant-design/icons';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useActiveSession } from '../modules/auth/hooks/use-auth.ts';
import { usePhoneStart } from '../modules/events/phone-start.ts';
import { useNavEntries } from './layout/nav-entries.tsx';

/**
 * `/`: on a phone, field staff and residents start on their grid events (tasks, own reports);
 * otherwise the first menu entry the user may open; for accounts with none yet a welcome that
 * leads to what they can already do: their profile.
 */
export function HomePage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const [first] = useNavEntries();
  const phoneStart = usePhoneStart();
  if (phoneStart) return <Navigate to={phoneStart} replace />;
  if (first) return <Navigate to={first.path} replace />;
  return (
    <Result
      status="info"
      data-testid="home-welcome"
      title={
        <h1 style={{ fontSize: 24, margin: 0 }}>
          {t('home.welcome', { name: session?.account.displayName ?? '' })}
        </h1>
      }
      subTitle={t('home.nothingYet')}
      extra={
        <Link to="/profile">
          <Button type="primary" icon={<UserOutlined aria-hidden />} data-testid="home-profile">
            {t('home.openProfile')}
          </Button>
        </Link>
      }
    />
  );
}
