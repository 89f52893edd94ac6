import type { ReplyRuleView } from '@gzh/contracts';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Switch, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useAccount } from '../api/accounts';
import { useMenus } from '../api/menus';
import { useDeleteReplyRule, useReplyRules, useUpdateReplyRule } from '../api/replies';
import { QueryError } from '../components/query-state';
import type { MenuKeyOption } from '../components/reply-rule-modal';
import { ReplyRuleModal } from '../components/reply-rule-modal';
import { formatDateTime } from '../lib/format';
import type { MenuButton } from '../lib/menu';
import { parseButtons } from '../lib/menu';
import type { ReplyKind } from '../lib/reply-rules';
import { REPLY_KINDS, REPLY_LIMITS, replySummary, rulesOfKind, SINGLE_KINDS, withEnabled } from '../lib/reply-rules';
import { useI18n } from '../i18n';

const rowProps = (): HTMLAttributes<HTMLElement> => ({ 'data-testid': 'reply-row' }) as HTMLAttributes<HTMLElement>;

function isKind(value: string | null): value is ReplyKind {
  return (REPLY_KINDS as readonly string[]).includes(value ?? '');
}

/** Click keys of the default menu, for picking the key of a click rule. */
function clickKeys(buttons: readonly MenuButton[]): MenuKeyOption[] {
  const out: MenuKeyOption[] = [];
  const visit = (b: MenuButton) => {
    if (b.type === 'click' && b.key) out.push({ key: b.key, name: b.name });
    b.sub_button.forEach(visit);
  };
  buttons.forEach(visit);
  return out;
}

/**
 * Auto-replies (自动回复) in WeChat's four kinds: on follow, on keywords, on any other message,
 * and on menu clicks. The tab is in the URL (`?tab=keyword`).
 */
export function RepliesPage() {
  const { appid = '' } = useParams();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [search, setSearch] = useSearchParams();
  const tab = search.get('tab');
  const kind: ReplyKind = isKind(tab) ? tab : 'follow';
  const rules = useReplyRules(appid);
  const account = useAccount(appid);
  const menus = useMenus(appid);
  const update = useUpdateReplyRule(appid);
  const remove = useDeleteReplyRule(appid);
  const [editing, setEditing] = useState<{ kind: ReplyKind; rule: ReplyRuleView | null } | null>(null);

  if (rules.isError) return <QueryError error={rules.error} onRetry={() => void rules.refetch()} />;
  const all = rules.data ?? [];
  const accountName = account.data?.name ?? appid;
  const menuKeys = clickKeys(parseButtons(menus.data?.menu?.button ?? []));

  const tabContent = (k: ReplyKind) => {
    const list = rulesOfKind(all, k);
    const single = SINGLE_KINDS.includes(k) && list.length > 0;
    const full = all.length >= REPLY_LIMITS.rules;
    const newDisabledReason = single
      ? t('replies.onlyOne')
      : full
        ? t('replies.problem.tooManyRules', { max: REPLY_LIMITS.rules })
        : null;
    return (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <div className="page-header">
          <Typography.Text type="secondary">{t(`replies.help.${k}`)}</Typography.Text>
          <Tooltip title={newDisabledReason}>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={newDisabledReason !== null}
              onClick={() => setEditing({ kind: k, rule: null })}
              data-testid="reply-new"
            >
              {t('replies.new')}
            </Button>
          </Tooltip>
        </div>
        <Table<ReplyRuleView>
          rowKey="id"
          size="middle"
          loading={rules.isPending}
          dataSource={list}
          pagination={false}
          onRow={rowProps}
          data-testid="replies-table"
          locale={{ emptyText: t('replies.empty') }}
          columns={[
            { key: 'name', title: t('replies.name'), dataIndex: 'name' },
            ...(k === 'keyword' || k === 'click'
              ? [
                  {
                    key: 'keywords',
                    title: k === 'click' ? t('replies.menuKey') : t('replies.keywords'),
                    render: (_: unknown, rule: ReplyRuleView) => (
                      <Space size={[4, 4]} wrap>
                        {rule.keywords.map((kw, i) => (
                          <Tag
                            key={i}
                            color={kw.match === 'exact' ? 'blue' : 'default'}
                            className={k === 'click' ? 'mono' : undefined}
                          >
                            {kw.text}
                            {k === 'keyword' ? ` · ${t(`replies.match.${kw.match}`)}` : ''}
                          </Tag>
                        ))}
                      </Space>
                    ),
                  },
                ]
              : []),
            {
              key: 'replies',
              title: t('replies.replies'),
              render: (_, rule) => (
                <Space orientation="vertical" size={2}>
                  {rule.replies.map((r, i) => (
                    <span key={i}>
                      <Tag>{t(`replies.type.${r.type}`)}</Tag>
                      <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>
                        {replySummary(r)}
                      </Typography.Text>
                    </span>
                  ))}
                </Space>
              ),
            },
            {
              key: 'mode',
              title: t('replies.mode'),
              width: 120,
              render: (_, rule) => t(`replies.mode.${rule.replyMode}`),
            },
            {
              key: 'enabled',
              title: t('replies.enabled'),
              width: 90,
              render: (_, rule) => (
                <Switch
                  size="small"
                  checked={rule.enabled}
                  loading={update.isPending && update.variables.id === rule.id}
                  onChange={(enabled) => update.mutate({ id: rule.id, input: withEnabled(rule, enabled) })}
                  data-testid="reply-row-enabled"
                />
              ),
            },
            {
              key: 'updatedAt',
              title: t('replies.updatedAt'),
              width: 180,
              render: (_, rule) => formatDateTime(rule.updatedAt, locale),
            },
            {
              key: 'actions',
              title: t('common.actions'),
              width: 110,
              render: (_, rule) => (
                <Space size={0}>
                  <Button
                    type="text"
                    icon={<EditOutlined />}
                    aria-label={t('common.edit')}
                    onClick={() => setEditing({ kind: rule.kind, rule })}
                    data-testid="reply-edit"
                  />
                  <Popconfirm
                    title={t('replies.deleteConfirm', { name: rule.name })}
                    okText={t('common.delete')}
                    okButtonProps={{ danger: true }}
                    cancelText={t('common.cancel')}
                    onConfirm={() =>
                      void remove
                        .mutateAsync(rule.id)
                        .then(() => void message.success(t('replies.deleted')))
                        .catch(() => undefined)
                    }
                  >
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('common.delete')}
                      data-testid="reply-delete"
                    />
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Space>
    );
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div className="page-header">
        <Typography.Title level={3}>{t('replies.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('replies.count', { count: all.length, max: REPLY_LIMITS.rules })}</Typography.Text>
      </div>
      <Tabs
        destroyOnHidden
        activeKey={kind}
        onChange={(key) => setSearch({ tab: key })}
        items={REPLY_KINDS.map((k) => ({
          key: k,
          label: (
            <span data-testid={`replies-tab-${k}`}>
              {t(`replies.tab.${k}`)} ({rulesOfKind(all, k).length})
            </span>
          ),
          children: tabContent(k),
        }))}
      />
      {editing ? (
        <ReplyRuleModal
          appid={appid}
          kind={editing.kind}
          rule={editing.rule}
          rules={all}
          menuKeys={menuKeys}
          accountName={accountName}
          avatarUrl={account.data?.avatarUrl}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void message.success(t('common.saved'));
          }}
        />
      ) : null}
    </Space>
  );
}
