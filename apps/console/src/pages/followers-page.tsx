import type { FollowerView } from '@gzh/contracts';
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Table, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { FollowerFilters } from '../api/followers';
import { useFollowers } from '../api/followers';
import { useTags } from '../api/tags';
import { FollowerMessageDrawer } from '../components/follower-message-drawer';
import { QueryError } from '../components/query-state';
import { useI18n } from '../i18n';
import { useFollowerColumns } from './follower-columns';

type BoolFilter = 'true' | 'false' | undefined;

const rowProps = (): HTMLAttributes<HTMLElement> => ({ 'data-testid': 'follower-row' }) as HTMLAttributes<HTMLElement>;

/**
 * Followers of the current account: search, filters, in-place edits, keyset paging through
 * "load more" (the API has no page numbers, only a cursor to the next page), and a
 * customer-service message to one follower from the row's drawer.
 */
export function FollowersPage() {
  const { appid = '' } = useParams();
  const { t } = useI18n();
  const [filters, setFilters] = useState<FollowerFilters>({});
  const followers = useFollowers(appid, filters);
  const tags = useTags(appid);
  const [messaging, setMessaging] = useState<FollowerView | null>(null);
  const columns = useFollowerColumns(appid, tags.data ?? [], setMessaging);

  const rows: FollowerView[] = followers.data?.pages.flatMap((page) => page.followers) ?? [];
  const total = followers.data?.pages[0]?.total;
  const set = (patch: Partial<FollowerFilters>) => setFilters((prev) => ({ ...prev, ...patch }));
  const yesNo = (yes: string, no: string) => [
    { value: 'true', label: yes },
    { value: 'false', label: no },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div className="page-header">
        <Typography.Title level={3}>{t('followers.title')}</Typography.Title>
        <Typography.Text type="secondary" data-testid="followers-total">
          {total === undefined ? '' : t('followers.total', { total })}
        </Typography.Text>
      </div>
      <Space wrap>
        <Input.Search
          allowClear
          placeholder={t('followers.search')}
          style={{ width: 280 }}
          onSearch={(q) => set({ q: q.trim() || undefined })}
          data-testid="followers-search"
        />
        <Select<number>
          allowClear
          style={{ width: 180 }}
          placeholder={t('followers.filterTag')}
          value={filters.tagId}
          onChange={(tagId) => set({ tagId })}
          options={(tags.data ?? []).map((tag) => ({ value: tag.id, label: `${tag.name} (${tag.count})` }))}
        />
        <Select<BoolFilter>
          allowClear
          style={{ width: 140 }}
          placeholder={t('followers.filterBlacklisted')}
          value={filters.blacklisted}
          onChange={(blacklisted) => set({ blacklisted })}
          options={yesNo(t('followers.blacklistedOnly'), t('followers.notBlacklisted'))}
        />
        <Select<BoolFilter>
          allowClear
          style={{ width: 140 }}
          placeholder={t('followers.filterSubscribed')}
          value={filters.subscribed}
          onChange={(subscribed) => set({ subscribed })}
          options={yesNo(t('followers.subscribedOnly'), t('followers.unsubscribedOnly'))}
        />
        <Button icon={<ReloadOutlined />} onClick={() => void followers.refetch()} loading={followers.isRefetching}>
          {t('common.refresh')}
        </Button>
      </Space>
      {followers.isError && rows.length === 0 ? (
        <QueryError error={followers.error} onRetry={() => void followers.refetch()} />
      ) : (
        <div data-testid="followers-table">
          <Table<FollowerView>
            rowKey="openid"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={followers.isPending}
            pagination={false}
            scroll={{ x: 1200 }}
            onRow={rowProps}
          />
        </div>
      )}
      <div className="load-more">
        <Typography.Text type="secondary">{t('followers.loaded', { count: rows.length })}</Typography.Text>
        {followers.hasNextPage ? (
          <Button
            onClick={() => void followers.fetchNextPage()}
            loading={followers.isFetchingNextPage}
            data-testid="followers-load-more"
          >
            {t('followers.loadMore')}
          </Button>
        ) : rows.length > 0 ? (
          <Typography.Text type="secondary">{t('followers.noMore')}</Typography.Text>
        ) : null}
      </div>
      <FollowerMessageDrawer appid={appid} follower={messaging} onClose={() => setMessaging(null)} />
    </Space>
  );
}
