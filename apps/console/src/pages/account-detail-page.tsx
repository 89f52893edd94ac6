import { Avatar, Space, Tabs, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useAccount } from '../api/accounts';
import { AccountBadges } from '../components/account-badges';
import { PageLoading, QueryError } from '../components/query-state';
import { useRouteAccount } from '../lib/current-account';
import { useI18n } from '../i18n';
import { CredentialsTab } from './account-credentials-tab';
import { DeveloperTab } from './account-developer-tab';
import { ProfileTab } from './account-profile-tab';

const TABS = ['profile', 'credentials', 'developer'] as const;
type Tab = (typeof TABS)[number];

/**
 * One account's settings in three tabs. Each tab is its own route (`/accounts/:appid/<tab>`) so
 * a link to "the developer configuration of X" can be shared.
 */
export function AccountDetailPage() {
  const { appid = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { section } = useRouteAccount();
  const account = useAccount(appid);
  const active: Tab = TABS.find((tab) => tab === section) ?? 'profile';

  if (account.isPending) return <PageLoading />;
  if (account.isError) return <QueryError error={account.error} onRetry={() => void account.refetch()} />;
  const a = account.data;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space size="middle" align="center">
        <Avatar size={48} src={a.avatarUrl || undefined}>
          {a.name.slice(0, 1)}
        </Avatar>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {a.name}
          </Typography.Title>
          <AccountBadges type={a.type} verified={a.verified} />
        </div>
      </Space>
      <Tabs
        activeKey={active}
        onChange={(key) => void navigate(`/accounts/${appid}/${key}`)}
        items={[
          {
            key: 'profile',
            label: t('detail.tab.profile'),
            children: <ProfileTab key={a.appid} account={a} />,
          },
          {
            key: 'credentials',
            label: t('detail.tab.credentials'),
            children: <CredentialsTab account={a} />,
          },
          {
            key: 'developer',
            label: t('detail.tab.developer'),
            children: <DeveloperTab key={a.appid} account={a} />,
          },
        ]}
      />
    </Space>
  );
}
