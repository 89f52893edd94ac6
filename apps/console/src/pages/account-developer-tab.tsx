import type { AccountView, CallbackMode } from '@gzh/contracts';
import { ThunderboltOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Radio, Space, Switch } from 'antd';
import { useState } from 'react';
import { useSaveDeveloperConfig } from '../api/accounts';
import { errorMessage } from '../api/client';
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
  const [problem, setProblem] = useState<string | null>(null);

  const onFinish = (values: DeveloperFormValues) => {
    const config = toDeveloperConfig(values);
    const problems = developerConfigProblems(config);
    if (problems.length > 0) {
      setProblem(problems.map((p) => t(`developer.${p}`)).join('；'));
      return;
    }
    setProblem(null);
    save.mutate(config, {
      onSuccess: ({ account: saved }) => {
        form.setFieldsValue(toFormValues(saved.developer));
        void message.success(t('common.saved'));
      },
    });
  };

  const generate = () => {
    form.setFieldValue('encodingAesKey', generateEncodingAesKey());
    void form.validateFields(['encodingAesKey']);
  };

  const shownError = problem ?? (save.isError ? errorMessage(save.error) : null);

  return (
    <Form<DeveloperFormValues>
      form={form}
      layout="vertical"
      style={{ maxWidth: 720 }}
      initialValues={toFormValues(account.developer)}
      onFinish={onFinish}
      onValuesChange={() => setProblem(null)}
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
          <Form.Item name="encodingAesKey" noStyle rules={[{ pattern: AES_KEY_PATTERN, message: t('developer.aesKeyInvalid') }]}>
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
      <Form.Item name="enabled" label={t('developer.enabled')} valuePropName="checked">
        <Switch data-testid="developer-enabled" />
      </Form.Item>
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
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="developer-save">
        {t('common.save')}
      </Button>
    </Form>
  );
}
