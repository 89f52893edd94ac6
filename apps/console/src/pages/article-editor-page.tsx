import type { DraftView } from '@gzh/contracts';
import { ARTICLE_LIMITS } from '@gzh/contracts';
import {
  ArrowDownOutlined,
  ArrowLeftOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  EyeOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, Row, Space, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { uploadContentImage, useDraft, usePublishDraft, useSaveDraft } from '../api/articles';
import { errorMessage } from '../api/client';
import { CoverPicker } from '../components/cover-picker';
import { PageLoading, QueryError } from '../components/query-state';
import { RichTextEditor } from '../components/rich-text-editor';
import { useI18n } from '../i18n';
import { swap } from '../lib/arrays';
import { articleProblems, charCount, emptyArticle, fromView, toInput, type EditableArticle } from '../lib/article-editor';

/**
 * The article editor (图文编辑): the articles of one draft (up to 8) on the left, the selected one
 * on the right: title, author, digest, source link, cover from the material library, comment
 * switches and the content in a small rich-text editor. Saving creates or replaces the draft;
 * "save and publish" then publishes it as `freepublish/submit` does.
 */
export function ArticleEditorPage() {
  const { appid = '', mediaId } = useParams();
  const draft = useDraft(appid, mediaId ?? null);
  if (mediaId && draft.isError) return <QueryError error={draft.error} onRetry={() => void draft.refetch()} />;
  if (mediaId && !draft.data) return <PageLoading />;
  return <Editor key={mediaId ?? 'new'} appid={appid} saved={draft.data ?? null} />;
}

function Editor({ appid, saved }: { appid: string; saved: DraftView | null }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const save = useSaveDraft(appid);
  const publish = usePublishDraft(appid);
  const [articles, setArticles] = useState<EditableArticle[]>(() => (saved ? saved.articles.map(fromView) : [emptyArticle()]));
  const [selected, setSelected] = useState(0);
  const [serverError, setServerError] = useState<string | null>(null);
  const current = articles[selected] ?? articles[0]!;
  const base = `/accounts/${encodeURIComponent(appid)}/articles`;

  useEffect(() => setServerError(null), [articles]);

  const patch = (change: Partial<EditableArticle>) =>
    setArticles((list) => list.map((a, i) => (i === selected ? { ...a, ...change } : a)));
  const problems = articles.flatMap((a, i) =>
    articleProblems(a).map((p) =>
      t('articles.problem.inArticle', { n: i + 1, problem: t(p.key, 'max' in p ? { max: p.max } : undefined) }),
    ),
  );

  const store = async (): Promise<DraftView | null> => {
    try {
      const draft = await save.mutateAsync({ mediaId: saved?.mediaId ?? null, input: { articles: articles.map(toInput) } });
      if (!saved) void navigate(`${base}/drafts/${encodeURIComponent(draft.mediaId)}`, { replace: true });
      return draft;
    } catch (error) {
      setServerError(errorMessage(error));
      return null;
    }
  };
  const onSave = async () => {
    if (await store()) void message.success(t('articles.editor.saved'));
  };
  const onPublish = async () => {
    const draft = await store();
    if (!draft) return;
    await publish.mutateAsync(draft.mediaId);
    void message.success(t('articles.published'));
    void navigate(`${base}?tab=publications`);
  };
  const move = (from: number, to: number) => {
    setArticles((list) => swap(list, from, to));
    setSelected(to);
  };
  const previewUrl = saved?.articles[selected]?.url;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div className="page-header">
        <Space>
          <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(base)}>
            {t('articles.editor.back')}
          </Button>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {saved ? t('articles.editor.editTitle') : t('articles.editor.newTitle')}
          </Typography.Title>
        </Space>
        <Space>
          {previewUrl && (
            <Button icon={<EyeOutlined />} href={previewUrl} target="_blank" rel="noopener noreferrer">
              {t('articles.preview')}
            </Button>
          )}
          <Button
            onClick={() => void onSave()}
            loading={save.isPending}
            disabled={problems.length > 0}
            data-testid="article-save"
          >
            {t('common.save')}
          </Button>
          <Button
            type="primary"
            onClick={() => void onPublish()}
            loading={save.isPending || publish.isPending}
            disabled={problems.length > 0}
            data-testid="article-publish"
          >
            {t('articles.editor.saveAndPublish')}
          </Button>
        </Space>
      </div>
      {serverError && <Alert type="error" showIcon title={serverError} data-testid="article-error" />}
      {problems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={
            <ul className="problem-list">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      )}
      <Row gutter={16}>
        <Col xs={24} md={7} xl={6}>
          <ArticleList
            articles={articles}
            selected={selected}
            onSelect={setSelected}
            onAdd={() => {
              setArticles((list) => [...list, emptyArticle()]);
              setSelected(articles.length);
            }}
            onMove={move}
            onRemove={(i) => {
              setArticles((list) => list.filter((_, n) => n !== i));
              setSelected((s) => Math.max(0, s >= i ? s - 1 : s));
            }}
          />
        </Col>
        <Col xs={24} md={17} xl={18}>
          <Card>
            <Form layout="vertical">
              <Form.Item label={t('articles.field.title')} required>
                <Input
                  value={current.title}
                  onChange={(e) => patch({ title: e.target.value })}
                  count={{ show: true, max: ARTICLE_LIMITS.title, strategy: charCount }}
                  data-testid="article-title"
                />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} lg={10}>
                  <Form.Item label={t('articles.field.author')}>
                    <Input
                      value={current.author}
                      onChange={(e) => patch({ author: e.target.value })}
                      count={{ show: true, max: ARTICLE_LIMITS.author, strategy: charCount }}
                      data-testid="article-author"
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} lg={14}>
                  <Form.Item label={t('articles.field.sourceUrl')}>
                    <Input
                      value={current.contentSourceUrl}
                      placeholder={t('articles.field.sourceUrlPlaceholder')}
                      onChange={(e) => patch({ contentSourceUrl: e.target.value })}
                      data-testid="article-source"
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item label={t('articles.field.cover')} required>
                <CoverPicker
                  appid={appid}
                  thumbUrl={current.thumbUrl}
                  onChange={(c) => patch({ thumbMediaId: c.mediaId, thumbUrl: c.url })}
                />
              </Form.Item>
              <Form.Item label={t('articles.field.digest')}>
                <Input.TextArea
                  value={current.digest}
                  placeholder={current.autoDigest || t('articles.field.digestPlaceholder')}
                  autoSize={{ minRows: 2, maxRows: 4 }}
                  onChange={(e) => patch({ digest: e.target.value })}
                  count={{ show: true, max: ARTICLE_LIMITS.digest, strategy: charCount }}
                  data-testid="article-digest"
                />
              </Form.Item>
              <Form.Item label={t('articles.field.content')} required>
                <RichTextEditor
                  docKey={current.key}
                  value={current.content}
                  onChange={(content) => patch({ content })}
                  onUploadImage={(file) => uploadContentImage(appid, file)}
                />
              </Form.Item>
              <Space size="large">
                <Checkbox checked={current.needOpenComment} onChange={(e) => patch({ needOpenComment: e.target.checked })}>
                  {t('articles.field.openComment')}
                </Checkbox>
                <Checkbox
                  checked={current.needOpenComment && current.onlyFansCanComment}
                  disabled={!current.needOpenComment}
                  onChange={(e) => patch({ onlyFansCanComment: e.target.checked })}
                >
                  {t('articles.field.fansOnly')}
                </Checkbox>
              </Space>
            </Form>
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

