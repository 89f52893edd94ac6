import type { DraftSummary, PublicationView } from '@gzh/contracts';
import { DeleteOutlined, EditOutlined, EyeOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, List, Popconfirm, Space, Spin, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useDeleteDraft, useDeletePublished, useDrafts, usePublications, usePublishDraft } from '../api/articles';
import { QueryError } from '../components/query-state';
import { useI18n } from '../i18n';
import { publishStatusView } from '../lib/article-editor';
import { formatDateTime } from '../lib/format';

type ArticlesTab = 'drafts' | 'publications';

/**
 * Articles (图文): the draft box and the publication record of the current account. Drafts are
 * edited in the article editor and published from here or from the editor; publications list
 * their pages with read, read-through and share counts, and articles can be deleted (their pages
 * then say so). The tab is in the URL (`?tab=publications`).
 */
export function ArticlesPage() {
  const { appid = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const tab: ArticlesTab = search.get('tab') === 'publications' ? 'publications' : 'drafts';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div className="page-header">
        <Typography.Title level={3}>{t('articles.title')}</Typography.Title>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => void navigate(`/accounts/${encodeURIComponent(appid)}/articles/new`)}
          data-testid="article-new"
        >
          {t('articles.new')}
        </Button>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(key) => setSearch(key === 'drafts' ? {} : { tab: key }, { replace: true })}
        items={[
          {
            key: 'drafts',
            label: t('articles.tab.drafts'),
            children: <Drafts appid={appid} onPublished={() => setSearch({ tab: 'publications' })} />,
          },
          { key: 'publications', label: t('articles.tab.publications'), children: <Publications appid={appid} /> },
        ]}
      />
    </Space>
  );
}

function Drafts({ appid, onPublished }: { appid: string; onPublished: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const drafts = useDrafts(appid);
  const publish = usePublishDraft(appid);
  const remove = useDeleteDraft(appid);
  if (drafts.isError) return <QueryError error={drafts.error} onRetry={() => void drafts.refetch()} />;
  const edit = (d: DraftSummary) =>
    void navigate(`/accounts/${encodeURIComponent(appid)}/articles/drafts/${encodeURIComponent(d.mediaId)}`);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('articles.help.drafts')} />
      <Spin spinning={drafts.isFetching && !!drafts.data}>
        {!drafts.data ? (
          <Spin />
        ) : drafts.data.items.length === 0 ? (
          <Empty description={t('articles.emptyDrafts')} />
        ) : (
          <List
            grid={{ gutter: 16, xs: 1, sm: 2, lg: 3, xxl: 4 }}
            dataSource={drafts.data.items}
            renderItem={(d) => (
              <List.Item>
                <Card
                  size="small"
                  data-testid="draft-card"
                  cover={
                    d.articles[0]?.thumbUrl ? <img className="draft-cover" src={d.articles[0].thumbUrl} alt="" /> : undefined
                  }
                  actions={[
                    <Tooltip key="edit" title={t('common.edit')}>
                      <Button type="text" icon={<EditOutlined />} onClick={() => edit(d)} aria-label={t('common.edit')} />
                    </Tooltip>,
                    <Tooltip key="preview" title={t('articles.preview')}>
                      <Button
                        type="text"
                        icon={<EyeOutlined />}
                        href={d.articles[0]?.url}
                        target="_blank"
                        rel="noopener noreferrer"
                        aria-label={t('articles.preview')}
                      />
                    </Tooltip>,
                    <Popconfirm
                      key="publish"
                      title={t('articles.publishConfirm')}
                      onConfirm={() =>
                        publish.mutate(d.mediaId, {
                          onSuccess: () => {
                            void message.success(t('articles.published'));
                            onPublished();
                          },
                        })
                      }
                    >
                      <Button type="text" icon={<SendOutlined />} data-testid="draft-publish">
                        {t('articles.publish')}
                      </Button>
                    </Popconfirm>,
                    <Popconfirm
                      key="delete"
                      title={t('articles.deleteDraftConfirm')}
                      onConfirm={() =>
                        remove.mutate(d.mediaId, { onSuccess: () => void message.success(t('articles.draftDeleted')) })
                      }
                    >
                      <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                    </Popconfirm>,
                  ]}
                >
                  <Card.Meta
                    title={
                      <Typography.Link onClick={() => edit(d)} ellipsis>
                        {d.articles[0]?.title || t('articles.untitled')}
                      </Typography.Link>
                    }
                    description={
                      <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                        {d.articles.slice(1).map((a, i) => (
                          <Typography.Text key={i} ellipsis>
                            {a.title || t('articles.untitled')}
                          </Typography.Text>
                        ))}
                        <Typography.Text type="secondary">
                          {t('articles.count', { n: d.articles.length })} ·{' '}
                          {t('articles.updatedAt', { time: formatDateTime(d.updatedAt, locale) })}
                        </Typography.Text>
                      </Space>
                    }
                  />
                </Card>
              </List.Item>
            )}
          />
        )}
      </Spin>
    </Space>
  );
}

