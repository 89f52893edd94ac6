import { Table, Tag, Typography } from 'antd';
import type { MenuButton } from '../lib/menu';
import { buttonValue } from '../lib/menu';
import { useI18n } from '../i18n';

interface Row {
  key: string;
  name: string;
  type: string | null;
  value: string;
  children?: Row[];
}

function toRows(buttons: MenuButton[], prefix = ''): Row[] {
  return buttons.map((button, index) => {
    const key = `${prefix}${index}`;
    const row: Row = { key, name: button.name, type: button.type, value: buttonValue(button) };
    if (button.sub_button.length > 0) row.children = toRows(button.sub_button, `${key}.`);
    return row;
  });
}

/** Every button of a menu as a tree table: easier than the preview for checking keys and URLs. */
export function MenuButtonsTable({ buttons }: { buttons: MenuButton[] }) {
  const { t } = useI18n();
  return (
    <Table<Row>
      size="small"
      pagination={false}
      dataSource={toRows(buttons)}
      expandable={{ defaultExpandAllRows: true }}
      columns={[
        { key: 'name', title: t('menus.name'), dataIndex: 'name' },
        {
          key: 'type',
          title: t('menus.type'),
          dataIndex: 'type',
          render: (type: string | null) => (type ? <Tag>{type}</Tag> : null),
        },
        {
          key: 'value',
          title: t('menus.value'),
          dataIndex: 'value',
          render: (value: string) => (
            <Typography.Text className="mono" copyable={value ? { text: value } : false}>
              {value}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}
