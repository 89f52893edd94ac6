import { Select, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useAccounts } from '../api/accounts';
import { lastAppid, useRouteAccount } from '../lib/current-account';
import { useI18n } from '../i18n';

/**
 * Header select of the account being worked on. Switching keeps the operator in the same section
 * (followers of A → followers of B), which is what they want when comparing accounts.
 */
export function AccountSwitcher() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const accounts = useAccounts();
  const route = useRouteAccount();
  const remembered = lastAppid();
  const list = accounts.data ?? [];
  const current = route.appid ?? (list.some((a) => a.appid === remembered) ? remembered : null);

  return (
    <div data-testid="account-switcher" className="account-switcher">
      <Select
        aria-label={t('header.switchAccount')}
        style={{ width: 280 }}
        placeholder={t('header.noAccount')}
        loading={accounts.isLoading}
        value={current ?? undefined}
        showSearch={{ optionFilterProp: 'search' }}
        onChange={(appid: string) => void navigate(`/accounts/${appid}/${route.section ?? 'profile'}`)}
        options={list.map((a) => ({
          value: a.appid,
          search: `${a.name} ${a.appid}`,
          label: (
            <span>
              {a.name}{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {a.appid}
              </Typography.Text>
            </span>
          ),
        }))}
      />
    </div>
  );
}
