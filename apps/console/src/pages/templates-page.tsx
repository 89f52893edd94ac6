import type { PrivateTemplateView, TemplateSendView } from '@gzh/contracts';
import { DeleteOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useAccount } from '../api/accounts';
import {
  useDeleteTemplate,
  usePrivateTemplates,
  useSetTemplateIndustry,
  useTemplateIndustry,
  useTemplateSends,
} from '../api/templates';
import { QueryError } from '../components/query-state';
import { useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { industryLabel, MAX_PRIVATE_TEMPLATES } from '../lib/templates';
import { TemplateLibraryModal } from './template-library-modal';
import { TemplateSendPanel } from './template-send-panel';

/** The account's industries: two pickers, saved together, at most once a calendar month. */
function IndustryCard({ appid }: { appid: string }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const industry = useTemplateIndustry(appid);
  const save = useSetTemplateIndustry(appid);
  const [form] = Form.useForm<{ primaryId: number; secondaryId: number }>();
  const data = industry.data;
  const options = (data?.industries ?? []).map((i) => ({ value: i.id, label: `${i.id} ${industryLabel(i)}` }));

  return (
    <Card title={t('templates.industry')} loading={industry.isPending} data-testid="template-industry">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>
          {t('templates.primaryIndustry')}：{industryLabel(data?.primary) || t('templates.industryUnset')}
          {'　'}
          {t('templates.secondaryIndustry')}：{industryLabel(data?.secondary) || t('templates.industryUnset')}
        </Typography.Text>
        {data?.lockedUntil ? (
          <Alert type="info" showIcon title={t('templates.industryLocked', { date: formatDateTime(data.lockedUntil, locale) })} />
        ) : null}
        <Form
          form={form}
          layout="inline"
          initialValues={{ primaryId: data?.primary?.id, secondaryId: data?.secondary?.id }}
          key={`${data?.primary?.id}-${data?.secondary?.id}`}
          onFinish={(pair) =>
            save.mutate(pair, {
              onSuccess: (res) =>
                void message.success(
                  res.removed ? t('templates.industryRemoved', { count: res.removed }) : t('templates.industrySaved'),
                ),
            })
          }
        >
          <Form.Item name="primaryId" label={t('templates.primaryIndustry')} rules={[{ required: true }]}>
            <Select
              style={{ width: 260 }}
              options={options}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="industry-primary"
            />
          </Form.Item>
          <Form.Item name="secondaryId" label={t('templates.secondaryIndustry')} rules={[{ required: true }]}>
            <Select
              style={{ width: 260 }}
              options={options}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="industry-secondary"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} disabled={Boolean(data?.lockedUntil)}>
            {t('common.save')}
          </Button>
        </Form>
        <Typography.Text type="secondary">{t('templates.industryHelp')}</Typography.Text>
      </Space>
    </Card>
  );
}

/**
 * Template notices of a service account: industries, the private templates (added from the
 * library, at most 25), test sends with a live preview of the follower's card, and recent sends.
 */
export function TemplatesPage() {
  const { appid = '' } = useParams();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const account = useAccount(appid);
  const service = account.data?.type === 'service';
  const templates = usePrivateTemplates(appid, service);
  const sends = useTemplateSends(appid, service);
  const remove = useDeleteTemplate(appid);
  const [libraryOpen, setLibraryOpen] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);

  if (account.isError) return <QueryError error={account.error} onRetry={() => void account.refetch()} />;
  if (account.data && !service) {
    return (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Title level={3}>{t('templates.title')}</Typography.Title>
        <Alert type="warning" showIcon title={t('templates.subscriptionOnly')} />
      </Space>
    );
  }
  if (templates.isError) return <QueryError error={templates.error} onRetry={() => void templates.refetch()} />;

  const list = templates.data ?? [];
  const current = list.some((x) => x.templateId === selected) ? selected : (list[0]?.templateId ?? null);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('templates.title')}</Typography.Title>
      <IndustryCard appid={appid} />
      <Card
        title={`${t('templates.mine')} (${list.length}/${MAX_PRIVATE_TEMPLATES})`}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={list.length >= MAX_PRIVATE_TEMPLATES}
            onClick={() => setLibraryOpen(true)}
            data-testid="open-library"
          >
            {t('templates.addFromLibrary')}
          </Button>
        }
      >
        <Table<PrivateTemplateView>
          rowKey="templateId"
          size="middle"
          loading={templates.isPending}
          dataSource={list}
          pagination={false}
          locale={{ emptyText: t('templates.empty') }}
          data-testid="templates-table"
          columns={[
            {
              key: 'title',
              title: t('templates.col.title'),
              width: 200,
              render: (_, x) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>{x.title}</Typography.Text>
                  <Typography.Text type="secondary">{x.shortId}</Typography.Text>
                  {x.category ? <Tag color="blue">{t('templates.category')}</Tag> : null}
                </Space>
              ),
            },
            {
              key: 'templateId',
              title: t('templates.col.templateId'),
              width: 240,
              render: (_, x) => (
                <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                  {x.templateId}
                </Typography.Text>
              ),
            },
            {
              key: 'industry',
              title: t('templates.col.industry'),
              width: 170,
              render: (_, x) => `${x.primaryIndustry} / ${x.deputyIndustry}`,
            },
            {
              key: 'content',
              title: t('templates.col.content'),
              render: (_, x) => <pre className="tpl-content">{x.content}</pre>,
            },
            {
              key: 'actions',
              title: t('common.actions'),
              width: 110,
              render: (_, x) => (
                <Space>
                  <Button
                    type="text"
                    icon={<SendOutlined />}
                    aria-label={t('templates.sendTest')}
                    title={t('templates.sendTest')}
                    onClick={() => setSelected(x.templateId)}
                  />
                  <Popconfirm
                    title={t('templates.deleteConfirm', { title: x.title })}
                    okText={t('common.delete')}
                    okButtonProps={{ danger: true }}
                    cancelText={t('common.cancel')}
                    onConfirm={() =>
                      void remove
                        .mutateAsync(x.templateId)
                        .then(() => void message.success(t('templates.deleted')))
                        .catch(() => undefined)
                    }
                  >
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <TemplateSendPanel appid={appid} templates={list} selectedId={current} onSelect={setSelected} />
      <Card title={t('templates.sends')}>
        <Table<TemplateSendView>
          rowKey="msgid"
          size="small"
          loading={sends.isPending}
          dataSource={sends.data ?? []}
          pagination={false}
          columns={[
            { key: 'msgid', title: 'msgid', dataIndex: 'msgid', width: 180 },
            { key: 'title', title: t('templates.col.title'), dataIndex: 'title' },
            { key: 'openid', title: 'OpenID', dataIndex: 'openid' },
            {
              key: 'status',
              title: t('templates.sends.status'),
              width: 170,
              render: (_, s) => (
                <Tag color={s.status === 'success' ? 'green' : s.status === 'pending' ? 'default' : 'red'}>{s.status}</Tag>
              ),
            },
            { key: 'time', title: t('templates.sends.time'), width: 190, render: (_, s) => formatDateTime(s.createdAt, locale) },
          ]}
        />
      </Card>
      <TemplateLibraryModal appid={appid} open={libraryOpen} onClose={() => setLibraryOpen(false)} />
    </Space>
  );
}
