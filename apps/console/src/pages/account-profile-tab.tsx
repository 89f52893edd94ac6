import type { AccountView, UpdateAccountRequest } from '@gzh/contracts';
import { App, Avatar, Button, Form, Input, Select, Switch } from 'antd';
import { useUpdateAccount } from '../api/accounts';
import { useI18n } from '../i18n';

type ProfileValues = Required<UpdateAccountRequest>;

function toValues(a: AccountView): ProfileValues {
  return {
    name: a.name,
    intro: a.intro,
    avatarUrl: a.avatarUrl,
    welcomeText: a.welcomeText,
    verified: a.verified,
    ipWhitelist: a.ipWhitelist,
    reportLocation: a.reportLocation,
  };
}

/** Public profile and access settings of an account; saves with one PATCH of the whole form. */
export function ProfileTab({ account }: { account: AccountView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProfileValues>();
  const update = useUpdateAccount(account.appid);
  const avatarUrl = Form.useWatch('avatarUrl', form);

  const onFinish = (values: ProfileValues) =>
    update.mutate(
      {
        ...values,
        name: values.name.trim(),
        avatarUrl: values.avatarUrl.trim(),
        ipWhitelist: [...new Set(values.ipWhitelist.map((ip) => ip.trim()).filter(Boolean))],
      },
      {
        onSuccess: ({ account: saved }) => {
          form.setFieldsValue(toValues(saved));
          void message.success(t('common.saved'));
        },
      },
    );

  return (
    <Form<ProfileValues>
      form={form}
      layout="vertical"
      style={{ maxWidth: 640 }}
      initialValues={toValues(account)}
      onFinish={onFinish}
    >
      <Form.Item
        name="name"
        label={t('profile.name')}
        rules={[{ required: true, whitespace: true, max: 30, message: t('profile.nameRequired') }]}
      >
        <Input maxLength={30} showCount />
      </Form.Item>
      <Form.Item name="intro" label={t('profile.intro')}>
        <Input.TextArea maxLength={120} showCount autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
      <Form.Item label={t('profile.avatarUrl')}>
        <div className="avatar-field">
          <Avatar size={40} src={avatarUrl || undefined}>
            {account.name.slice(0, 1)}
          </Avatar>
          <Form.Item name="avatarUrl" noStyle rules={[{ type: 'url', warningOnly: true }]}>
            <Input maxLength={1024} placeholder="https://…" />
          </Form.Item>
        </div>
      </Form.Item>
      <Form.Item name="welcomeText" label={t('profile.welcomeText')} extra={t('profile.welcomeHelp')}>
        <Input.TextArea maxLength={600} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
      </Form.Item>
      <Form.Item name="verified" label={t('profile.verified')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item
        name="reportLocation"
        label={t('profile.reportLocation')}
        extra={t('profile.reportLocationHelp')}
        valuePropName="checked"
      >
        <Switch />
      </Form.Item>
      <Form.Item name="ipWhitelist" label={t('profile.ipWhitelist')} extra={t('profile.ipWhitelistHelp')}>
        <Select mode="tags" tokenSeparators={[',', ' ', '，', '\n']} open={false} suffixIcon={null} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="profile-save">
        {t('common.save')}
      </Button>
    </Form>
  );
}
