import { MATERIAL_TABS, type MaterialFileType, type MaterialTab, type MaterialView } from '@gzh/contracts';
import { CopyOutlined, DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Image,
  Pagination,
  Popconfirm,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useDeleteMaterial, useMaterialCounts, useMaterials, useUploadMaterial, MATERIAL_PAGE_SIZE } from '../api/materials';
import { QueryError } from '../components/query-state';
import { VideoUploadModal } from '../components/video-upload-modal';
import { useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { acceptOf, fileProblemMessage, formatSize } from '../lib/materials';

/**
 * The material library (素材库) of the current account: images (with thumbnails) and
 * thumbnails, voice, video and news, newest first, 20 a page. Operators upload permanent
 * materials and delete them; the server's refusals (format, size, a material in use by the menu
 * or an auto-reply) are shown as its message says.
 */
export function MaterialsPage() {
  const { appid = '' } = useParams();
  const { t } = useI18n();
  const [tab, setTab] = useState<MaterialTab>('image');
  const [page, setPage] = useState(1);
  const counts = useMaterialCounts(appid);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('materials.title')}</Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          setTab(key as MaterialTab);
          setPage(1);
        }}
        items={MATERIAL_TABS.map((key) => ({
          key,
          label: `${t(`materials.tab.${key}`)}${counts.data ? ` (${counts.data[key]})` : ''}`,
        }))}
      />
      <TabContent key={tab} appid={appid} tab={tab} page={page} onPage={setPage} />
    </Space>
  );
}

function TabContent({
  appid,
  tab,
  page,
  onPage,
}: {
  appid: string;
  tab: MaterialTab;
  page: number;
  onPage: (page: number) => void;
}) {
  const { t } = useI18n();
  const materials = useMaterials(appid, tab, page);
  if (materials.isError) return <QueryError error={materials.error} onRetry={() => void materials.refetch()} />;
  const data = materials.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Toolbar appid={appid} tab={tab} />
      <Spin spinning={materials.isFetching && !!data}>
        {!data ? (
          <Spin />
        ) : data.items.length === 0 ? (
          <Empty description={t('materials.empty')} />
        ) : tab === 'image' ? (
          <ImageGrid appid={appid} items={data.items} />
        ) : (
          <MaterialTable appid={appid} tab={tab} items={data.items} />
        )}
      </Spin>
      {data && data.total > MATERIAL_PAGE_SIZE && (
        <Pagination current={page} pageSize={MATERIAL_PAGE_SIZE} total={data.total} showSizeChanger={false} onChange={onPage} />
      )}
    </Space>
  );
}

/** Upload buttons of a tab and what it accepts. */
function Toolbar({ appid, tab }: { appid: string; tab: MaterialTab }) {
  const { t } = useI18n();
  const [videoOpen, setVideoOpen] = useState(false);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t(`materials.hint.${tab}`)} />
      {tab === 'image' && (
        <Space>
          <UploadButton appid={appid} type="image" label={t('materials.upload.image')} />
          <UploadButton appid={appid} type="thumb" label={t('materials.upload.thumb')} />
        </Space>
      )}
      {tab === 'voice' && <UploadButton appid={appid} type="voice" label={t('materials.upload.voice')} />}
      {tab === 'video' && (
        <>
          <Button type="primary" icon={<UploadOutlined />} onClick={() => setVideoOpen(true)} data-testid="upload-video">
            {t('materials.upload.video')}
          </Button>
          <VideoUploadModal appid={appid} open={videoOpen} onClose={() => setVideoOpen(false)} />
        </>
      )}
    </Space>
  );
}

