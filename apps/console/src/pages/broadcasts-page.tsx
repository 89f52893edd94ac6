import { Space, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { useAccount } from '../api/accounts';
import { useTags } from '../api/tags';
import { BroadcastComposer } from '../components/broadcast-composer';
import { BroadcastHistory } from '../components/broadcast-history';
import { useI18n } from '../i18n';

/**
 * Broadcasts (群发) of the current account: the composer on top, past broadcasts with their
 * live progress and results below. The account's type decides the allowance the reach shows
 * (subscription: one a day; service: four a month per follower).
 */
export function BroadcastsPage() {
  const { appid = '' } = useParams();
  const { t } = useI18n();
  const account = useAccount(appid);
  const tags = useTags(appid);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div className="page-header">
        <Typography.Title level={3}>{t('broadcasts.title')}</Typography.Title>
        {account.data ? (
          <Space size={4}>
            <Tag>{t(`account.type.${account.data.type}`)}</Tag>
            <Tag color={account.data.verified ? 'green' : 'orange'}>
              {t(account.data.verified ? 'account.verified' : 'account.unverified')}
            </Tag>
          </Space>
        ) : null}
      </div>
      <BroadcastComposer appid={appid} tags={tags.data ?? []} />
      <BroadcastHistory appid={appid} tags={tags.data ?? []} />
    </Space>
  );
}
