import { Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Account } from '../accounts.types.ts';

export function isLocked(account: Pick<Account, 'lockedUntil'>, now = Date.now()): boolean {
  return account.lockedUntil !== null && new Date(account.lockedUntil).getTime() > now;
}

/** 正常 / 已停用, plus 已锁定 and 待改密 when they apply. */
export function AccountStatusTags({ account }: { account: Account }) {
  const { t } = useTranslation();
  return (
    <Flex wrap gap={4}>
      {account.disabled ? (
        <Tag color="error">{t('accounts.status.disabled')}</Tag>
      ) : (
        <Tag color="success">{t('accounts.status.active')}</Tag>
      )}
      {isLocked(account) ? <Tag color="warning">{t('accounts.status.locked')}</Tag> : null}
      {account.mustChangePassword ? <Tag color="blue">{t('accounts.status.mustChangePassword')}</Tag> : null}
    </Flex>
  );
}