/** The draft's articles: the first is the headline (头条); add, reorder, remove. */
function ArticleList({
  articles,
  selected,
  onSelect,
  onAdd,
  onMove,
  onRemove,
}: {
  articles: EditableArticle[];
  selected: number;
  onSelect: (i: number) => void;
  onAdd: () => void;
  onMove: (from: number, to: number) => void;
  onRemove: (i: number) => void;
}) {
  const { t } = useI18n();
  const full = articles.length >= ARTICLE_LIMITS.articles;
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      {articles.map((a, i) => (
        <div
          key={a.key}
          className={`article-item${i === selected ? ' selected' : ''}${i === 0 ? ' headline' : ''}`}
          onClick={() => onSelect(i)}
          data-testid="article-item"
        >
          {a.thumbUrl ? <img src={a.thumbUrl} alt="" /> : <div className="article-item-blank" />}
          <Typography.Text ellipsis className="article-item-title">
            {a.title.trim() || t('articles.untitled')}
          </Typography.Text>
          <Space size={0} className="article-item-actions" onClick={(e) => e.stopPropagation()}>
            <Tooltip title={t('articles.editor.moveUp')}>
              <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => onMove(i, i - 1)} />
            </Tooltip>
            <Tooltip title={t('articles.editor.moveDown')}>
              <Button
                type="text"
                size="small"
                icon={<ArrowDownOutlined />}
                disabled={i === articles.length - 1}
                onClick={() => onMove(i, i + 1)}
              />
            </Tooltip>
            <Tooltip title={t('articles.editor.remove')}>
              <Button
                type="text"
                size="small"
                danger
                icon={<DeleteOutlined />}
                disabled={articles.length === 1}
                onClick={() => onRemove(i)}
              />
            </Tooltip>
          </Space>
        </div>
      ))}
      <Tooltip title={full ? t('articles.editor.maxArticles', { max: ARTICLE_LIMITS.articles }) : null}>
        <Button block icon={<PlusOutlined />} disabled={full} onClick={onAdd} data-testid="article-add">
          {t('articles.editor.addArticle')}
        </Button>
      </Tooltip>
    </Space>
  );
}
