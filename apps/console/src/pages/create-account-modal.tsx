import type { AccountType, CreateAccountRequest } from '@gzh/contracts';
import { App, Form, Input, Modal, Radio, Switch } from 'antd';
import type { CreatedAccount } from '../api/accounts';
import { useCreateAccount } from '../api/accounts';
import { useI18n } from '../i18n';

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (result: CreatedAccount) => void;
}

const TYPES: AccountType[] = ['subscription', 'service'];

/** Creates an account (name, 订阅号/服务号, verified, intro); the caller then shows its secret once. */
export function CreateAccountModal({ open, onClose, onCreated }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateAccountRequest>();
  const create = useCreateAccount();

  const onFinish = (values: CreateAccountRequest) =>
    create.mutate(
      { ...values, name: values.name.trim(), intro: values.intro?.trim() || undefined },
      {
        onSuccess: (result) => {
          void message.success(t('accounts.created', { name: result.account.name }));
          form.resetFields();
          onCreated(result);
        },
      },
    );

  return (
    <Modal
      open={open}
      title={t('accounts.create')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
      forceRender
    >
      <Form<CreateAccountRequest>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ type: 'subscription', verified: false }}
      >
        <Form.Item
          name="name"
          label={t('accounts.form.name')}
          rules={[{ required: true, whitespace: true, max: 30, message: t('accounts.form.nameRequired') }]}
        >
          <Input maxLength={30} showCount data-testid="create-account-name" />
        </Form.Item>
        <Form.Item name="type" label={t('accounts.form.type')}>
          <Radio.Group optionType="button" options={TYPES.map((type) => ({ value: type, label: t(`account.type.${type}`) }))} />
        </Form.Item>
        <Form.Item name="verified" label={t('accounts.form.verified')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="intro" label={t('accounts.form.intro')}>
          <Input.TextArea maxLength={120} showCount autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