function UploadButton({ appid, type, label }: { appid: string; type: MaterialFileType; label: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const upload = useUploadMaterial(appid);
  return (
    <Upload
      accept={acceptOf(type)}
      showUploadList={false}
      beforeUpload={(file) => {
        const problem = fileProblemMessage(t, type, file);
        if (problem) void message.error(problem);
        else
          upload.mutate({ type, file }, { onSuccess: () => void message.success(t('materials.uploaded', { name: file.name })) });
        // The upload goes through the console API, not antd's own request.
        return false;
      }}
    >
      <Button
        type={type === 'image' || type === 'voice' ? 'primary' : 'default'}
        icon={<UploadOutlined />}
        loading={upload.isPending}
        data-testid={`upload-${type}`}
      >
        {label}
      </Button>
    </Upload>
  );
}

function DeleteButton({ appid, material }: { appid: string; material: MaterialView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const remove = useDeleteMaterial(appid);
  return (
    <Popconfirm
      title={t('materials.deleteConfirm', { name: material.name })}
      okText={t('common.delete')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onConfirm={() =>
        void remove
          .mutateAsync(material.mediaId)
          .then(() => void message.success(t('materials.deleted')))
          .catch(() => undefined)
      }
    >
      <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} loading={remove.isPending} />
    </Popconfirm>
  );
}

function CopyIdButton({ mediaId }: { mediaId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <Tooltip title={t('materials.copyId')}>
      <Button
        type="text"
        icon={<CopyOutlined />}
        aria-label={t('materials.copyId')}
        onClick={() => void navigator.clipboard.writeText(mediaId).then(() => void message.success(t('common.copied')))}
      />
    </Tooltip>
  );
}

/** Images and thumbnails as cards with their picture; click to enlarge. */
function ImageGrid({ appid, items }: { appid: string; items: MaterialView[] }) {
  const { t, locale } = useI18n();
  return (
    <div
      style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', gap: 16 }}
      data-testid="material-grid"
    >
      <Image.PreviewGroup>
        {items.map((m) => (
          <Card
            key={m.mediaId}
            size="small"
            cover={<Image src={m.url} alt={m.name} height={140} style={{ objectFit: 'cover' }} />}
            actions={[<CopyIdButton key="copy" mediaId={m.mediaId} />, <DeleteButton key="delete" appid={appid} material={m} />]}
          >
            <Card.Meta
              title={
                <Space size={4}>
                  <Typography.Text ellipsis={{ tooltip: m.name }} style={{ maxWidth: 120 }}>
                    {m.name}
                  </Typography.Text>
                  {m.type === 'thumb' && <Tag>{t('materials.thumb')}</Tag>}
                </Space>
              }
              description={`${formatSize(m.size)} · ${formatDateTime(m.updatedAt, locale)}`}
            />
          </Card>
        ))}
      </Image.PreviewGroup>
    </div>
  );
}

/** Voice, video and news as a table with a player or the articles. */
function MaterialTable({ appid, tab, items }: { appid: string; tab: MaterialTab; items: MaterialView[] }) {
  const { t, locale } = useI18n();
  return (
    <Table<MaterialView>
      rowKey="mediaId"
      size="middle"
      dataSource={items}
      pagination={false}
      data-testid="material-table"
      columns={[
        {
          key: 'name',
          title: tab === 'news' ? t('materials.articles') : t('materials.name'),
          render: (_, m) =>
            m.articles ? (
              <Space orientation="vertical" size={4}>
                {m.articles.map((a, i) => (
                  <Space key={i}>
                    {a.thumbUrl && <Image src={a.thumbUrl} width={48} height={48} style={{ objectFit: 'cover' }} />}
                    <Typography.Text>{a.title}</Typography.Text>
                  </Space>
                ))}
              </Space>
            ) : (
              <Space orientation="vertical" size={0}>
                <Typography.Text>{m.title || m.name}</Typography.Text>
                {m.description && <Typography.Text type="secondary">{m.description}</Typography.Text>}
              </Space>
            ),
        },
        ...(tab === 'news'
          ? []
          : [
              {
                key: 'play',
                title: t('materials.play'),
                render: (_: unknown, m: MaterialView) =>
                  m.type === 'video' ? (
                    <video src={m.url} controls preload="metadata" width={220} />
                  ) : (
                    <audio src={m.url} controls preload="none" />
                  ),
              },
              {
                key: 'size',
                title: t('materials.size'),
                width: 100,
                render: (_: unknown, m: MaterialView) => formatSize(m.size),
              },
            ]),
        { key: 'updated', title: t('materials.updated'), width: 190, render: (_, m) => formatDateTime(m.updatedAt, locale) },
        {
          key: 'actions',
          title: t('common.actions'),
          width: 110,
          render: (_, m) => (
            <Space size={0}>
              <CopyIdButton mediaId={m.mediaId} />
              <DeleteButton appid={appid} material={m} />
            </Space>
          ),
        },
      ]}
    />
  );
}
