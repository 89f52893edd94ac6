import type { ClockAction } from '@gzh/contracts';
import { FastForwardOutlined, PauseCircleOutlined, PlayCircleOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useClock, useClockAction } from '../api/clock';
import { PageLoading, QueryError } from '../components/query-state';
import { formatDateTime, formatDuration, isDurationText } from '../lib/format';
import { useI18n } from '../i18n';

/** Re-renders every second so a running clock visibly ticks between server reads. */
function useSecondTick(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [active]);
  return now;
}

/**
 * The sandbox clock that drives token expiry, quotas and reply windows on the server. Freezing
 * and advancing it lets an operator or tester cross a 7200 s token lifetime in one click.
 */
export function ClockPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const clock = useClock();
  const act = useClockAction();
  const [by, setBy] = useState('2h');
  const [to, setTo] = useState('');
  const running = clock.data ? !clock.data.frozen : false;
  const tick = useSecondTick(running);

  if (clock.isPending) return <PageLoading />;
  if (clock.isError) return <QueryError error={clock.error} onRetry={() => void clock.refetch()} />;
  const state = clock.data;
  // Between reads a running clock advances with the browser's; the server stays the authority.
  const shownMs = state.frozen ? state.nowMs : state.nowMs + Math.max(0, tick - clock.dataUpdatedAt);
  const disabled = !state.sandbox || act.isPending;
  const run = (action: ClockAction) => act.mutate(action, { onSuccess: () => void message.success(t('clock.updated')) });
  const byValid = isDurationText(by);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 760 }}>
      <Typography.Title level={3}>{t('clock.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('clock.intro')}</Typography.Paragraph>
      {state.sandbox ? null : <Alert type="info" showIcon title={t('clock.notSandbox')} />}
      <Card>
        <Descriptions
          column={1}
          items={[
            {
              key: 'now',
              label: t('clock.now'),
              children: (
                <Typography.Text strong className="clock-now" data-testid="clock-now">
                  {formatDateTime(shownMs, locale)}
                </Typography.Text>
              ),
            },
            {
              key: 'state',
              label: t('clock.state'),
              children: (
                <Tag color={state.frozen ? 'blue' : 'green'} data-testid="clock-state">
                  {state.frozen ? t('clock.frozen') : t('clock.running')}
                </Tag>
              ),
            },
            { key: 'offset', label: t('clock.offset'), children: formatDuration(state.offsetMs) },
            { key: 'iso', label: 'ISO', children: <span className="mono">{state.now}</span> },
          ]}
        />
      </Card>
      <Card>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap>
            {state.frozen ? (
              <Button icon={<PlayCircleOutlined />} disabled={disabled} onClick={() => run({ action: 'unfreeze' })}>
                {t('clock.unfreeze')}
              </Button>
            ) : (
              <Button icon={<PauseCircleOutlined />} disabled={disabled} onClick={() => run({ action: 'freeze' })}>
                {t('clock.freeze')}
              </Button>
            )}
            <Button icon={<UndoOutlined />} disabled={disabled} onClick={() => run({ action: 'reset' })}>
              {t('clock.reset')}
            </Button>
          </Space>
          <Space.Compact>
            <Input
              value={by}
              onChange={(e) => setBy(e.target.value)}
              onPressEnter={() => byValid && run({ action: 'advance', by: by.trim() })}
              status={byValid ? undefined : 'error'}
              placeholder={t('clock.advanceBy')}
              style={{ width: 240 }}
              disabled={!state.sandbox}
              aria-label={t('clock.advanceBy')}
              data-testid="clock-advance-by"
            />
            <Button
              type="primary"
              icon={<FastForwardOutlined />}
              disabled={disabled || !byValid}
              onClick={() => run({ action: 'advance', by: by.trim() })}
            >
              {t('clock.advance')}
            </Button>
          </Space.Compact>
          {byValid ? null : <Typography.Text type="danger">{t('clock.advanceInvalid')}</Typography.Text>}
          <Space.Compact>
            <Input
              type="datetime-local"
              step={1}
              value={to}
              onChange={(e) => setTo(e.target.value)}
              style={{ width: 240 }}
              disabled={!state.sandbox}
              aria-label={t('clock.set')}
            />
            <Button disabled={disabled || !to} onClick={() => run({ action: 'set', to: new Date(to).toISOString() })}>
              {t('clock.set')}
            </Button>
          </Space.Compact>
        </Space>
      </Card>
    </Space>
  );
}
