import type { FollowerView, MessageView, ServiceWindowView } from '@gzh/contracts';
import { ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Form, Input, List, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSendCustomMessage, useServiceWindow } from '../api/custom-messages';
import type { CustomDraft, CustomKind, CustomProblem } from '../lib/custom-message';
import { CUSTOM_TEXT_LIMIT, EMPTY_CUSTOM_DRAFT, toCustomMessage } from '../lib/custom-message';
import { formatDateTime } from '../lib/format';
import { windowStatus, formatTimeLeft } from '../lib/service-window';
import { useI18n } from '../i18n';
import { OutboundErrorAlert } from './outbound-error-alert';
import { QueryError } from './query-state';

/**
 * The followers page's "Message" drawer: the follower's customer-service window first (open until
 * when, how many messages are left, or why it is closed), then a text or one-article news message.
 * A refused send shows WeChat's reason, and the window is re-read since it may just have changed.
 */
export function FollowerMessageDrawer({
  appid,
  follower,
  onClose,
}: {
  appid: string;
  follower: FollowerView | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Drawer
      open={follower !== null}
      onClose={onClose}
      size={520}
      destroyOnHidden
      title={follower ? t('customMessage.title', { name: follower.remark || follower.nickname }) : ''}
      data-testid="message-drawer"
    >
      {follower ? <MessageComposer key={follower.openid} appid={appid} openid={follower.openid} /> : null}
    </Drawer>
  );
}

