import { Layout, theme, Typography } from 'antd';
import { Suspense, useEffect } from 'react';
import { Outlet } from 'react-router';
import { useAccounts } from '../api/accounts';
import { AccountSwitcher } from '../components/account-switcher';
import { LanguageSwitch } from '../components/language-switch';
import { PageLoading } from '../components/query-state';
import { lastAppid, rememberAppid, useRouteAccount } from '../lib/current-account';
import { useI18n } from '../i18n';
import { SideMenu } from './side-menu';
import { UserMenu } from './user-menu';

/**
 * The signed-in frame: sidebar navigation, and a header with the account switcher, the language
 * switch and the operator. Pages render in the content area and are loaded on demand.
 */
export function AppLayout() {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const route = useRouteAccount();
  const accounts = useAccounts();

  useEffect(() => {
    if (route.appid) rememberAppid(route.appid);
  }, [route.appid]);

  // Outside an account's pages, keep offering the last account used, if it still exists.
  const remembered = accounts.data?.find((a) => a.appid === lastAppid())?.appid ?? null;
  const appid = route.appid ?? remembered;
  const accountName = accounts.data?.find((a) => a.appid === appid)?.name ?? null;

  return (
    <Layout className="app-layout">
      <Layout.Sider width={220} theme="light" breakpoint="lg" collapsedWidth={0} className="app-sider">
        <div className="app-brand">
          <span className="app-brand-mark">公</span>
          <Typography.Text strong>{t('app.brand')}</Typography.Text>
        </div>
        <SideMenu appid={appid} accountName={accountName} />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header" style={{ background: token.colorBgContainer }}>
          <AccountSwitcher />
          <div className="app-header-actions">
            <LanguageSwitch />
            <UserMenu />
          </div>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
