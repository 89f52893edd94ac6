import type { DeliveryView } from '@gzh/contracts';
import { RedoOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Descriptions, Drawer, Empty, Input, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import type { ReplayResult } from '../api/deliveries';
import { useDelivery, useReplayDelivery } from '../api/deliveries';
import { latencyTone, sameResponse } from '../lib/deliveries';
import { formatDateTime } from '../lib/format';
import { changedLines, fullUrl, prettyBody, queryParams } from '../lib/pretty';
import { useI18n } from '../i18n';
import { CodeBlock } from './code-block';
import { OutcomeTag } from './outcome-tag';
import { QueryError } from './query-state';

const CALLBACK_URL = /^https?:\/\/\S+$/i;

/** Latency in ms, orange/red as it nears WeChat's 5-second timeout. */
export function Latency({ ms }: { ms: number }) {
  return <Typography.Text type={latencyTone(ms)}>{ms} ms</Typography.Text>;
}

/**
 * Everything about one push attempt: the signed URL, the plain and the sent (possibly encrypted)
 * body, the developer server's answer and error, every attempt of the same push, and a replay
 * (to the same URL or another one) compared side by side with the original answer.
 */
export function DeliveryDrawer({
  appid,
  id,
  onClose,
  onSelect,
}: {
  appid: string;
  id: string | null;
  onClose: () => void;
  onSelect: (id: string) => void;
}) {
  const { t } = useI18n();
  const detail = useDelivery(appid, id);

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={960}
      destroyOnHidden
      title={t('delivery.detailTitle')}
      data-testid="delivery-drawer"
    >
      {detail.isPending ? (
        <div className="page-loading">
          <Spin />
        </div>
      ) : detail.isError ? (
        <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
      ) : (
        <DeliveryDetail
          key={detail.data.delivery.id}
          appid={appid}
          delivery={detail.data.delivery}
          attempts={detail.data.attempts}
          onSelect={onSelect}
        />
      )}
    </Drawer>
  );
}

function DeliveryDetail({
  appid,
  delivery: d,
  attempts,
  onSelect,
}: {
  appid: string;
  delivery: DeliveryView;
  attempts: DeliveryView[];
  onSelect: (id: string) => void;
}) {
  const { t, locale } = useI18n();
  const params = queryParams(d.query);
  const url = fullUrl(d.url, d.query);
  const encrypted = d.sentBody !== d.plainBody;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions
        size="small"
        bordered
        column={2}
        items={[
          { key: 'outcome', label: t('delivery.outcome'), children: <OutcomeTag outcome={d.outcome} /> },
          { key: 'time', label: t('delivery.time'), children: formatDateTime(d.createdAt, locale) },
          { key: 'kind', label: t('delivery.kind'), children: <Tag>{d.kind}</Tag> },
          { key: 'openid', label: t('delivery.openid'), children: <span className="mono">{d.openid ?? '—'}</span> },
          { key: 'status', label: t('delivery.httpStatus'), children: d.httpStatus ?? '—' },
          { key: 'latency', label: t('delivery.latency'), children: <Latency ms={d.latencyMs} /> },
          { key: 'attempt', label: t('delivery.attempt'), children: d.attempt },
          { key: 'mode', label: t('delivery.mode'), children: d.mode },
          { key: 'replyType', label: t('delivery.replyType'), children: d.replyType ?? '—' },
          {
            key: 'replayOf',
            label: t('delivery.replayOf'),
            children: d.replayOf ? (
              <Typography.Link className="mono" onClick={() => onSelect(d.replayOf ?? '')}>
                {d.replayOf}
              </Typography.Link>
            ) : (
              '—'
            ),
          },
          {
            key: 'ids',
            label: t('delivery.ids'),
            span: 2,
            children: (
              <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
                id {d.id} · push {d.pushId}
              </Typography.Text>
            ),
          },
        ]}
      />

      {d.error ? (
        <Alert type="error" showIcon title={t('delivery.error')} description={d.error} data-testid="delivery-error" />
      ) : null}

      <section>
        <Typography.Title level={5}>{t('delivery.request')}</Typography.Title>
        <Space orientation="vertical" size="small" style={{ width: '100%' }}>
          <Typography.Paragraph
            className="mono delivery-url"
            copyable={{ text: url, tooltips: [t('common.copy'), t('common.copied')] }}
            data-testid="delivery-url"
          >
            POST {url}
          </Typography.Paragraph>
          {params.length > 0 ? (
            <Descriptions
              size="small"
              column={1}
              bordered
              items={params.map(([name, value], i) => ({
                key: `${i}-${name}`,
                label: <span className="mono">{name}</span>,
                children: <span className="mono">{value}</span>,
              }))}
            />
          ) : null}
          <CodeBlock label={t('delivery.plainBody')} text={d.plainBody} testId="delivery-plain-body" />
          {encrypted ? (
            <CodeBlock label={t('delivery.sentBody')} text={d.sentBody} testId="delivery-sent-body" />
          ) : (
            <Typography.Text type="secondary">{t('delivery.sentSame')}</Typography.Text>
          )}
        </Space>
      </section>

      <section>
        <Typography.Title level={5}>{t('delivery.response')}</Typography.Title>
        <CodeBlock
          label={d.httpStatus === null ? t('delivery.noResponse') : `HTTP ${d.httpStatus}`}
          text={d.responseBody}
          emptyText={d.httpStatus === null ? t('delivery.noResponse') : t('delivery.emptyResponse')}
          testId="delivery-response"
        />
      </section>

      <ReplaySection appid={appid} delivery={d} />

      <section>
        <Typography.Title level={5}>{t('delivery.attempts', { count: attempts.length })}</Typography.Title>
        <AttemptsTable attempts={attempts} currentId={d.id} onSelect={onSelect} />
      </section>
    </Space>
  );
}

