import type { AccountView } from '@gzh/contracts';
import { ExclamationCircleOutlined, KeyOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Typography } from 'antd';
import { useState } from 'react';
import { useResetSecret } from '../api/accounts';
import { SecretModal } from '../components/secret-modal';
import { formatDateTime } from '../lib/format';
import { useI18n } from '../i18n';

/**
 * AppID, original id and the AppSecret reset. Resetting invalidates the old secret at once, so it
 * asks first; the new secret is then shown once.
 */
export function CredentialsTab({ account }: { account: AccountView }) {
  const { t, locale } = useI18n();
  const { modal } = App.useApp();
  const reset = useResetSecret(account.appid);
  const [secret, setSecret] = useState<string | null>(null);
  const copy = { tooltips: [t('common.copy'), t('common.copied')] };

  const confirmReset = () =>
    modal.confirm({
      title: t('credentials.resetConfirmTitle'),
      icon: <ExclamationCircleOutlined />,
      content: t('credentials.resetConfirmBody'),
      okText: t('credentials.reset'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      // A failure is toasted by the global notifier; the dialog just closes.
      onOk: () =>
        reset
          .mutateAsync()
          .then(({ secret: fresh }) => setSecret(fresh))
          .catch(() => undefined),
    });

  return (
    <>
      <Descriptions
        bordered
        column={1}
        style={{ maxWidth: 760 }}
        items={[
          {
            key: 'appid',
            label: t('account.appid'),
            children: (
              <Typography.Text copyable={copy} className="mono" data-testid="credentials-appid">
                {account.appid}
              </Typography.Text>
            ),
          },
          {
            key: 'originalId',
            label: t('account.originalId'),
            children: (
              <Typography.Text copyable={copy} className="mono">
                {account.originalId}
              </Typography.Text>
            ),
          },
          {
            key: 'secret',
            label: t('credentials.secret'),
            children: (
              <div className="secret-row">
                <Typography.Text type="secondary">{t('credentials.secretHidden')}</Typography.Text>
                <Button danger icon={<KeyOutlined />} onClick={() => void confirmReset()} data-testid="reset-secret">
                  {t('credentials.reset')}
                </Button>
              </div>
            ),
          },
          {
            key: 'secretUpdatedAt',
            label: t('credentials.secretUpdatedAt'),
            children: formatDateTime(account.secretUpdatedAt, locale),
          },
          {
            key: 'createdAt',
            label: t('account.createdAt'),
            children: formatDateTime(account.createdAt, locale),
          },
        ]}
      />
      <SecretModal appid={account.appid} secret={secret} onClose={() => setSecret(null)} />
    </>
  );
}
