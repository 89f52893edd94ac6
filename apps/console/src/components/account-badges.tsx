import type { AccountType } from '@gzh/contracts';
import { SafetyCertificateFilled } from '@ant-design/icons';
import { Space, Tag, Tooltip } from 'antd';
import { useI18n } from '../i18n';

/**
 * The account type (订阅号 / 服务号) and verification state, rendered the same on every page so
 * operators learn to read them at a glance.
 */
export function AccountBadges({ type, verified }: { type: AccountType; verified: boolean }) {
  const { t } = useI18n();
  return (
    <Space size={4}>
      <Tag color={type === 'service' ? 'geekblue' : 'green'}>{t(`account.type.${type}`)}</Tag>
      {verified ? (
        <Tooltip title={t('account.verified')}>
          <Tag color="gold" icon={<SafetyCertificateFilled />}>
            {t('account.verified')}
          </Tag>
        </Tooltip>
      ) : (
        <Tag>{t('account.unverified')}</Tag>
      )}
    </Space>
  );
}