function MessageComposer({ appid, openid }: { appid: string; openid: string }) {
  const { t, locale } = useI18n();
  const serviceWindow = useServiceWindow(appid, openid);
  const send = useSendCustomMessage(appid, openid);
  const [draft, setDraft] = useState<CustomDraft>(EMPTY_CUSTOM_DRAFT);
  const [problem, setProblem] = useState<CustomProblem | null>(null);
  const [sent, setSent] = useState<MessageView[]>([]);
  const set = (patch: Partial<CustomDraft>) => {
    setDraft((prev) => ({ ...prev, ...patch }));
    setProblem(null);
    send.reset();
  };

  if (serviceWindow.isPending) return <Spin />;
  if (serviceWindow.isError) return <QueryError error={serviceWindow.error} onRetry={() => void serviceWindow.refetch()} />;
  const status = windowStatus(serviceWindow.data);

  const submit = () => {
    const built = toCustomMessage(draft);
    if ('problem' in built) return setProblem(built.problem);
    send.mutate(built.request, {
      onSuccess: ({ message }) => {
        setSent((prev) => [message, ...prev]);
        setDraft((prev) => ({ ...EMPTY_CUSTOM_DRAFT, msgtype: prev.msgtype }));
      },
    });
  };
  const problemText = problem ? t(`customMessage.problem.${problem}`, { max: CUSTOM_TEXT_LIMIT }) : null;
  const fieldStatus = (...mine: CustomProblem[]) => (problem && mine.includes(problem) ? ('error' as const) : undefined);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <WindowBanner
        view={serviceWindow.data}
        onRefresh={() => void serviceWindow.refetch()}
        refreshing={serviceWindow.isRefetching}
      />
      <Form layout="vertical" onFinish={submit} disabled={status.state === 'closed'}>
        <Form.Item>
          <Segmented<CustomKind>
            value={draft.msgtype}
            onChange={(msgtype) => set({ msgtype })}
            options={[
              { value: 'text', label: t('customMessage.type.text') },
              { value: 'news', label: t('customMessage.type.news') },
            ]}
            data-testid="custom-message-type"
          />
        </Form.Item>
        {draft.msgtype === 'text' ? (
          <Form.Item
            label={t('customMessage.text')}
            validateStatus={fieldStatus('textRequired', 'textTooLong')}
            help={problemText}
          >
            <Input.TextArea
              rows={5}
              value={draft.text}
              onChange={(e) => set({ text: e.target.value })}
              count={{ show: true, max: CUSTOM_TEXT_LIMIT, strategy: (text) => [...text].length }}
              data-testid="custom-message-text"
            />
          </Form.Item>
        ) : (
          <>
            <Form.Item label={t('customMessage.articleTitle')} validateStatus={fieldStatus('titleRequired')} required>
              <Input
                value={draft.title}
                maxLength={64}
                onChange={(e) => set({ title: e.target.value })}
                data-testid="custom-message-title"
              />
            </Form.Item>
            <Form.Item label={t('customMessage.articleDescription')}>
              <Input.TextArea
                rows={2}
                maxLength={120}
                value={draft.description}
                onChange={(e) => set({ description: e.target.value })}
              />
            </Form.Item>
            <Form.Item label={t('customMessage.articleUrl')} validateStatus={fieldStatus('invalidUrl')}>
              <Input
                value={draft.url}
                placeholder="https://"
                onChange={(e) => set({ url: e.target.value })}
                data-testid="custom-message-url"
              />
            </Form.Item>
            <Form.Item label={t('customMessage.articlePicUrl')} validateStatus={fieldStatus('invalidPicUrl')} help={problemText}>
              <Input value={draft.picUrl} placeholder="https://" onChange={(e) => set({ picUrl: e.target.value })} />
            </Form.Item>
          </>
        )}
        {send.isError ? <OutboundErrorAlert error={send.error} testId="custom-message-error" /> : null}
        <Form.Item style={{ marginTop: 16 }}>
          <Button
            type="primary"
            htmlType="submit"
            icon={<SendOutlined />}
            loading={send.isPending}
            data-testid="custom-message-send"
          >
            {t('customMessage.send')}
          </Button>
        </Form.Item>
      </Form>
      {sent.length > 0 ? (
        <List
          size="small"
          header={<Typography.Text type="secondary">{t('customMessage.sentHere')}</Typography.Text>}
          dataSource={sent}
          data-testid="custom-message-sent"
          renderItem={(m) => (
            <List.Item>
              <Space>
                <Tag color="green">{t('customMessage.sent')}</Tag>
                <Typography.Text ellipsis style={{ maxWidth: 300 }}>
                  {m.body.type === 'text' ? m.body.content : m.body.type === 'news' ? m.body.articles[0]?.title : m.body.type}
                </Typography.Text>
                <Typography.Text type="secondary">{formatDateTime(m.createdAt, locale)}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      ) : null}
    </Space>
  );
}

/** The window before sending: open until when with N of the quota left, or closed with the reason. */
function WindowBanner({ view, onRefresh, refreshing }: { view: ServiceWindowView; onRefresh: () => void; refreshing: boolean }) {
  const { t, locale } = useI18n();
  const status = windowStatus(view);
  const refresh = (
    <Button size="small" icon={<ReloadOutlined />} onClick={onRefresh} loading={refreshing} aria-label={t('common.refresh')} />
  );
  if (status.state === 'closed') {
    return (
      <Alert
        type="warning"
        showIcon
        title={t('customMessage.closed')}
        description={t(`customMessage.closed.${status.reason}`)}
        action={refresh}
        data-testid="service-window"
        data-state="closed"
        data-reason={status.reason}
      />
    );
  }
  return (
    <Alert
      type="success"
      showIcon
      title={t('customMessage.windowOpen', { time: formatTimeLeft(status.closesInMs, locale) })}
      description={
        <Space orientation="vertical" size={0}>
          <span data-testid="service-window-left">
            {t('customMessage.windowLeft', { left: status.left, quota: status.quota })}
          </span>
          <Typography.Text type="secondary">
            {t(`customMessage.window.${status.window}`)} ·{' '}
            {t('customMessage.windowUntil', { at: formatDateTime(status.closesAt, locale) })}
          </Typography.Text>
        </Space>
      }
      action={refresh}
      data-testid="service-window"
      data-state="open"
    />
  );
}