/** Replays the push and compares the new answer with the original one. */
function ReplaySection({ appid, delivery }: { appid: string; delivery: DeliveryView }) {
  const { t } = useI18n();
  const replay = useReplayDelivery(appid);
  const [url, setUrl] = useState(delivery.url);
  const [result, setResult] = useState<ReplayResult | null>(null);
  const target = url.trim();
  const urlValid = CALLBACK_URL.test(target);

  const run = () =>
    replay.mutate(
      { id: delivery.id, url: target === delivery.url ? undefined : target },
      { onSuccess: (answer) => setResult(answer) },
    );

  return (
    <section>
      <Typography.Title level={5}>{t('delivery.replay')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('delivery.replayHelp')}</Typography.Paragraph>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          status={target && !urlValid ? 'error' : undefined}
          placeholder="https://example.com/wechat"
          className="mono"
          allowClear
          data-testid="delivery-replay-url"
        />
        <Button
          type="primary"
          icon={<RedoOutlined />}
          loading={replay.isPending}
          disabled={!urlValid}
          onClick={run}
          data-testid="delivery-replay"
        >
          {target === delivery.url ? t('delivery.replaySame') : t('delivery.replayOther')}
        </Button>
      </Space.Compact>
      {target && !urlValid ? <Typography.Text type="danger">{t('developer.urlInvalid')}</Typography.Text> : null}
      {replay.isError ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={t('delivery.replayFailed')}
          description={errorMessage(replay.error)}
          data-testid="delivery-replay-error"
        />
      ) : null}
      {result ? <ReplayCompare original={result.original} replayed={result.delivery} /> : null}
    </section>
  );
}

/** Original and replayed answers next to each other, with a verdict on whether they match. */
function ReplayCompare({ original, replayed }: { original: DeliveryView; replayed: DeliveryView }) {
  const { t } = useI18n();
  const same = sameResponse(original.responseBody, replayed.responseBody) && original.httpStatus === replayed.httpStatus;
  const diff = changedLines(prettyBody(original.responseBody ?? ''), prettyBody(replayed.responseBody ?? ''));
  const column = (title: string, d: DeliveryView, testId: string, changed: ReadonlySet<number> | undefined) => (
    <Col xs={24} md={12}>
      <div className="compare-column" data-testid={testId}>
        <Space wrap size={[8, 4]}>
          <Typography.Text strong>{title}</Typography.Text>
          <OutcomeTag outcome={d.outcome} />
          <Typography.Text type="secondary">{d.httpStatus === null ? '—' : `HTTP ${d.httpStatus}`}</Typography.Text>
          <Latency ms={d.latencyMs} />
        </Space>
        <Typography.Paragraph type="secondary" className="mono compare-url" ellipsis={{ tooltip: d.url }}>
          {d.url}
        </Typography.Paragraph>
        {d.error ? <Alert type="error" title={d.error} style={{ marginBottom: 8 }} /> : null}
        <CodeBlock
          label={t('delivery.response')}
          text={d.responseBody}
          emptyText={d.httpStatus === null ? t('delivery.noResponse') : t('delivery.emptyResponse')}
          changed={changed}
        />
      </div>
    </Col>
  );
  return (
    <div className="replay-compare" data-testid="delivery-compare">
      <Space style={{ margin: '16px 0 8px' }}>
        <Typography.Text strong>{t('delivery.compare')}</Typography.Text>
        {same ? (
          <Tag color="success" data-testid="delivery-compare-same">
            {t('delivery.compareSame')}
          </Tag>
        ) : (
          <Tag color="warning" data-testid="delivery-compare-different">
            {t('delivery.compareDifferent')}
          </Tag>
        )}
      </Space>
      <Row gutter={16}>
        {column(t('delivery.original'), original, 'delivery-compare-original', diff?.left)}
        {column(t('delivery.replayed'), replayed, 'delivery-compare-replay', diff?.right)}
      </Row>
    </div>
  );
}

const attemptRowProps = (row: DeliveryView, currentId: string, onSelect: (id: string) => void): HTMLAttributes<HTMLElement> =>
  ({
    'data-testid': 'delivery-attempt',
    onClick: () => onSelect(row.id),
    className: row.id === currentId ? 'row-current' : 'row-clickable',
  }) as HTMLAttributes<HTMLElement>;

/** Every attempt of the push (retries, replays); clicking one shows it. */
function AttemptsTable({
  attempts,
  currentId,
  onSelect,
}: {
  attempts: DeliveryView[];
  currentId: string;
  onSelect: (id: string) => void;
}) {
  const { t, locale } = useI18n();
  if (attempts.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Table<DeliveryView>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={attempts}
      onRow={(row) => attemptRowProps(row, currentId, onSelect)}
      data-testid="delivery-attempts"
      columns={[
        { key: 'attempt', title: '#', dataIndex: 'attempt', width: 48 },
        { key: 'time', title: t('delivery.time'), render: (_, row) => formatDateTime(row.createdAt, locale), width: 180 },
        { key: 'kind', title: t('delivery.kind'), render: (_, row) => <Tag>{row.kind}</Tag> },
        { key: 'outcome', title: t('delivery.outcome'), render: (_, row) => <OutcomeTag outcome={row.outcome} /> },
        { key: 'status', title: t('delivery.httpStatus'), render: (_, row) => row.httpStatus ?? '—' },
        { key: 'latency', title: t('delivery.latency'), render: (_, row) => <Latency ms={row.latencyMs} /> },
        {
          key: 'url',
          title: 'URL',
          render: (_, row) => (
            <Typography.Text className="mono" ellipsis={{ tooltip: row.url }} style={{ maxWidth: 240 }}>
              {row.url}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}
