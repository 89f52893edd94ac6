import { MenuOutlined } from '@ant-design/icons';
import { Descriptions, Empty } from 'antd';
import { useState } from 'react';
import type { MenuButton } from '../lib/menu';
import { buttonValue } from '../lib/menu';
import { useI18n } from '../i18n';

/**
 * The menu as a follower sees it: a phone whose bottom bar holds up to three columns, each
 * opening its sub-menu upwards. Clicking a button shows what it does (type and key/URL), which
 * is what operators check before publishing.
 */
export function MenuPhonePreview({ buttons, title }: { buttons: MenuButton[]; title: string }) {
  const { t } = useI18n();
  const [openColumn, setOpenColumn] = useState<number | null>(null);
  const [selected, setSelected] = useState<MenuButton | null>(null);

  const clickColumn = (index: number, button: MenuButton) => {
    if (button.sub_button.length > 0) {
      setOpenColumn(openColumn === index ? null : index);
    } else {
      setOpenColumn(null);
    }
    setSelected(button);
  };

  return (
    <div className="menu-preview">
      <div className="phone" data-testid="menu-phone">
        <div className="phone-title">{title}</div>
        <div className="phone-screen" onClick={() => setOpenColumn(null)}>
          {buttons.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('menus.none')} /> : null}
        </div>
        <div className="phone-menubar">
          <div className="phone-keyboard" title={t('menus.keyboard')}>
            ⌨
          </div>
          {buttons.map((button, index) => (
            <div
              key={`${index}-${button.name}`}
              className={`phone-menu-col${openColumn === index ? ' open' : ''}`}
              onClick={() => clickColumn(index, button)}
            >
              {button.sub_button.length > 0 ? <MenuOutlined className="phone-menu-icon" /> : null}
              <span className="phone-menu-name">{button.name}</span>
              {openColumn === index ? (
                <div className="phone-submenu" onClick={(e) => e.stopPropagation()}>
                  {button.sub_button.map((sub, subIndex) => (
                    <div
                      key={`${subIndex}-${sub.name}`}
                      className={`phone-submenu-item${selected === sub ? ' selected' : ''}`}
                      onClick={() => setSelected(sub)}
                    >
                      {sub.name}
                    </div>
                  ))}
                </div>
              ) : null}
            </div>
          ))}
        </div>
      </div>
      {selected ? (
        <Descriptions
          size="small"
          column={1}
          bordered
          className="menu-preview-detail"
          items={[
            { key: 'name', label: t('menus.name'), children: selected.name },
            { key: 'type', label: t('menus.type'), children: selected.type ?? '—' },
            { key: 'value', label: t('menus.value'), children: buttonValue(selected) || '—' },
          ]}
        />
      ) : null}
    </div>
  );
}