function Publications({ appid }: { appid: string }) {
  const { t, locale } = useI18n();
  const publications = usePublications(appid);
  const remove = useDeletePublished(appid);
  if (publications.isError) return <QueryError error={publications.error} onRetry={() => void publications.refetch()} />;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('articles.help.publications')} />
      <Table<PublicationView>
        rowKey="publishId"
        loading={publications.isLoading}
        dataSource={publications.data ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('articles.emptyPublications')} /> }}
        onRow={() => ({ 'data-testid': 'publication-row' }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            key: 'time',
            title: t('articles.col.time'),
            width: 180,
            render: (_, p) => formatDateTime(p.publishedAt ?? p.createdAt, locale),
          },
          {
            key: 'articles',
            title: t('articles.col.articles'),
            render: (_, p) =>
              p.articles.length === 0 ? (
                <Typography.Text type="secondary">
                  {p.failIdx.length ? t('articles.failIdx', { list: p.failIdx.join(', ') }) : '—'}
                </Typography.Text>
              ) : (
                <Space orientation="vertical" size={4}>
                  {p.articles.map((a) => (
                    <Space key={a.idx} size={6}>
                      {a.deleted ? (
                        <Typography.Text delete type="secondary">
                          {a.title}
                        </Typography.Text>
                      ) : (
                        <Typography.Link href={a.url} target="_blank" rel="noopener noreferrer">
                          {a.title}
                        </Typography.Link>
                      )}
                      {a.deleted && <Tag>{t('articles.deletedTag')}</Tag>}
                      {!a.deleted && p.articleId && p.articles.filter((x) => !x.deleted).length > 1 && (
                        <Popconfirm
                          title={t('articles.deleteOneConfirm', { title: a.title })}
                          onConfirm={() => remove.mutate({ articleId: p.articleId!, index: a.idx })}
                        >
                          <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                        </Popconfirm>
                      )}
                    </Space>
                  ))}
                </Space>
              ),
          },
          {
            key: 'status',
            title: t('articles.col.status'),
            width: 120,
            render: (_, p) => {
              const view = publishStatusView(p.status);
              return <Tag color={view.color}>{t(view.key)}</Tag>;
            },
          },
          {
            key: 'stats',
            title: t('articles.col.stats'),
            width: 190,
            render: (_, p) => (
              <Space orientation="vertical" size={4}>
                {p.articles.map((a) => (
                  <Tooltip key={a.idx} title={t('articles.readers', { n: a.readers })}>
                    <span className="mono">
                      {a.reads} / {a.readThroughs} / {a.shares}
                    </span>
                  </Tooltip>
                ))}
              </Space>
            ),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            width: 120,
            render: (_, p) =>
              p.articleId && p.status === 0 ? (
                <Popconfirm
                  title={t('articles.deleteAllConfirm')}
                  onConfirm={() => remove.mutate({ articleId: p.articleId!, index: 0 })}
                >
                  <Button size="small" danger data-testid="publication-delete">
                    {t('articles.deleteAll')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}
