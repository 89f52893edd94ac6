import type { LibraryTemplateView } from '@gzh/contracts';
import { App, Button, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useAddTemplate, useTemplateIndustry, useTemplateLibrary } from '../api/templates';
import { useI18n } from '../i18n';
import { industryLabel, MAX_CATEGORY_KEYWORDS } from '../lib/templates';

/**
 * The template library (模板库): filter by industry (the account's own by default), read each
 * template's content, and add it to the account's private templates. Category templates (numeric
 * ids) are built from keywords picked in order, as `keyword_name_list` does on the open API.
 */
export function TemplateLibraryModal({ appid, open, onClose }: { appid: string; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const industry = useTemplateIndustry(appid);
  const [filter, setFilter] = useState<number | null | undefined>(undefined);
  // Until the operator picks a filter, show the account's primary industry (or everything).
  const effective = filter === undefined ? (industry.data?.primary?.id ?? null) : filter;
  const library = useTemplateLibrary(appid, effective);
  const add = useAddTemplate(appid);
  const [keywords, setKeywords] = useState<Record<string, string[]>>({});

  const onAdd = (entry: LibraryTemplateView) => {
    const chosen = keywords[entry.shortId] ?? [];
    if (entry.kind === 'category' && chosen.length === 0) {
      void message.warning(t('templates.keywordsRequired'));
      return;
    }
    add.mutate(
      { shortId: entry.shortId, ...(entry.kind === 'category' ? { keywordNames: chosen } : {}) },
      { onSuccess: () => void message.success(t('templates.added', { title: entry.title })) },
    );
  };

  const industries = industry.data?.industries ?? [];
  return (
    <Modal open={open} onCancel={onClose} footer={null} width={1000} title={t('templates.library')} destroyOnHidden>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Select<number | 'all'>
          style={{ width: 320 }}
          showSearch={{ optionFilterProp: 'label' }}
          value={effective ?? 'all'}
          onChange={(value) => setFilter(value === 'all' ? null : value)}
          options={[
            { value: 'all', label: t('templates.allIndustries') },
            ...industries.map((i) => ({ value: i.id, label: `${i.id} ${industryLabel(i)}` })),
          ]}
          data-testid="library-industry"
        />
        <Table<LibraryTemplateView>
          rowKey="shortId"
          size="small"
          loading={library.isPending}
          dataSource={library.data ?? []}
          pagination={{ pageSize: 8, hideOnSinglePage: true }}
          data-testid="library-table"
          columns={[
            { key: 'shortId', title: t('templates.shortId'), dataIndex: 'shortId', width: 150 },
            {
              key: 'title',
              title: t('templates.col.title'),
              width: 170,
              render: (_, entry) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>{entry.title}</Typography.Text>
                  <Typography.Text type="secondary">{`${entry.primaryIndustry} / ${entry.deputyIndustry}`}</Typography.Text>
                  {entry.kind === 'category' ? <Tag color="blue">{t('templates.category')}</Tag> : null}
                </Space>
              ),
            },
            {
              key: 'content',
              title: t('templates.col.content'),
              render: (_, entry) =>
                entry.kind === 'category' ? (
                  <Select
                    mode="multiple"
                    size="small"
                    style={{ width: '100%' }}
                    maxCount={MAX_CATEGORY_KEYWORDS}
                    placeholder={t('templates.chooseKeywords')}
                    value={keywords[entry.shortId] ?? []}
                    onChange={(names) => setKeywords((all) => ({ ...all, [entry.shortId]: names }))}
                    options={entry.keywords.map((k) => ({ value: k.name, label: `${k.name}（${k.example}）` }))}
                  />
                ) : (
                  <pre className="tpl-content">{entry.content}</pre>
                ),
            },
            {
              key: 'actions',
              title: t('common.actions'),
              width: 90,
              render: (_, entry) => (
                <Button
                  size="small"
                  type="primary"
                  loading={add.isPending && add.variables?.shortId === entry.shortId}
                  onClick={() => onAdd(entry)}
                >
                  {t('templates.add')}
                </Button>
              ),
            },
          ]}
        />
      </Space>
    </Modal>
  );
}
