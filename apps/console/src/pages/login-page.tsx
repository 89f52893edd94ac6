import type { LoginRequest } from '@gzh/contracts';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useLogin, useSession } from '../api/auth';
import { errorMessage } from '../api/client';
import type { LoginRedirectState } from '../auth/require-auth';
import { LanguageSwitch } from '../components/language-switch';
import { PageLoading } from '../components/query-state';
import { useI18n } from '../i18n';

/** Where to go after login: the page that sent us here, if it is a console path, else the accounts list. */
function redirectTarget(state: unknown): string {
  const from = (state as LoginRedirectState | null)?.from;
  return from && from.startsWith('/') && !from.startsWith('//') && from !== '/login' ? from : '/accounts';
}

/**
 * Username/password sign-in. The server sets the httpOnly session cookie; the CSRF token from the
 * answer is kept in memory for later writes. Wrong credentials are shown inline under the form.
 */
export function LoginPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSession();
  const login = useLogin();
  const target = redirectTarget(location.state);

  if (session.isPending) return <PageLoading />;
  if (session.data) return <Navigate to={target} replace />;

  const onFinish = (values: LoginRequest) => login.mutate(values, { onSuccess: () => void navigate(target, { replace: true }) });

  return (
    <div className="login-screen">
      <div className="login-language">
        <LanguageSwitch />
      </div>
      <Card className="login-card">
        <div className="login-heading">
          <span className="app-brand-mark large">公</span>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('login.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
        </div>
        <Form<LoginRequest> layout="vertical" onFinish={onFinish} requiredMark={false} disabled={login.isPending}>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          {login.isError ? (
            <Alert
              type="error"
              showIcon
              title={t('login.failed')}
              description={errorMessage(login.error)}
              style={{ marginBottom: 16 }}
              data-testid="login-error"
            />
          ) : null}
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
