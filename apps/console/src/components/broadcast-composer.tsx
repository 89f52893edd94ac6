import type { BroadcastAudience, BroadcastContent, BroadcastEstimate, TagView } from '@gzh/contracts';
import { EyeOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Radio, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useBroadcastEstimate, usePreviewBroadcast, useSendBroadcast } from '../api/broadcasts';
import type { AudienceKind, BroadcastDraft, ContentKind, DraftProblem } from '../lib/broadcasts';
import {
  BROADCAST_LIMITS,
  CONTENT_KINDS,
  EMPTY_DRAFT,
  newClientMsgId,
  parseOpenIds,
  toAudience,
  toContent,
} from '../lib/broadcasts';
import type { Translate } from '../i18n';
import { useI18n } from '../i18n';
import { OutboundErrorAlert } from './outbound-error-alert';

/** The audience as it settles: typing an OpenID list asks for one estimate, not one per key. */
function useSettled<T>(value: T, ms: number): T {
  const key = JSON.stringify(value);
  const [settled, setSettled] = useState(key);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(key), ms);
    return () => window.clearTimeout(timer);
  }, [key, ms]);
  return JSON.parse(settled) as T;
}

function problemText(t: Translate, problem: DraftProblem, draft: BroadcastDraft): string {
  const list = parseOpenIds(draft.openidText).invalid.slice(0, 3).join(', ');
  return t(`broadcasts.problem.${problem}`, { max: BROADCAST_LIMITS.text, list });
}

/** "Will reach N, M filtered by the monthly limit" and, for subscription accounts, what is left today. */
function Reach({ estimate, pending }: { estimate: BroadcastEstimate | undefined; pending: boolean }) {
  const { t } = useI18n();
  if (pending || !estimate) return <Typography.Text type="secondary">{t('broadcasts.estimating')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text strong data-testid="broadcast-reach" data-reachable={estimate.reachable}>
        {estimate.filtered > 0
          ? t('broadcasts.reachFiltered', { reachable: estimate.reachable, filtered: estimate.filtered })
          : t('broadcasts.reach', { reachable: estimate.reachable })}
      </Typography.Text>
      {estimate.dailyLeft === null ? null : (
        <Typography.Text type={estimate.dailyLeft > 0 ? 'secondary' : 'danger'} data-testid="broadcast-daily-left">
          {estimate.dailyLeft > 0 ? t('broadcasts.dailyLeft', { count: estimate.dailyLeft }) : t('broadcasts.dailyNone')}
        </Typography.Text>
      )}
    </Space>
  );
}

/**
 * The broadcast composer (群发): audience (everyone, a tag, or an OpenID list), content (text or
 * a media id), the reach before sending, a preview into one follower's chat, and the send. Each
 * send carries an idempotency key kept until the draft changes or the send succeeds, so retrying
 * after a timeout cannot broadcast twice.
 */
