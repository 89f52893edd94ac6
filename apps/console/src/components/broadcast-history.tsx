import type { BroadcastConsoleView, BroadcastStatus, TagView } from '@gzh/contracts';
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Progress, Space, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useBroadcasts } from '../api/broadcasts';
import type { ContentKind } from '../lib/broadcasts';
import { CONTENT_KINDS, progressOf, summaryOf } from '../lib/broadcasts';
import { formatDateTime } from '../lib/format';
import { useI18n } from '../i18n';
import { QueryError } from './query-state';

const STATUS_COLORS: Record<BroadcastStatus, string> = {
  SENDING: 'processing',
  SEND_SUCCESS: 'success',
  SEND_FAIL: 'error',
  DELETE: 'default',
};

const isContentKind = (value: string): value is ContentKind => (CONTENT_KINDS as readonly string[]).includes(value);

const rowProps = (b: BroadcastConsoleView): HTMLAttributes<HTMLElement> =>
  ({ 'data-testid': 'broadcast-row', 'data-status': b.status, 'data-msgid': b.msgId }) as HTMLAttributes<HTMLElement>;

/**
 * Past broadcasts with WeChat's counters (Total / Filter / Sent / Error, as MASSSENDJOBFINISH
 * reports them) and, while a fan-out runs, a progress bar of followers processed of the audience;
 * the list re-reads itself every second until nothing is sending.
 */
export function BroadcastHistory({ appid, tags }: { appid: string; tags: readonly TagView[] }) {
  const { t, locale } = useI18n();
  const list = useBroadcasts(appid);
  const rows = list.data?.pages.flatMap((page) => page.broadcasts) ?? [];
  const tagName = (id: number | null) => tags.find((tag) => tag.id === id)?.name ?? String(id);

  return (
    <Card
      title={t('broadcasts.history')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isRefetching}>
          {t('common.refresh')}
        </Button>
      }
    >
      {list.isError && rows.length === 0 ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<BroadcastConsoleView>
          rowKey="msgId"
          size="middle"
          loading={list.isPending}
          dataSource={rows}
          pagination={false}
          onRow={rowProps}
          scroll={{ x: 1100 }}
          locale={{ emptyText: t('broadcasts.empty') }}
          data-testid="broadcast-history"
          columns={[
            {
              key: 'msgId',
              title: t('broadcasts.col.msgId'),
              width: 110,
              render: (_, b) => <Typography.Text className="mono">{b.msgId}</Typography.Text>,
            },
            {
              key: 'content',
              title: t('broadcasts.col.content'),
              render: (_, b) => (
                <Space size={4}>
                  <Tag>{isContentKind(b.msgType) ? t(`broadcasts.type.${b.msgType}`) : b.msgType}</Tag>
                  <Typography.Text ellipsis style={{ maxWidth: 260 }}>
                    {summaryOf(b.body)}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              key: 'audience',
              title: t('broadcasts.col.audience'),
              width: 130,
              render: (_, b) => (
                <Tag color={b.audience === 'preview' ? 'purple' : undefined}>
                  {b.audience === 'tag' ? tagName(b.tagId) : t(`broadcasts.audience.${b.audience}`)}
                </Tag>
              ),
            },
            {
              key: 'status',
              title: t('broadcasts.col.status'),
              width: 110,
              render: (_, b) => (
                <Tag color={STATUS_COLORS[b.status]} data-testid="broadcast-status">
                  {t(`broadcasts.status.${b.status}`)}
                </Tag>
              ),
            },
            {
              key: 'progress',
              title: t('broadcasts.col.progress'),
              width: 180,
              render: (_, b) => {
                const p = progressOf(b);
                return (
                  <div
                    title={t('broadcasts.progress', { done: p.done, total: p.total })}
                    data-testid="broadcast-progress"
                    data-percent={p.percent}
                  >
                    <Progress
                      size="small"
                      percent={p.percent}
                      format={() => `${p.done}/${p.total}`}
                      status={b.status === 'SENDING' ? 'active' : b.status === 'SEND_FAIL' ? 'exception' : 'success'}
                    />
                  </div>
                );
              },
            },
            { key: 'total', title: t('broadcasts.count.total'), width: 80, render: (_, b) => b.totalCount },
            { key: 'filter', title: t('broadcasts.count.filter'), width: 80, render: (_, b) => b.filterCount },
            {
              key: 'sent',
              title: t('broadcasts.count.sent'),
              width: 80,
              render: (_, b) => <span data-testid="broadcast-sent">{b.sentCount}</span>,
            },
            { key: 'error', title: t('broadcasts.count.error'), width: 80, render: (_, b) => b.errorCount },
            {
              key: 'createdAt',
              title: t('broadcasts.col.createdAt'),
              width: 180,
              render: (_, b) => formatDateTime(b.createdAt, locale),
            },
          ]}
        />
      )}
      {list.hasNextPage ? (
        <div className="load-more">
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('broadcasts.loadMore')}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
