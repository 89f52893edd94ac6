import {
  ArrowDownOutlined,
  ArrowLeftOutlined,
  ArrowRightOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
  SaveOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, Input, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { useDeleteMenu, useSaveMenu } from '../api/menus';
import { utf8Bytes } from '../lib/bytes';
import type { MenuButton } from '../lib/menu';
import type { ButtonField, DraftButton, MenuProblem, Selection } from '../lib/menu-editor';
import {
  addSub,
  addTop,
  BUTTON_TYPES,
  buttonAt,
  fieldLimit,
  fieldsOf,
  fromMenuButtons,
  MAX_SUB_BUTTONS,
  MAX_TOP_BUTTONS,
  moveAt,
  nameLimit,
  problemsAt,
  removeAt,
  sameMenu,
  toMenuJson,
  updateAt,
  validateMenu,
} from '../lib/menu-editor';
import type { Translate } from '../i18n';
import { useI18n } from '../i18n';

const FIELD_TESTIDS: Record<ButtonField, string> = {
  key: 'menu-button-key',
  url: 'menu-button-url',
  appid: 'menu-button-appid',
  pagepath: 'menu-button-pagepath',
  media_id: 'menu-button-media-id',
  article_id: 'menu-button-article-id',
};

/** "菜单 2" or "菜单 2 › 子菜单 3", with the button's name when it has one. */
function whereText(t: Translate, buttons: readonly DraftButton[], at: Selection): string {
  const name = buttonAt(buttons, at)?.name;
  const place =
    at.sub === null ? t('menuEditor.where.top', { n: at.top + 1 }) : t('menuEditor.where.sub', { n: at.top + 1, m: at.sub + 1 });
  return name ? `${place}「${name}」` : place;
}

/** The message of a menu problem. */
export function menuProblemText(t: Translate, buttons: readonly DraftButton[], p: MenuProblem): string {
  const where = p.at ? `${whereText(t, buttons, p.at)}: ` : '';
  const field = p.field === 'menu' ? '' : t(`menuEditor.field.${p.field}`);
  switch (p.code) {
    case 'empty':
      return t('menuEditor.problem.empty');
    case 'tooManyTop':
      return t('menuEditor.problem.tooManyTop', { limit: p.limit ?? MAX_TOP_BUTTONS });
    case 'tooManySub':
      return where + t('menuEditor.problem.tooManySub', { limit: p.limit ?? MAX_SUB_BUTTONS });
    case 'required':
      return where + t('menuEditor.problem.required', { field });
    case 'tooLong':
      return where + t('menuEditor.problem.tooLong', { field, bytes: p.bytes ?? 0, limit: p.limit ?? 0 });
    case 'invalidUrl':
      return where + t('menuEditor.problem.invalidUrl', { field });
  }
}

/** Inline status of one input: over-long and bad URLs at once, missing values after a save attempt. */
function fieldStatus(
  t: Translate,
  problems: readonly MenuProblem[],
  field: MenuProblem['field'],
  submitted: boolean,
): { validateStatus?: 'error'; help?: ReactNode } {
  const p = problems.find((x) => x.field === field && (submitted || x.code !== 'required'));
  if (!p) return {};
  const label = t(`menuEditor.field.${field === 'menu' ? 'name' : field}`);
  if (p.code === 'tooLong')
    return {
      validateStatus: 'error',
      help: t('menuEditor.problem.tooLong', { field: label, bytes: p.bytes ?? 0, limit: p.limit ?? 0 }),
    };
  if (p.code === 'invalidUrl') return { validateStatus: 'error', help: t('menuEditor.problem.invalidUrl', { field: label }) };
  return { validateStatus: 'error', help: t('menuEditor.problem.required', { field: label }) };
}

/** A byte counter against a WeChat limit, for antd's `count` (red when over). */
const byteCount = (max: number) => ({ show: true, max, strategy: utf8Bytes });

/**
 * The visual menu editor: a phone whose bottom bar holds up to 3 buttons with up to 5 sub
 * buttons each; the selected button is edited on the right with byte counters against WeChat's
 * limits. Save replaces the default menu (conditional menus are kept); the server's refusals
 * (WeChat's validation messages) are shown under the toolbar.
 */
export function MenuEditor({
  appid,
  initial,
  title,
  hasMenu,
}: {
  appid: string;
  initial: MenuButton[];
  title: string;
  hasMenu: boolean;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [saved] = useState(() => fromMenuButtons(initial));
  const [buttons, setButtons] = useState<DraftButton[]>(saved);
  const [selected, setSelected] = useState<Selection | null>(saved.length ? { top: 0, sub: null } : null);
  const [submitted, setSubmitted] = useState(false);
  const save = useSaveMenu(appid);
  const remove = useDeleteMenu(appid);

  const problems = validateMenu(buttons);
  const dirty = !sameMenu(buttons, saved);
  const current = buttonAt(buttons, selected);
  const openTop = selected?.top ?? null;

  const edit = (next: { buttons: DraftButton[]; selected: Selection | null }) => {
    save.reset();
    setButtons(next.buttons);
    setSelected(next.selected);
  };
  const patch = (change: Partial<Omit<DraftButton, 'uid' | 'subs'>>) => {
    if (!selected) return;
    save.reset();
    setButtons(updateAt(buttons, selected, change));
  };

  const onSave = () => {
    setSubmitted(true);
    if (problems.length > 0) return;
    save.mutate(toMenuJson(buttons), { onSuccess: () => void message.success(t('menuEditor.saved')) });
  };

  const onReset = () => {
    save.reset();
    setSubmitted(false);
    setButtons(saved);
    setSelected(saved.length ? { top: 0, sub: null } : null);
  };

  return (
    <div className="menu-editor" data-testid="menu-editor">
      <Space wrap className="menu-editor-toolbar">
        <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={onSave} data-testid="menu-save">
          {t('menuEditor.save')}
        </Button>
        <Button icon={<UndoOutlined />} disabled={!dirty} onClick={onReset} data-testid="menu-reset">
          {t('menuEditor.reset')}
        </Button>
        <Popconfirm
          title={t('menuEditor.deleteConfirm')}
          description={t('menuEditor.deleteConfirmBody')}
          okText={t('common.delete')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          disabled={!hasMenu}
          onConfirm={() =>
            void remove
              .mutateAsync()
              .then(() => void message.success(t('menuEditor.deleted')))
              .catch(() => undefined)
          }
        >
          <Button danger icon={<DeleteOutlined />} disabled={!hasMenu} loading={remove.isPending} data-testid="menu-delete">
            {t('menuEditor.delete')}
          </Button>
        </Popconfirm>
        {dirty ? <Tag color="warning">{t('menuEditor.unsaved')}</Tag> : null}
      </Space>

      {submitted && problems.length > 0 ? (
        <Alert
          type="error"
          showIcon
          className="menu-editor-alert"
          title={t('menuEditor.problems', { count: problems.length })}
          data-testid="menu-problems"
          description={
            <ul className="menu-problem-list">
              {problems.map((p, i) => (
                <li key={i}>
                  {p.at ? (
                    <Typography.Link onClick={() => setSelected(p.at)}>{menuProblemText(t, buttons, p)}</Typography.Link>
                  ) : (
                    menuProblemText(t, buttons, p)
                  )}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      {save.isError ? (
        <Alert
          type="error"
          showIcon
          className="menu-editor-alert"
          title={t('menuEditor.saveFailed')}
          description={errorMessage(save.error)}
          data-testid="menu-save-error"
        />
      ) : null}

      <div className="menu-preview">
        <div className="phone" data-testid="menu-editor-phone">
          <div className="phone-title">{title}</div>
          <div className="phone-screen" onClick={() => setSelected(null)}>
            {buttons.length === 0 ? (
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={(e) => {
                  e.stopPropagation();
                  edit(addTop(buttons, t('menuEditor.defaultTopName')));
                }}
              >
                {t('menuEditor.addFirst')}
              </Button>
            ) : null}
          </div>
          <div className="phone-menubar">
            <div className="phone-keyboard" title={t('menus.keyboard')}>
              ⌨
            </div>
            {buttons.map((button, index) => {
              const isSelected = selected?.top === index && selected.sub === null;
              const hasProblem = problemsAt(problems, { top: index, sub: null }).length > 0;
              return (
                <div
                  key={button.uid}
                  className={`phone-menu-col editable${isSelected ? ' selected' : ''}${openTop === index ? ' open' : ''}${hasProblem ? ' invalid' : ''}`}
                  onClick={() => setSelected({ top: index, sub: null })}
                  data-testid="menu-editor-top"
                >
                  <span className="phone-menu-name">{button.name || t('menuEditor.unnamed')}</span>
                  {openTop === index ? (
                    <div className="phone-submenu" onClick={(e) => e.stopPropagation()}>
                      {button.subs.map((sub, subIndex) => (
                        <div
                          key={sub.uid}
                          className={`phone-submenu-item${selected?.sub === subIndex ? ' selected' : ''}${
                            problemsAt(problems, { top: index, sub: subIndex }).length ? ' invalid' : ''
                          }`}
                          onClick={() => setSelected({ top: index, sub: subIndex })}
                          data-testid="menu-editor-sub"
                        >
                          {sub.name || t('menuEditor.unnamed')}
                        </div>
                      ))}
                      {button.subs.length < MAX_SUB_BUTTONS ? (
                        <div
                          className="phone-submenu-item add"
                          title={t('menuEditor.addSub')}
                          onClick={() => edit(addSub(buttons, index, t('menuEditor.defaultSubName')))}
                          data-testid="menu-add-sub"
                        >
                          <PlusOutlined />
                        </div>
                      ) : null}
                    </div>
                  ) : null}
                </div>
              );
            })}
            {buttons.length < MAX_TOP_BUTTONS ? (
              <div
                className="phone-menu-col add"
                title={t('menuEditor.addTop')}
                onClick={() => edit(addTop(buttons, t('menuEditor.defaultTopName')))}
                data-testid="menu-add-top"
              >
                <PlusOutlined />
              </div>
            ) : null}
          </div>
        </div>

        <Card
          size="small"
          className="menu-editor-panel"
          title={selected ? whereText(t, buttons, selected) : t('menuEditor.panelTitle')}
        >
          {selected && current ? (
            <ButtonForm
              key={current.uid}
              button={current}
              at={selected}
              siblings={selected.sub === null ? buttons.length : (buttons[selected.top]?.subs.length ?? 0)}
              problems={problemsAt(problems, selected)}
              submitted={submitted}
              onChange={patch}
              onMove={(delta) => edit(moveAt(buttons, selected, delta))}
              onRemove={() => edit(removeAt(buttons, selected))}
              onAddSub={() => edit(addSub(buttons, selected.top, t('menuEditor.defaultSubName')))}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('menuEditor.selectHint')} />
          )}
        </Card>
      </div>
    </div>
  );
}

/** The inputs of the selected button. */
function ButtonForm({
  button,
  at,
  siblings,
  problems,
  submitted,
  onChange,
  onMove,
  onRemove,
  onAddSub,
}: {
  button: DraftButton;
  at: Selection;
  siblings: number;
  problems: MenuProblem[];
  submitted: boolean;
  onChange: (patch: Partial<Omit<DraftButton, 'uid' | 'subs'>>) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
  onAddSub: () => void;
}) {
  const { t } = useI18n();
  const isTop = at.sub === null;
  const index = at.sub ?? at.top;
  const isParent = isTop && button.subs.length > 0;
  const limit = nameLimit(at);

  return (
    <Form layout="vertical" component="div">
      <Space wrap style={{ marginBottom: 16 }}>
        <Button
          size="small"
          icon={isTop ? <ArrowLeftOutlined /> : <ArrowUpOutlined />}
          disabled={index === 0}
          onClick={() => onMove(-1)}
          data-testid="menu-button-move-up"
        >
          {isTop ? t('menuEditor.moveLeft') : t('common.moveUp')}
        </Button>
        <Button
          size="small"
          icon={isTop ? <ArrowRightOutlined /> : <ArrowDownOutlined />}
          disabled={index >= siblings - 1}
          onClick={() => onMove(1)}
          data-testid="menu-button-move-down"
        >
          {isTop ? t('menuEditor.moveRight') : t('common.moveDown')}
        </Button>
        {isTop ? (
          <Button
            size="small"
            icon={<PlusOutlined />}
            disabled={button.subs.length >= MAX_SUB_BUTTONS}
            onClick={onAddSub}
            data-testid="menu-add-sub-button"
          >
            {t('menuEditor.addSub')}
          </Button>
        ) : null}
        <Popconfirm
          title={isParent ? t('menuEditor.removeParentConfirm') : t('menuEditor.removeConfirm')}
          okText={t('common.delete')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          onConfirm={onRemove}
        >
          <Button size="small" danger icon={<DeleteOutlined />} data-testid="menu-button-delete">
            {t('menuEditor.remove')}
          </Button>
        </Popconfirm>
      </Space>

      <Form.Item
        label={t('menuEditor.field.name')}
        htmlFor="menu-field-name"
        extra={isTop ? t('menuEditor.nameHelpTop', { limit }) : t('menuEditor.nameHelpSub', { limit })}
        required
        {...fieldStatus(t, problems, 'name', submitted)}
      >
        <Input
          id="menu-field-name"
          value={button.name}
          count={byteCount(limit)}
          onChange={(e) => onChange({ name: e.target.value })}
          data-testid="menu-button-name"
        />
      </Form.Item>

      {isParent ? (
        <Alert type="info" showIcon title={t('menuEditor.parentNote', { count: button.subs.length })} />
      ) : (
        <>
          <Form.Item label={t('menuEditor.field.type')} htmlFor="menu-field-type" extra={t(`menuEditor.typeHelp.${button.type}`)}>
            <Select
              id="menu-field-type"
              value={button.type}
              onChange={(type) => onChange({ type })}
              options={BUTTON_TYPES.map((type) => ({ value: type, label: `${t(`menuEditor.type.${type}`)} (${type})` }))}
              data-testid="menu-button-type"
            />
          </Form.Item>
          {fieldsOf(button.type).map((field) => {
            const max = fieldLimit(field);
            return (
              <Form.Item
                key={field}
                label={t(`menuEditor.field.${field}`)}
                htmlFor={`menu-field-${field}`}
                required
                extra={field === 'url' && button.type === 'miniprogram' ? t('menuEditor.miniprogramUrlHelp') : undefined}
                {...fieldStatus(t, problems, field, submitted)}
              >
                <Input
                  id={`menu-field-${field}`}
                  value={button[field]}
                  className="mono"
                  placeholder={field === 'url' ? 'https://' : undefined}
                  count={max === null ? undefined : byteCount(max)}
                  onChange={(e) => onChange({ [field]: e.target.value })}
                  data-testid={FIELD_TESTIDS[field]}
                />
              </Form.Item>
            );
          })}
          {isTop ? <Typography.Text type="secondary">{t('menuEditor.leafNote')}</Typography.Text> : null}
        </>
      )}
    </Form>
  );
}
