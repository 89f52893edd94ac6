import type { PrivateTemplateView } from '@gzh/contracts';
import { SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useFollowers } from '../api/followers';
import { useSendTemplate } from '../api/templates';
import { TemplateCardPreview } from '../components/template-card-preview';
import { useI18n } from '../i18n';
import { requiredFields, sendData, type FieldDraft } from '../lib/templates';

interface SendForm {
  openid?: string;
  fields?: Record<string, FieldDraft | undefined>;
  url?: string;
}

/**
 * Sends a test notice to one follower through the same path as `message/template/send`, with a
 * live preview of the card the follower will see. The follower list is the account's subscribed
 * followers (first page; search narrows it on the server).
 */
export function TemplateSendPanel({
  appid,
  templates,
  selectedId,
  onSelect,
}: {
  appid: string;
  templates: PrivateTemplateView[];
  selectedId: string | null;
  onSelect: (templateId: string) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<SendForm>();
  const [search, setSearch] = useState('');
  const followers = useFollowers(appid, { subscribed: 'true', ...(search ? { q: search } : {}) });
  const send = useSendTemplate(appid);
  const template = templates.find((x) => x.templateId === selectedId) ?? null;
  const fields = Form.useWatch('fields', form) ?? {};
  const url = Form.useWatch('url', form);

  const onSend = (values: SendForm) => {
    if (!template || !values.openid) return;
    send.mutate(
      {
        openid: values.openid,
        templateId: template.templateId,
        data: sendData(template, values.fields ?? {}),
        ...(values.url ? { url: values.url } : {}),
      },
      {
        onSuccess: ({ send: result }) =>
          void message.success(t(result.repeated ? 'templates.send.repeated' : 'templates.send.sent', { msgid: result.msgid })),
      },
    );
  };

  const required = new Set(template ? requiredFields(template) : []);
  const followerOptions = (followers.data?.pages ?? []).flatMap((page) =>
    page.followers.map((f) => ({ value: f.openid, label: `${f.nickname} (${f.openid})` })),
  );

  return (
    <Card title={t('templates.send.title')} data-testid="template-send">
      {templates.length === 0 ? (
        <Empty description={t('templates.empty')} />
      ) : (
        <Row gutter={24}>
          <Col xs={24} lg={14}>
            <Form<SendForm> form={form} layout="vertical" onFinish={onSend}>
              <Form.Item label={t('templates.send.template')} required>
                <Select
                  value={selectedId ?? undefined}
                  onChange={(id: string) => {
                    form.setFieldValue('fields', {});
                    onSelect(id);
                  }}
                  placeholder={t('templates.send.pickTemplate')}
                  options={templates.map((x) => ({ value: x.templateId, label: `${x.title} · ${x.templateId}` }))}
                  data-testid="send-template"
                />
              </Form.Item>
              <Form.Item name="openid" label={t('templates.send.follower')} rules={[{ required: true }]}>
                <Select
                  showSearch={{ filterOption: false, onSearch: setSearch }}
                  loading={followers.isFetching}
                  placeholder={t('templates.send.followerPlaceholder')}
                  options={followerOptions}
                  data-testid="send-follower"
                />
              </Form.Item>
              {template ? (
                <>
                  <Typography.Text type="secondary">
                    {t('templates.send.fields')}
                    {template.category ? ` · ${t('templates.send.colorIgnored')}` : ''}
                  </Typography.Text>
                  {template.placeholders.map((name) => (
                    <Space.Compact key={name} block style={{ marginTop: 8 }}>
                      <Space.Addon style={{ minWidth: 150 }}>{name}</Space.Addon>
                      <Form.Item
                        name={['fields', name, 'value']}
                        noStyle
                        rules={required.has(name) ? [{ required: true, message: `${name}` }] : []}
                      >
                        <Input placeholder={t('templates.send.value')} data-testid={`field-${name}`} />
                      </Form.Item>
                      {template.category ? null : (
                        <Form.Item name={['fields', name, 'color']} noStyle>
                          <Input
                            style={{ width: 120 }}
                            placeholder="#173177"
                            aria-label={`${name} ${t('templates.send.color')}`}
                          />
                        </Form.Item>
                      )}
                    </Space.Compact>
                  ))}
                  <Form.Item
                    name="url"
                    label={t('templates.send.url')}
                    extra={t('templates.send.urlHelp')}
                    style={{ marginTop: 16 }}
                    rules={[{ pattern: /^https?:\/\/\S+$/i, message: t('templates.send.urlHelp') }]}
                  >
                    <Input placeholder="https://" />
                  </Form.Item>
                  <Button
                    type="primary"
                    htmlType="submit"
                    icon={<SendOutlined />}
                    loading={send.isPending}
                    data-testid="send-submit"
                  >
                    {t('templates.send.submit')}
                  </Button>
                </>
              ) : null}
            </Form>
          </Col>
          <Col xs={24} lg={10}>
            <Typography.Title level={5}>{t('templates.send.preview')}</Typography.Title>
            {template ? (
              <div className="tpl-phone">
                <TemplateCardPreview
                  title={template.title}
                  content={template.content}
                  data={sendData(template, fields)}
                  url={typeof url === 'string' ? url : undefined}
                />
              </div>
            ) : (
              <Empty description={t('templates.send.pickTemplate')} />
            )}
          </Col>
        </Row>
      )}
    </Card>
  );
}
