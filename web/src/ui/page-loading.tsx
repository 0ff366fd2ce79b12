import { Flex, Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** A centred spinner that screen readers announce. */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <Flex justify="center" align="center" style={{ minHeight: 200 }} role="status" aria-live="polite">
      <Spin description={t('common.loading')} />
    </Flex>
  );
}
