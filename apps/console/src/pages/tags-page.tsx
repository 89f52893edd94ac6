import type { TagView } from '@gzh/contracts';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { useCreateTag, useDeleteTag, useRenameTag, useTags } from '../api/tags';
import { QueryError } from '../components/query-state';
import { useI18n } from '../i18n';

/** Ids up to 99 are WeChat's reserved system tags (only 星标组 = 2 is listed); they cannot be edited. */
const isSystemTag = (tag: TagView) => tag.id <= 99;

/** WeChat limits tag names to 30 bytes of UTF-8, so 10 Chinese characters but 30 Latin ones. */
const fitsTagName = (name: string) => new TextEncoder().encode(name).length <= 30;

/** Tags of the current account: create, rename in place, delete, with follower counts. */
export function TagsPage() {
  const { appid = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const tags = useTags(appid);
  const create = useCreateTag(appid);
  const rename = useRenameTag(appid);
  const remove = useDeleteTag(appid);

  const onCreate = ({ name }: { name: string }) =>
    create.mutate(name.trim(), {
      onSuccess: () => {
        form.resetFields();
        void message.success(t('tags.created'));
      },
    });

  const onRename = (tag: TagView, name: string) => {
    const next = name.trim();
    if (!next || next === tag.name) return;
    if (!fitsTagName(next)) {
      void message.error(t('tags.nameRequired'));
      return;
    }
    rename.mutate({ id: tag.id, name: next }, { onSuccess: () => void message.success(t('tags.renamed')) });
  };

  if (tags.isError) return <QueryError error={tags.error} onRetry={() => void tags.refetch()} />;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('tags.title')}</Typography.Title>
      <Form form={form} layout="inline" onFinish={onCreate}>
        <Form.Item
          name="name"
          rules={[
            {
              validator: (_, value: unknown) =>
                typeof value === 'string' && value.trim() && fitsTagName(value.trim())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('tags.nameRequired'))),
            },
          ]}
        >
          <Input placeholder={t('tags.newName')} style={{ width: 240 }} data-testid="tag-name" />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={create.isPending}>
          {t('tags.create')}
        </Button>
      </Form>
      <Table<TagView>
        rowKey="id"
        size="middle"
        loading={tags.isPending}
        dataSource={tags.data ?? []}
        pagination={false}
        style={{ maxWidth: 760 }}
        data-testid="tags-table"
        columns={[
          { key: 'id', title: t('tags.id'), dataIndex: 'id', width: 80 },
          {
            key: 'name',
            title: t('tags.name'),
            render: (_, tag) =>
              isSystemTag(tag) ? (
                <Space>
                  {tag.name}
                  <Tag>{t('tags.system')}</Tag>
                </Space>
              ) : (
                <Typography.Text editable={{ tooltip: t('common.rename'), onChange: (name) => onRename(tag, name) }}>
                  {tag.name}
                </Typography.Text>
              ),
          },
          { key: 'count', title: t('tags.count'), dataIndex: 'count', width: 120, align: 'right' },
          {
            key: 'actions',
            title: t('common.actions'),
            width: 100,
            render: (_, tag) =>
              isSystemTag(tag) ? null : (
                <Popconfirm
                  title={t('tags.deleteConfirm', { name: tag.name })}
                  okText={t('common.delete')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() =>
                    void remove
                      .mutateAsync(tag.id)
                      .then(() => void message.success(t('tags.deleted')))
                      .catch(() => undefined)
                  }
                >
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                </Popconfirm>
              ),
          },
        ]}
      />
    </Space>
  );
}
