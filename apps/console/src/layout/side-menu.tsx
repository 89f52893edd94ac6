import {
  AppstoreOutlined,
  ClockCircleOutlined,
  CommentOutlined,
  HistoryOutlined,
  IdcardOutlined,
  MenuOutlined,
  PictureOutlined,
  NotificationOutlined,
  ReadOutlined,
  SendOutlined,
  TagsOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import { Menu } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useRouteAccount } from '../lib/current-account';
import { useI18n } from '../i18n';

type Item = NonNullable<MenuProps['items']>[number];

/**
 * Navigation. Account pages appear under the current account (from the URL, else the last one
 * used), so the sidebar always says which account the operator is about to change.
 */
export function SideMenu({ appid, accountName }: { appid: string | null; accountName: string | null }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const route = useRouteAccount();

  const accountItems: Item[] = appid
    ? [
        {
          type: 'group',
          key: 'account',
          label: accountName ?? t('nav.currentAccount'),
          children: [
            { key: `/accounts/${appid}/profile`, icon: <IdcardOutlined />, label: t('nav.profile') },
            { key: `/accounts/${appid}/followers`, icon: <TeamOutlined />, label: t('nav.followers') },
            { key: `/accounts/${appid}/tags`, icon: <TagsOutlined />, label: t('nav.tags') },
            { key: `/accounts/${appid}/menus`, icon: <MenuOutlined />, label: t('nav.menus') },
            { key: `/accounts/${appid}/replies`, icon: <CommentOutlined />, label: t('nav.replies') },
            { key: `/accounts/${appid}/materials`, icon: <PictureOutlined />, label: t('nav.materials') },
            { key: `/accounts/${appid}/articles`, icon: <ReadOutlined />, label: t('nav.articles') },
            { key: `/accounts/${appid}/broadcasts`, icon: <SendOutlined />, label: t('nav.broadcasts') },
            { key: `/accounts/${appid}/templates`, icon: <NotificationOutlined />, label: t('nav.templates') },
            { key: `/accounts/${appid}/deliveries`, icon: <HistoryOutlined />, label: t('nav.deliveries') },
          ],
        },
      ]
    : [];

  const items: Item[] = [
    { key: '/accounts', icon: <AppstoreOutlined />, label: t('nav.accounts') },
    ...accountItems,
    {
      type: 'group',
      key: 'settings',
      label: t('nav.settings'),
      children: [{ key: '/settings/clock', icon: <ClockCircleOutlined />, label: t('nav.clock') }],
    },
  ];

  // Credentials and developer configuration are tabs of the profile page; the article editor
  // belongs to Articles.
  const selected =
    route.appid && (route.section === 'credentials' || route.section === 'developer')
      ? `/accounts/${route.appid}/profile`
      : route.appid && route.section === 'articles'
        ? `/accounts/${route.appid}/articles`
        : pathname;

  return (
    <Menu
      mode="inline"
      selectedKeys={[selected]}
      items={items}
      onClick={({ key }) => void navigate(key)}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
