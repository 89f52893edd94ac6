import type { AccountView, CallbackMode } from '@gzh/contracts';
import { ApiOutlined, CheckCircleFilled, HistoryOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Radio, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSaveDeveloperConfig, useVerifyDeveloper } from '../api/accounts';
import { ApiRequestError, errorMessage } from '../api/client';
import type { DeveloperFormValues } from '../lib/developer-config';
import {
  AES_KEY_PATTERN,
  CALLBACK_URL_PATTERN,
  developerConfigProblems,
  generateEncodingAesKey,
  TOKEN_PATTERN,
  toDeveloperConfig,
  toFormValues,
} from '../lib/developer-config';
import { useI18n } from '../i18n';

const MODES: CallbackMode[] = ['plain', 'compatible', 'safe'];

/** Outcome of the last URL check: from the Test button, or the check the server runs before enabling. */
interface Verification {
  source: 'test' | 'save';
  ok: boolean;
  reason: string | null;
  latencyMs: number | null;
  url: string;
}

/** The verification failure inside a refused save (400 `callback.verify_failed`), if that is what it is. */
function verifyFailure(error: unknown, url: string): Verification | null {
  if (!(error instanceof ApiRequestError) || error.code !== 'callback.verify_failed') return null;
  const reason = typeof error.details?.reason === 'string' ? error.details.reason : error.message;
  const failedUrl = typeof error.details?.url === 'string' ? error.details.url : url;
  return { source: 'save', ok: false, reason, latencyMs: null, url: failedUrl };
}

/**
 * The developer server (服务器配置): callback URL, Token, EncodingAESKey and encryption mode.
 * Formats are checked here first so typos are caught while typing; whatever the server still
 * rejects (it re-checks everything) is shown above the save button, not just in a toast.
 */
