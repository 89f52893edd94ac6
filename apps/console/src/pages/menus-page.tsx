import type { MenuView } from '@gzh/contracts';
import type { ReactNode } from 'react';
import { Card, Empty, Space, Tabs, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { useAccount } from '../api/accounts';
import { useMenus } from '../api/menus';
import { MenuButtonsTable } from '../components/menu-buttons-table';
import { MenuEditor } from '../components/menu-editor';
import { MenuPhonePreview } from '../components/menu-phone-preview';
import { PageLoading, QueryError } from '../components/query-state';
import { matchRuleEntries, parseButtons } from '../lib/menu';
import { useI18n } from '../i18n';

/**
 * A menu three ways: phone preview, button table and the raw JSON the API returned; `editor`
 * adds an "Edit" tab first (the default menu only: conditional menus stay read-only here).
 */
function MenuViews({ buttons, title, editor }: { buttons: readonly unknown[]; title: string; editor?: ReactNode }) {
  const { t } = useI18n();
  const parsed = parseButtons(buttons);
  return (
    <Tabs
      items={[
        ...(editor ? [{ key: 'edit', label: t('menuEditor.tab'), children: editor }] : []),
        {
          key: 'preview',
          label: t('menus.preview'),
          children: <MenuPhonePreview buttons={parsed} title={title} />,
        },
        { key: 'table', label: t('menus.table'), children: <MenuButtonsTable buttons={parsed} /> },
        {
          key: 'json',
          label: t('menus.json'),
          children: <pre className="json-view">{JSON.stringify({ button: buttons }, null, 2)}</pre>,
        },
      ]}
    />
  );
}

type Conditional = MenuView['conditionalmenu'][number];

/** One conditional (个性化) menu with the rule that selects its audience. */
function ConditionalMenu({ menu, title }: { menu: Conditional; title: string }) {
  const { t } = useI18n();
  const rules = matchRuleEntries(menu.matchrule);
  return (
    <Card
      size="small"
      title={t('menus.menuid', { id: String(menu.menuid) })}
      extra={
        <Space size={4} wrap>
          <Typography.Text type="secondary">{t('menus.matchrule')}:</Typography.Text>
          {rules.length === 0 ? <Tag>{t('common.none')}</Tag> : null}
          {rules.map(([field, value]) => (
            <Tag key={field} color="blue">
              {field} = {value}
            </Tag>
          ))}
        </Space>
      }
    >
      <MenuViews buttons={menu.button} title={title} />
    </Card>
  );
}

/**
 * The current account's custom menu: the default menu with the visual editor (save replaces it,
 * delete removes every menu), and every conditional menu read-only, so operators can check what
 * each audience sees.
 */
export function MenusPage() {
  const { appid = '' } = useParams();
  const { t } = useI18n();
  const menus = useMenus(appid);
  const account = useAccount(appid);
  const title = account.data?.name ?? appid;

  if (menus.isPending) return <PageLoading />;
  if (menus.isError) return <QueryError error={menus.error} onRetry={() => void menus.refetch()} />;
  const { menu, conditionalmenu } = menus.data;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('menus.title')}</Typography.Title>
      <Card
        title={t('menus.default')}
        extra={
          menu === null ? (
            <Tag>{t('menus.none')}</Tag>
          ) : menu.menuid === undefined ? null : (
            t('menus.menuid', { id: String(menu.menuid) })
          )
        }
      >
        <MenuViews
          buttons={menu?.button ?? []}
          title={title}
          editor={
            // Remounts with the saved menu after a save or delete, so the editor starts from what the server stored.
            <MenuEditor
              key={JSON.stringify(menu?.button ?? null)}
              appid={appid}
              initial={parseButtons(menu?.button ?? [])}
              title={title}
              hasMenu={menu !== null}
            />
          }
        />
      </Card>
      <Card title={t('menus.conditional')}>
        {conditionalmenu.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('menus.conditionalNone')} />
        ) : (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {conditionalmenu.map((c) => (
              <ConditionalMenu key={String(c.menuid)} menu={c} title={title} />
            ))}
          </Space>
        )}
      </Card>
    </Space>
  );
}
