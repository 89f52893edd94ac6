import type { DeliveryView } from '@gzh/contracts';
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useAccount } from '../api/accounts';
import type { DeliveryFilters } from '../api/deliveries';
import { useDeliveries } from '../api/deliveries';
import { DeliveryDrawer, Latency } from '../components/delivery-drawer';
import { OutcomeTag } from '../components/outcome-tag';
import { QueryError } from '../components/query-state';
import { DELIVERY_KINDS, mergePages, OUTCOMES } from '../lib/deliveries';
import { formatDateTime } from '../lib/format';
import { useI18n } from '../i18n';

const rowProps = (row: DeliveryView, open: (id: string) => void): HTMLAttributes<HTMLElement> =>
  ({
    'data-testid': 'delivery-row',
    'data-id': row.id,
    className: 'row-clickable',
    onClick: () => open(row.id),
  }) as HTMLAttributes<HTMLElement>;

/**
 * The delivery ledger (推送记录): every push to the developer server with its outcome, status and
 * timing, filterable, newest first; a row opens the full request/response and a replay. The open
 * delivery is in the URL (`?id=`), so a link to one failed push can be shared.
 */
export function DeliveriesPage() {
  const { appid = '' } = useParams();
  const { t, locale } = useI18n();
  const [filters, setFilters] = useState<DeliveryFilters>({});
  const [live, setLive] = useState(false);
  const [search, setSearch] = useSearchParams();
  const openId = search.get('id');
  const account = useAccount(appid);
  const deliveries = useDeliveries(appid, filters, live);

  const open = (id: string) => setSearch({ id });
  const close = () => setSearch({});
  const set = (patch: Partial<DeliveryFilters>) => setFilters((prev) => ({ ...prev, ...patch }));
  const rows = mergePages(deliveries.data?.pages ?? []);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div className="page-header">
        <Typography.Title level={3}>{t('delivery.title')}</Typography.Title>
        <Space>
          <Typography.Text type="secondary">{t('delivery.live')}</Typography.Text>
          <Switch size="small" checked={live} onChange={setLive} data-testid="deliveries-live" />
          <Button icon={<ReloadOutlined />} onClick={() => void deliveries.refetch()} loading={deliveries.isRefetching}>
            {t('common.refresh')}
          </Button>
        </Space>
      </div>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('delivery.intro')}
      </Typography.Paragraph>
      {account.data && !account.data.developer.enabled ? (
        <Alert
          type="info"
          showIcon
          title={t('delivery.developerDisabled')}
          action={<Link to={`/accounts/${appid}/developer`}>{t('delivery.configure')}</Link>}
        />
      ) : null}
      <Space wrap>
        <Select<string>
          allowClear
          style={{ width: 200 }}
          placeholder={t('delivery.filterOutcome')}
          value={filters.outcome}
          onChange={(outcome) => set({ outcome })}
          options={OUTCOMES.map((o) => ({ value: o, label: <OutcomeTag outcome={o} /> }))}
          data-testid="deliveries-outcome"
        />
        <Select<string>
          allowClear
          showSearch
          style={{ width: 200 }}
          placeholder={t('delivery.filterKind')}
          value={filters.kind}
          onChange={(kind) => set({ kind })}
          options={DELIVERY_KINDS.map((k) => ({ value: k, label: k }))}
          data-testid="deliveries-kind"
        />
        <Input.Search
          allowClear
          placeholder={t('delivery.filterOpenid')}
          style={{ width: 300 }}
          onSearch={(openid) => set({ openid: openid.trim() || undefined })}
          data-testid="deliveries-openid"
        />
      </Space>
      {deliveries.isError ? (
        <QueryError error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : (
        <Table<DeliveryView>
          rowKey="id"
          size="middle"
          loading={deliveries.isPending}
          dataSource={rows}
          pagination={false}
          onRow={(row) => rowProps(row, open)}
          scroll={{ x: 960 }}
          data-testid="deliveries-table"
          locale={{ emptyText: t('delivery.empty') }}
          columns={[
            {
              key: 'time',
              title: t('delivery.time'),
              width: 180,
              render: (_, row) => formatDateTime(row.createdAt, locale),
            },
            { key: 'kind', title: t('delivery.kind'), width: 150, render: (_, row) => <Tag>{row.kind}</Tag> },
            {
              key: 'outcome',
              title: t('delivery.outcome'),
              width: 130,
              render: (_, row) => <OutcomeTag outcome={row.outcome} />,
            },
            {
              key: 'status',
              title: t('delivery.httpStatus'),
              width: 90,
              align: 'right',
              render: (_, row) => row.httpStatus ?? '—',
            },
            {
              key: 'latency',
              title: t('delivery.latency'),
              width: 100,
              align: 'right',
              render: (_, row) => <Latency ms={row.latencyMs} />,
            },
            {
              key: 'openid',
              title: t('delivery.openid'),
              render: (_, row) => (
                <Typography.Text className="mono" ellipsis style={{ maxWidth: 240 }}>
                  {row.openid ?? '—'}
                </Typography.Text>
              ),
            },
            {
              key: 'attempt',
              title: t('delivery.attemptShort'),
              width: 70,
              align: 'right',
              render: (_, row) => (row.replayOf ? <Tag color="purple">{t('delivery.replayTag')}</Tag> : row.attempt),
            },
            { key: 'replyType', title: t('delivery.replyType'), width: 110, render: (_, row) => row.replyType ?? '' },
          ]}
        />
      )}
      {rows.length > 0 ? (
        <div className="load-more">
          <Typography.Text type="secondary">{t('delivery.loaded', { count: rows.length })}</Typography.Text>
          {deliveries.hasNextPage ? (
            <Button onClick={() => void deliveries.fetchNextPage()} loading={deliveries.isFetchingNextPage}>
              {t('followers.loadMore')}
            </Button>
          ) : (
            <Typography.Text type="secondary">{t('delivery.noMore')}</Typography.Text>
          )}
        </div>
      ) : null}
      <DeliveryDrawer appid={appid} id={openId} onClose={close} onSelect={open} />
    </Space>
  );
}
