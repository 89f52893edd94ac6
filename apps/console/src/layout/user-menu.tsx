import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Dropdown } from 'antd';
import { useNavigate } from 'react-router';
import { useLogout, useSession } from '../api/auth';
import { useI18n } from '../i18n';

/** The signed-in operator with a logout action. */
export function UserMenu() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const session = useSession();
  const logout = useLogout();
  const user = session.data?.user;

  const onLogout = () =>
    logout.mutate(undefined, {
      onSettled: () => {
        void message.success(t('header.loggedOut'));
        void navigate('/login', { replace: true });
      },
    });

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [{ key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true }],
        onClick: ({ key }) => key === 'logout' && onLogout(),
      }}
    >
      <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
        {user ? `${user.displayName || user.username} · ${user.organisationName}` : ''}
      </Button>
    </Dropdown>
  );
}
