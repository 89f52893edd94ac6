import {
  BoldOutlined,
  FontSizeOutlined,
  ItalicOutlined,
  LinkOutlined,
  OrderedListOutlined,
  PictureOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { App, Button, Input, Modal, Space, Tooltip, Upload } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { errorMessage } from '../api/client';
import { useI18n } from '../i18n';
import { normaliseLink } from '../lib/article-editor';

/**
 * A small rich-text editor for article content: a `contentEditable` area with a toolbar (bold,
 * italic, heading, subheading, paragraph, lists, link, image). No editor library: the browser's
 * editing commands are enough for WeChat-style articles and keep the console bundle small.
 *
 * Pasted content goes in as plain text: markup from other pages would carry styles and scripts
 * the operator cannot see (the server sanitises on save either way). `docKey` identifies the
 * document being edited; the area is refilled from `value` only when it changes, so typing never
 * moves the caret.
 */
export function RichTextEditor({
  docKey,
  value,
  onChange,
  onUploadImage,
}: {
  docKey: string;
  value: string;
  onChange: (html: string) => void;
  /** Uploads an image for the content and resolves to its URL. */
  onUploadImage: (file: File) => Promise<string>;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const area = useRef<HTMLDivElement>(null);
  const selection = useRef<Range | null>(null);
  const [linkOpen, setLinkOpen] = useState(false);
  const [link, setLink] = useState('');
  const [uploading, setUploading] = useState(false);

  useEffect(() => {
    if (area.current && area.current.innerHTML !== value) area.current.innerHTML = value;
    // Only a different document replaces the area's content (see the component comment).
  }, [docKey]);

  const emit = () => {
    if (area.current) onChange(area.current.innerHTML);
  };
  const remember = () => {
    const current = window.getSelection();
    if (current && current.rangeCount > 0 && area.current?.contains(current.anchorNode))
      selection.current = current.getRangeAt(0);
  };
  const restore = () => {
    area.current?.focus();
    const current = window.getSelection();
    if (selection.current && current) {
      current.removeAllRanges();
      current.addRange(selection.current);
    }
  };
  const command = (name: string, argument?: string) => {
    restore();
    // execCommand is deprecated but still the only cross-browser way to edit a contentEditable.
    document.execCommand(name, false, argument);
    emit();
    remember();
  };

  const tools: { key: string; icon: ReactNode; title: string; run: () => void }[] = [
    { key: 'bold', icon: <BoldOutlined />, title: t('articles.toolbar.bold'), run: () => command('bold') },
    { key: 'italic', icon: <ItalicOutlined />, title: t('articles.toolbar.italic'), run: () => command('italic') },
    { key: 'h2', icon: <FontSizeOutlined />, title: t('articles.toolbar.h2'), run: () => command('formatBlock', '<h2>') },
    {
      key: 'h3',
      icon: <FontSizeOutlined style={{ fontSize: 11 }} />,
      title: t('articles.toolbar.h3'),
      run: () => command('formatBlock', '<h3>'),
    },
    {
      key: 'p',
      icon: <span style={{ fontWeight: 600 }}>¶</span>,
      title: t('articles.toolbar.paragraph'),
      run: () => command('formatBlock', '<p>'),
    },
    { key: 'ul', icon: <UnorderedListOutlined />, title: t('articles.toolbar.ul'), run: () => command('insertUnorderedList') },
    { key: 'ol', icon: <OrderedListOutlined />, title: t('articles.toolbar.ol'), run: () => command('insertOrderedList') },
    {
      key: 'link',
      icon: <LinkOutlined />,
      title: t('articles.toolbar.link'),
      run: () => {
        remember();
        setLink('');
        setLinkOpen(true);
      },
    },
  ];

  const insertImage = async (file: File) => {
    setUploading(true);
    const hide = message.loading(t('articles.toolbar.imageUploading'), 0);
    try {
      const url = await onUploadImage(file);
      command('insertImage', url);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      hide();
      setUploading(false);
    }
  };

  return (
    <div className="rich-editor">
      <Space size={2} wrap className="rich-editor-toolbar" onMouseDown={remember}>
        {tools.map((tool) => (
          <Tooltip key={tool.key} title={tool.title}>
            <Button
              type="text"
              size="small"
              icon={tool.icon}
              aria-label={tool.title}
              data-testid={`rte-${tool.key}`}
              // Keep the selection in the text area while the button is pressed.
              onMouseDown={(e) => e.preventDefault()}
              onClick={tool.run}
            />
          </Tooltip>
        ))}
        <Upload
          accept=".jpg,.jpeg,.png"
          showUploadList={false}
          beforeUpload={(file) => {
            void insertImage(file);
            return false;
          }}
        >
          <Tooltip title={t('articles.toolbar.image')}>
            <Button
              type="text"
              size="small"
              icon={<PictureOutlined />}
              aria-label={t('articles.toolbar.image')}
              loading={uploading}
              onMouseDown={remember}
              data-testid="rte-image"
            />
          </Tooltip>
        </Upload>
      </Space>
      <div
        ref={area}
        className="rich-editor-area"
        contentEditable
        suppressContentEditableWarning
        role="textbox"
        aria-multiline="true"
        aria-label={t('articles.field.content')}
        data-placeholder={t('articles.editor.placeholder')}
        data-testid="article-content"
        onInput={emit}
        onBlur={() => {
          remember();
          emit();
        }}
        onKeyUp={remember}
        onMouseUp={remember}
        onPaste={(e) => {
          e.preventDefault();
          const text = e.clipboardData.getData('text/plain');
          if (text) document.execCommand('insertText', false, text);
          if (e.clipboardData.getData('text/html')) void message.info(t('articles.editor.pastePlain'));
          emit();
        }}
      />
      <Modal
        open={linkOpen}
        title={t('articles.toolbar.link')}
        onCancel={() => setLinkOpen(false)}
        onOk={() => {
          const url = normaliseLink(link);
          if (!url) {
            void message.error(t('articles.toolbar.linkInvalid'));
            return;
          }
          setLinkOpen(false);
          command('createLink', url);
        }}
        destroyOnHidden
      >
        <Input
          autoFocus
          placeholder="https://"
          value={link}
          onChange={(e) => setLink(e.target.value)}
          aria-label={t('articles.toolbar.linkPrompt')}
          data-testid="rte-link-input"
        />
      </Modal>
    </div>
  );
}