export function DeveloperTab({ account }: { account: AccountView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<DeveloperFormValues>();
  const save = useSaveDeveloperConfig(account.appid);
  const verify = useVerifyDeveloper(account.appid);
  const [problem, setProblem] = useState<string | null>(null);
  const [verification, setVerification] = useState<Verification | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const enabledNow = Form.useWatch('enabled', form) ?? account.developer.enabled;
  const live = account.developer.enabled;

  const onFinish = (values: DeveloperFormValues) => {
    const config = toDeveloperConfig(values);
    const problems = developerConfigProblems(config);
    if (problems.length > 0) {
      setProblem(problems.map((p) => t(`developer.${p}`)).join('；'));
      return;
    }
    setProblem(null);
    setSaveError(null);
    save.mutate(config, {
      onSuccess: ({ account: saved }) => {
        form.setFieldsValue(toFormValues(saved.developer));
        // Enabling passed the server's URL check: say so where the failure would have been.
        setVerification(
          saved.developer.enabled && saved.developer.url
            ? { source: 'save', ok: true, reason: null, latencyMs: null, url: saved.developer.url }
            : null,
        );
        void message.success(saved.developer.enabled ? t('developer.savedEnabled') : t('common.saved'));
      },
      onError: (error) => {
        const failure = verifyFailure(error, config.url ?? '');
        setVerification(failure);
        setSaveError(failure ? null : errorMessage(error));
      },
    });
  };

  /** Runs the URL check with what is typed now, without saving. */
  const runTest = async () => {
    try {
      await form.validateFields(['url', 'token']);
    } catch {
      return;
    }
    const config = toDeveloperConfig(form.getFieldsValue());
    if (!config.url || !config.token) {
      setVerification({ source: 'test', ok: false, reason: t('developer.testNeedsUrl'), latencyMs: null, url: config.url ?? '' });
      return;
    }
    const url = config.url;
    setVerification(null);
    verify.mutate(
      { url, token: config.token },
      {
        onSuccess: (result) =>
          setVerification({ source: 'test', ok: result.ok, reason: result.reason ?? null, latencyMs: result.latencyMs, url }),
        onError: (error) => setVerification({ source: 'test', ok: false, reason: errorMessage(error), latencyMs: null, url }),
      },
    );
  };

  const generate = () => {
    form.setFieldValue('encodingAesKey', generateEncodingAesKey());
    void form.validateFields(['encodingAesKey']);
  };

  const shownError = problem ?? saveError;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }}>
      <Space wrap data-testid="developer-status">
        {live ? (
          <Tag color="success" icon={<CheckCircleFilled />} data-testid="developer-enabled-tag">
            {t('developer.status.enabled')}
          </Tag>
        ) : (
          <Tag>{t('developer.status.disabled')}</Tag>
        )}
        <Typography.Text type="secondary">
          {live && account.developer.url
            ? t('developer.status.pushingTo', { url: account.developer.url })
            : t('developer.status.notPushing')}
        </Typography.Text>
        <Link to={`/accounts/${account.appid}/deliveries`}>
          <HistoryOutlined /> {t('developer.viewDeliveries')}
        </Link>
      </Space>
      <Form<DeveloperFormValues>
        form={form}
        layout="vertical"
        style={{ maxWidth: 720 }}
        initialValues={toFormValues(account.developer)}
        onFinish={onFinish}
        onValuesChange={() => {
          setProblem(null);
          setSaveError(null);
        }}
      >
        <Form.Item
          name="url"
          label={t('developer.url')}
          extra={t('developer.urlHelp')}
          rules={[{ pattern: CALLBACK_URL_PATTERN, message: t('developer.urlInvalid') }]}
        >
          <Input placeholder="https://example.com/wechat" maxLength={1024} data-testid="developer-url" />
        </Form.Item>
        <Form.Item
          name="token"
          label={t('developer.token')}
          rules={[{ pattern: TOKEN_PATTERN, message: t('developer.tokenInvalid') }]}
        >
          <Input maxLength={32} showCount className="mono" data-testid="developer-token" />
        </Form.Item>
        <Form.Item label={t('developer.aesKey')} required={false}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item
              name="encodingAesKey"
              noStyle
              rules={[{ pattern: AES_KEY_PATTERN, message: t('developer.aesKeyInvalid') }]}
            >
              <Input maxLength={43} showCount className="mono" data-testid="developer-aes-key" />
            </Form.Item>
            <Button icon={<ThunderboltOutlined />} onClick={generate} data-testid="developer-generate-key">
              {t('developer.generate')}
            </Button>
          </Space.Compact>
        </Form.Item>
        <Form.Item name="mode" label={t('developer.mode')}>
          <Radio.Group options={MODES.map((mode) => ({ value: mode, label: t(`developer.mode.${mode}`) }))} />
        </Form.Item>
        <Form.Item
          name="enabled"
          label={t('developer.enabled')}
          valuePropName="checked"
          extra={enabledNow ? t('developer.enabledHelp') : undefined}
        >
          <Switch data-testid="developer-enabled" />
        </Form.Item>
        {verification ? <VerificationAlert verification={verification} /> : null}
        {shownError ? (
          <Alert
            type="error"
            showIcon
            title={t('developer.saveFailed')}
            description={shownError}
            style={{ marginBottom: 16 }}
            data-testid="developer-error"
          />
        ) : null}
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="developer-save">
            {enabledNow && !live ? t('developer.verifyAndSave') : t('common.save')}
          </Button>
          <Button icon={<ApiOutlined />} loading={verify.isPending} onClick={() => void runTest()} data-testid="developer-test">
            {t('developer.test')}
          </Button>
        </Space>
      </Form>
    </Space>
  );
}

/** The URL check's result, under the form: why it failed (the server's reason) or how fast it passed. */
function VerificationAlert({ verification: v }: { verification: Verification }) {
  const { t } = useI18n();
  if (v.ok) {
    return (
      <Alert
        type="success"
        showIcon
        title={v.source === 'test' ? t('developer.testOk') : t('developer.enabledOk')}
        description={
          v.latencyMs === null
            ? t('developer.testOkUrl', { url: v.url })
            : t('developer.testOkDetail', { url: v.url, ms: v.latencyMs })
        }
        style={{ marginBottom: 16 }}
        data-testid="developer-verify-ok"
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      title={v.source === 'test' ? t('developer.testFailed') : t('developer.verifyFailed')}
      description={
        <Space orientation="vertical" size={4}>
          <Typography.Text strong data-testid="developer-verify-reason">
            {v.reason ?? t('common.unexpected')}
          </Typography.Text>
          <Typography.Text type="secondary" className="mono" style={{ wordBreak: 'break-all' }}>
            {v.url}
            {v.latencyMs === null ? '' : ` · ${v.latencyMs} ms`}
          </Typography.Text>
          <Typography.Text type="secondary">{t('developer.verifyHint')}</Typography.Text>
        </Space>
      }
      style={{ marginBottom: 16 }}
      data-testid="developer-verify-error"
    />
  );
}
