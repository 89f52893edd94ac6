import type { AccountView } from '@gzh/contracts';
import { PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { Avatar, Button, Card, Col, Empty, Row, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useAccounts } from '../api/accounts';
import { AccountBadges } from '../components/account-badges';
import { PageLoading, QueryError } from '../components/query-state';
import { SecretModal } from '../components/secret-modal';
import { useI18n } from '../i18n';
import { CreateAccountModal } from './create-account-modal';

/** One account as a card: what an operator needs to recognise it and jump into it. */
function AccountCard({ account }: { account: AccountView }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const open = (section: string) => void navigate(`/accounts/${account.appid}/${section}`);
  return (
    <Card
      data-testid="account-card"
      hoverable
      onClick={() => open('profile')}
      actions={[
        <span key="manage">{t('accounts.manage')}</span>,
        <span
          key="followers"
          onClick={(e) => {
            e.stopPropagation();
            open('followers');
          }}
        >
          {t('nav.followers')}
        </span>,
      ]}
    >
      <Card.Meta
        avatar={<Avatar src={account.avatarUrl || undefined}>{account.name.slice(0, 1)}</Avatar>}
        title={<span className="account-card-name">{account.name}</span>}
        description={<AccountBadges type={account.type} verified={account.verified} />}
      />
      <div className="account-card-body" onClick={(e) => e.stopPropagation()}>
        <Typography.Text type="secondary">{t('account.appid')}: </Typography.Text>
        <Typography.Text copyable={{ tooltips: [t('common.copy'), t('common.copied')] }} className="mono">
          {account.appid}
        </Typography.Text>
      </div>
      <Statistic
        title={t('account.followers')}
        value={account.followerCount}
        prefix={<TeamOutlined />}
        styles={{ content: { fontSize: 20 } }}
      />
    </Card>
  );
}

/**
 * The organisation's official accounts, with creation. A new account's AppSecret is shown once
 * right after creation, because the server keeps only its hash.
 */
export function AccountsPage() {
  const { t } = useI18n();
  const accounts = useAccounts();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ appid: string; secret: string } | null>(null);

  if (accounts.isPending) return <PageLoading />;
  if (accounts.isError) return <QueryError error={accounts.error} onRetry={() => void accounts.refetch()} />;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div className="page-header">
        <Typography.Title level={3}>{t('accounts.title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-account">
          {t('accounts.create')}
        </Button>
      </div>
      {accounts.data.length === 0 ? (
        <Empty description={t('accounts.empty')}>
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('accounts.create')}
          </Button>
        </Empty>
      ) : (
        <Row gutter={[16, 16]}>
          {accounts.data.map((account) => (
            <Col key={account.appid} xs={24} md={12} xl={8} xxl={6}>
              <AccountCard account={account} />
            </Col>
          ))}
        </Row>
      )}
      <CreateAccountModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(result) => {
          setCreating(false);
          setCreated({ appid: result.account.appid, secret: result.secret });
        }}
      />
      <SecretModal appid={created?.appid ?? ''} secret={created?.secret ?? null} onClose={() => setCreated(null)} />
    </Space>
  );
}