export function BroadcastComposer({ appid, tags }: { appid: string; tags: readonly TagView[] }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<BroadcastDraft>(EMPTY_DRAFT);
  const [showProblems, setShowProblems] = useState(false);
  const [clientMsgId, setClientMsgId] = useState<string | null>(null);
  const [previewOpen, setPreviewOpen] = useState(false);
  const send = useSendBroadcast(appid);

  const audienceResult = toAudience(draft);
  const contentResult = toContent(draft);
  const audience = useSettled<BroadcastAudience | null>('audience' in audienceResult ? audienceResult.audience : null, 400);
  const estimate = useBroadcastEstimate(appid, audience);

  const set = (patch: Partial<BroadcastDraft>) => {
    setDraft((prev) => ({ ...prev, ...patch }));
    setClientMsgId(null);
    send.reset();
  };
  const audienceProblem = 'problem' in audienceResult ? audienceResult.problem : null;
  const contentProblem = 'problem' in contentResult ? contentResult.problem : null;
  const shown = (problem: DraftProblem | null) => (showProblems && problem ? problemText(t, problem, draft) : null);

  const submit = () => {
    if (!('audience' in audienceResult) || !('content' in contentResult)) return setShowProblems(true);
    const id = clientMsgId ?? newClientMsgId(Date.now());
    setClientMsgId(id);
    send.mutate(
      { audience: audienceResult.audience, content: contentResult.content, clientMsgId: id },
      {
        onSuccess: () => {
          void message.success(t('broadcasts.sent'));
          setDraft((prev) => ({ ...prev, text: '', mediaId: '' }));
          setClientMsgId(null);
          setShowProblems(false);
        },
      },
    );
  };
  const ready = audienceProblem === null && contentProblem === null;
  const openids = parseOpenIds(draft.openidText).openids.length;

  return (
    <Card title={t('broadcasts.compose')} data-testid="broadcast-composer">
      <Form layout="vertical">
        <Form.Item
          label={t('broadcasts.audience')}
          validateStatus={shown(audienceProblem) ? 'error' : undefined}
          help={shown(audienceProblem)}
        >
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Radio.Group
              value={draft.audience}
              onChange={(e) => set({ audience: e.target.value as AudienceKind })}
              optionType="button"
              data-testid="broadcast-audience"
              options={(['all', 'tag', 'list'] as const).map((kind) => ({
                value: kind,
                label: t(`broadcasts.audience.${kind}`),
              }))}
            />
            {draft.audience === 'tag' ? (
              <Select<number>
                style={{ width: 280 }}
                placeholder={t('broadcasts.tagPlaceholder')}
                value={draft.tagId ?? undefined}
                onChange={(tagId) => set({ tagId })}
                options={tags.map((tag) => ({
                  value: tag.id,
                  label: t('broadcasts.tagOption', { name: tag.name, count: tag.count }),
                }))}
                data-testid="broadcast-tag"
              />
            ) : null}
            {draft.audience === 'list' ? (
              <>
                <Input.TextArea
                  rows={4}
                  className="mono"
                  placeholder={t('broadcasts.openidsPlaceholder')}
                  value={draft.openidText}
                  onChange={(e) => set({ openidText: e.target.value })}
                  data-testid="broadcast-openids"
                />
                <Typography.Text type="secondary">{t('broadcasts.openidsCount', { count: openids })}</Typography.Text>
              </>
            ) : null}
          </Space>
        </Form.Item>
        <Form.Item
          label={t('broadcasts.content')}
          validateStatus={shown(contentProblem) ? 'error' : undefined}
          help={shown(contentProblem)}
        >
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Radio.Group
              value={draft.msgtype}
              onChange={(e) => set({ msgtype: e.target.value as ContentKind })}
              data-testid="broadcast-type"
              options={CONTENT_KINDS.map((kind) => ({ value: kind, label: t(`broadcasts.type.${kind}`) }))}
            />
            {draft.msgtype === 'text' ? (
              <Input.TextArea
                rows={5}
                placeholder={t('broadcasts.textPlaceholder')}
                value={draft.text}
                onChange={(e) => set({ text: e.target.value })}
                count={{ show: true, max: BROADCAST_LIMITS.text, strategy: (text) => [...text].length }}
                data-testid="broadcast-text"
              />
            ) : (
              <>
                <Input
                  className="mono"
                  placeholder={t('broadcasts.mediaId')}
                  value={draft.mediaId}
                  onChange={(e) => set({ mediaId: e.target.value })}
                  data-testid="broadcast-media-id"
                />
                <Typography.Text type="secondary">{t('broadcasts.mediaIdHelp')}</Typography.Text>
              </>
            )}
          </Space>
        </Form.Item>
        <Form.Item>
          {estimate.isError ? (
            <OutboundErrorAlert error={estimate.error} testId="broadcast-estimate-error" />
          ) : audience ? (
            <Reach estimate={estimate.data} pending={estimate.isFetching && !estimate.data} />
          ) : null}
        </Form.Item>
        {send.isError ? (
          <Form.Item>
            <OutboundErrorAlert error={send.error} testId="broadcast-error" />
          </Form.Item>
        ) : null}
        <Space>
          <Popconfirm
            title={t('broadcasts.sendConfirm', { count: estimate.data?.reachable ?? '?' })}
            okText={t('broadcasts.send')}
            cancelText={t('common.cancel')}
            okButtonProps={{ 'data-testid': 'broadcast-send-confirm' }}
            onConfirm={submit}
            disabled={!ready}
          >
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={send.isPending}
              onClick={() => (ready ? undefined : setShowProblems(true))}
              data-testid="broadcast-send"
            >
              {t('broadcasts.send')}
            </Button>
          </Popconfirm>
          <Button
            icon={<EyeOutlined />}
            disabled={contentProblem !== null}
            onClick={() => setPreviewOpen(true)}
            data-testid="broadcast-preview"
          >
            {t('broadcasts.preview')}
          </Button>
        </Space>
      </Form>
      {previewOpen && 'content' in contentResult ? (
        <PreviewModal appid={appid} content={contentResult.content} onClose={() => setPreviewOpen(false)} />
      ) : null}
    </Card>
  );
}

/** Sends the draft to one follower's chat (mass/preview): no quota, nothing in the broadcast counts. */
function PreviewModal({ appid, content, onClose }: { appid: string; content: BroadcastContent; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const preview = usePreviewBroadcast(appid);
  const [touser, setTouser] = useState('');
  const ok = () =>
    preview.mutate(
      { touser: touser.trim(), content },
      {
        onSuccess: () => {
          void message.success(t('broadcasts.previewSent'));
          onClose();
        },
      },
    );
  return (
    <Modal
      open
      title={t('broadcasts.previewTitle')}
      okText={t('broadcasts.preview')}
      cancelText={t('common.cancel')}
      onOk={ok}
      onCancel={onClose}
      okButtonProps={{ disabled: !touser.trim(), loading: preview.isPending, 'data-testid': 'broadcast-preview-send' }}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('broadcasts.previewHelp')}</Typography.Text>
        <Input
          className="mono"
          placeholder={t('broadcasts.previewOpenid')}
          value={touser}
          onChange={(e) => {
            setTouser(e.target.value);
            preview.reset();
          }}
          data-testid="broadcast-preview-openid"
        />
        {preview.isError ? <OutboundErrorAlert error={preview.error} testId="broadcast-preview-error" /> : null}
      </Space>
    </Modal>
  );
}
