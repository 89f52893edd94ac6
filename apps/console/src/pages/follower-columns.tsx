import type { FollowerView, TagView } from '@gzh/contracts';
import type { TableColumnsType } from 'antd';
import { MessageOutlined } from '@ant-design/icons';
import { App, Button, Space, Switch, Tag, Tooltip, Typography } from 'antd';
import { useUpdateFollower } from '../api/followers';
import { formatDateTime } from '../lib/format';
import { useI18n } from '../i18n';
import { FollowerTagsCell } from './follower-tags-cell';

/** `ADD_SCENE_QR_CODE` → `QR_CODE`: the prefix is the same for every scene. */
function shortScene(scene: string): string {
  return scene.replace(/^ADD_SCENE_/, '');
}

/**
 * Columns of the followers table. Remark and blacklist edit in place and update only the row,
 * so the pages already loaded stay where the operator scrolled to; "Message" opens the
 * customer-service drawer (`onMessage`).
 */
export function useFollowerColumns(
  appid: string,
  tags: readonly TagView[],
  onMessage: (follower: FollowerView) => void,
): TableColumnsType<FollowerView> {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const update = useUpdateFollower(appid);
  const pendingFor = (openid: string) => update.isPending && update.variables.openid === openid;

  return [
    {
      key: 'openid',
      title: t('followers.openid'),
      dataIndex: 'openid',
      width: 230,
      render: (openid: string) => (
        <Typography.Text
          className="mono"
          style={{ maxWidth: 200 }}
          ellipsis={{ tooltip: openid }}
          copyable={{ tooltips: [t('common.copy'), t('common.copied')] }}
        >
          {openid}
        </Typography.Text>
      ),
    },
    {
      key: 'nickname',
      title: t('followers.nickname'),
      width: 160,
      render: (_, f) => (
        <Space size={4}>
          <span className="follower-nickname">{f.nickname}</span>
          {f.subscribed ? null : <Tag>{t('followers.unsubscribed')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'remark',
      title: t('followers.remark'),
      width: 180,
      render: (_, f) => (
        <Typography.Text
          type={f.remark ? undefined : 'secondary'}
          editable={{
            text: f.remark,
            maxLength: 30,
            tooltip: t('common.edit'),
            onChange: (remark) => {
              const next = remark.trim();
              if (next === f.remark) return;
              update.mutate(
                { openid: f.openid, patch: { remark: next } },
                { onSuccess: () => void message.success(t('followers.remarkSaved')) },
              );
            },
          }}
        >
          {f.remark || '—'}
        </Typography.Text>
      ),
    },
    {
      key: 'tags',
      title: t('followers.tags'),
      render: (_, f) => <FollowerTagsCell appid={appid} follower={f} tags={tags} />,
    },
    {
      key: 'subscribeTime',
      title: t('followers.subscribeTime'),
      dataIndex: 'subscribeTime',
      width: 180,
      render: (time: number) => formatDateTime(time, locale),
    },
    {
      key: 'scene',
      title: t('followers.scene'),
      width: 170,
      render: (_, f) => {
        const qr = f.qrSceneStr ?? (f.qrScene === null ? null : String(f.qrScene));
        return (
          <Tooltip title={qr ? `${f.subscribeScene} · ${qr}` : f.subscribeScene}>
            <Tag>{shortScene(f.subscribeScene)}</Tag>
            {qr ? <Typography.Text type="secondary">{qr}</Typography.Text> : null}
          </Tooltip>
        );
      },
    },
    {
      key: 'blacklisted',
      title: t('followers.blacklist'),
      width: 90,
      fixed: 'right',
      render: (_, f) => (
        <Switch
          size="small"
          checked={f.blacklisted}
          loading={pendingFor(f.openid)}
          aria-label={t('followers.blacklist')}
          onChange={(blacklisted) =>
            update.mutate(
              { openid: f.openid, patch: { blacklisted } },
              {
                onSuccess: () => void message.success(t(blacklisted ? 'followers.blacklisted' : 'followers.unblacklisted')),
              },
            )
          }
        />
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 100,
      fixed: 'right',
      render: (_, f) => (
        <Button size="small" icon={<MessageOutlined />} onClick={() => onMessage(f)} data-testid="follower-message">
          {t('followers.message')}
        </Button>
      ),
    },
  ];
}
