import type { ReplyRuleView } from '@gzh/contracts';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, Modal, Radio, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { useSaveReplyRule } from '../api/replies';
import type { ArticleDraft, KeywordDraft, ReplyDraft, ReplyKind, ReplyType, RuleDraft, RuleProblem } from '../lib/reply-rules';
import {
  draftOf,
  emptyArticle,
  emptyReply,
  newRuleDraft,
  problemAt,
  REPLY_LIMITS,
  REPLY_TYPES,
  toRuleInput,
  validateRuleDraft,
} from '../lib/reply-rules';
import type { Translate } from '../i18n';
import { useI18n } from '../i18n';
import { ReplyPreview } from './reply-preview';
import { swap } from '../lib/arrays';

/** A menu button whose key a click rule can answer. */
export interface MenuKeyOption {
  key: string;
  name: string;
}

/** The message for a validation problem. */
export function problemText(t: Translate, problem: RuleProblem): string {
  switch (problem.code) {
    case 'required':
      return t('replies.problem.required');
    case 'tooLong':
      return t('replies.problem.tooLong', { max: problem.max ?? 0 });
    case 'count':
      return t('replies.problem.count', { min: problem.min ?? 0, max: problem.max ?? 0 });
    case 'url':
      return t('replies.problem.url');
    case 'duplicateKind':
      return t('replies.problem.duplicateKind');
    case 'tooManyRules':
      return t('replies.problem.tooManyRules', { max: problem.max ?? 0 });
    case 'duplicateKeyword':
      return t('replies.problem.duplicateKeyword');
  }
}

function move<T>(list: readonly T[], from: number, delta: -1 | 1): T[] {
  return swap(list, from, from + delta);
}

type ShowProblem = (path: string) => { validateStatus?: 'error'; help?: ReactNode };

/** One news article's inputs. */
function ArticleEditor({
  article,
  at,
  onChange,
  show,
}: {
  article: ArticleDraft;
  at: string;
  onChange: (patch: Partial<ArticleDraft>) => void;
  show: ShowProblem;
}) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item label={t('replies.article.title')} htmlFor={`rule-${at}.title`} required {...show(`${at}.title`)}>
        <Input
          id={`rule-${at}.title`}
          value={article.title}
          maxLength={REPLY_LIMITS.articleTitle}
          showCount
          onChange={(e) => onChange({ title: e.target.value })}
        />
      </Form.Item>
      <Form.Item label={t('replies.article.description')} htmlFor={`rule-${at}.description`} {...show(`${at}.description`)}>
        <Input.TextArea
          id={`rule-${at}.description`}
          value={article.description}
          maxLength={REPLY_LIMITS.articleDescription}
          showCount
          autoSize={{ minRows: 1, maxRows: 3 }}
          onChange={(e) => onChange({ description: e.target.value })}
        />
      </Form.Item>
      <Form.Item label={t('replies.article.url')} htmlFor={`rule-${at}.url`} required {...show(`${at}.url`)}>
        <Input
          id={`rule-${at}.url`}
          value={article.url}
          placeholder="https://"
          className="mono"
          onChange={(e) => onChange({ url: e.target.value })}
        />
      </Form.Item>
      <Form.Item label={t('replies.article.picUrl')} htmlFor={`rule-${at}.picUrl`} {...show(`${at}.picUrl`)}>
        <Input
          id={`rule-${at}.picUrl`}
          value={article.picUrl}
          placeholder="https://"
          className="mono"
          onChange={(e) => onChange({ picUrl: e.target.value })}
        />
      </Form.Item>
    </>
  );
}

/** The sub-form of one reply, by type. */
function ReplyFields({
  reply,
  at,
  onChange,
  show,
}: {
  reply: ReplyDraft;
  at: string;
  onChange: (reply: ReplyDraft) => void;
  show: ShowProblem;
}) {
  const { t } = useI18n();
  const mediaId = (value: string) => (
    <Form.Item
      label={t('replies.mediaId')}
      htmlFor={`rule-${at}.mediaId`}
      required
      {...show(`${at}.mediaId`)}
      extra={t('replies.mediaIdHelp')}
    >
      <Input
        id={`rule-${at}.mediaId`}
        value={value}
        maxLength={REPLY_LIMITS.mediaId}
        className="mono"
        onChange={(e) => onChange({ ...reply, mediaId: e.target.value } as ReplyDraft)}
      />
    </Form.Item>
  );
  switch (reply.type) {
    case 'text':
      return (
        <Form.Item label={t('replies.text')} htmlFor={`rule-${at}.content`} required {...show(`${at}.content`)}>
          <Input.TextArea
            id={`rule-${at}.content`}
            value={reply.content}
            maxLength={REPLY_LIMITS.text}
            showCount
            autoSize={{ minRows: 3, maxRows: 8 }}
            onChange={(e) => onChange({ ...reply, content: e.target.value })}
            data-testid="reply-text"
          />
        </Form.Item>
      );
    case 'image':
      return (
        <>
          {mediaId(reply.mediaId)}
          <Form.Item
            label={t('replies.picUrl')}
            htmlFor={`rule-${at}.picUrl`}
            {...show(`${at}.picUrl`)}
            extra={t('replies.picUrlHelp')}
          >
            <Input
              id={`rule-${at}.picUrl`}
              value={reply.picUrl}
              placeholder="https://"
              className="mono"
              onChange={(e) => onChange({ ...reply, picUrl: e.target.value })}
            />
          </Form.Item>
        </>
      );
    case 'voice':
      return mediaId(reply.mediaId);
    case 'video':
      return (
        <>
          {mediaId(reply.mediaId)}
          <Form.Item label={t('replies.videoTitle')} htmlFor={`rule-${at}.title`} {...show(`${at}.title`)}>
            <Input
              id={`rule-${at}.title`}
              value={reply.title}
              maxLength={REPLY_LIMITS.videoTitle}
              showCount
              onChange={(e) => onChange({ ...reply, title: e.target.value })}
            />
          </Form.Item>
          <Form.Item label={t('replies.videoDescription')} htmlFor={`rule-${at}.description`} {...show(`${at}.description`)}>
            <Input
              id={`rule-${at}.description`}
              value={reply.description}
              maxLength={REPLY_LIMITS.videoDescription}
              showCount
              onChange={(e) => onChange({ ...reply, description: e.target.value })}
            />
          </Form.Item>
        </>
      );
    case 'news': {
      const setArticles = (articles: ArticleDraft[]) => onChange({ ...reply, articles });
      const countProblem = show(`${at}.articles`);
      return (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {reply.articles.map((article, i) => (
            <Card
              key={i}
              size="small"
              type="inner"
              title={t('replies.article.n', { n: i + 1 })}
              extra={
                <Space size={0}>
                  <Button
                    type="text"
                    size="small"
                    icon={<ArrowUpOutlined />}
                    disabled={i === 0}
                    aria-label={t('common.moveUp')}
                    onClick={() => setArticles(move(reply.articles, i, -1))}
                  />
                  <Button
                    type="text"
                    size="small"
                    icon={<ArrowDownOutlined />}
                    disabled={i === reply.articles.length - 1}
                    aria-label={t('common.moveDown')}
                    onClick={() => setArticles(move(reply.articles, i, 1))}
                  />
                  <Button
                    type="text"
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    disabled={reply.articles.length <= 1}
                    aria-label={t('common.delete')}
                    onClick={() => setArticles(reply.articles.filter((_, j) => j !== i))}
                  />
                </Space>
              }
            >
              <ArticleEditor
                article={article}
                at={`${at}.articles.${i}`}
                show={show}
                onChange={(patch) => setArticles(reply.articles.map((a, j) => (j === i ? { ...a, ...patch } : a)))}
              />
            </Card>
          ))}
          {countProblem.help ? <Typography.Text type="danger">{countProblem.help}</Typography.Text> : null}
          <Button
            icon={<PlusOutlined />}
            disabled={reply.articles.length >= REPLY_LIMITS.articles}
            onClick={() => setArticles([...reply.articles, emptyArticle()])}
          >
            {t('replies.article.add', { count: reply.articles.length, max: REPLY_LIMITS.articles })}
          </Button>
        </Space>
      );
    }
  }
}

/** Keyword rows: text plus exact/contains, 1–10 of them. */
function KeywordsEditor({
  keywords,
  onChange,
  show,
}: {
  keywords: KeywordDraft[];
  onChange: (keywords: KeywordDraft[]) => void;
  show: ShowProblem;
}) {
  const { t } = useI18n();
  const countProblem = show('keywords');
  return (
    <Form.Item label={t('replies.keywords')} required extra={t('replies.keywordsHelp')} {...countProblem}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {keywords.map((k, i) => {
          const p = show(`keywords.${i}`);
          return (
            <div key={i}>
              <Space.Compact style={{ width: '100%' }}>
                <Select<KeywordDraft['match']>
                  value={k.match}
                  style={{ width: 120 }}
                  onChange={(match) => onChange(keywords.map((x, j) => (j === i ? { ...x, match } : x)))}
                  options={[
                    { value: 'contains', label: t('replies.match.contains') },
                    { value: 'exact', label: t('replies.match.exact') },
                  ]}
                  data-testid="reply-keyword-match"
                />
                <Input
                  value={k.text}
                  maxLength={REPLY_LIMITS.keywordLength}
                  showCount
                  status={p.validateStatus}
                  placeholder={t('replies.keywordPlaceholder')}
                  onChange={(e) => onChange(keywords.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)))}
                  data-testid="reply-keyword"
                />
                <Button
                  icon={<DeleteOutlined />}
                  disabled={keywords.length <= 1}
                  aria-label={t('common.delete')}
                  onClick={() => onChange(keywords.filter((_, j) => j !== i))}
                />
              </Space.Compact>
              {p.help ? <Typography.Text type="danger">{p.help}</Typography.Text> : null}
            </div>
          );
        })}
        <Button
          icon={<PlusOutlined />}
          disabled={keywords.length >= REPLY_LIMITS.keywords}
          onClick={() => onChange([...keywords, { text: '', match: 'contains' }])}
          data-testid="reply-keyword-add"
        >
          {t('replies.keywordAdd', { count: keywords.length, max: REPLY_LIMITS.keywords })}
        </Button>
      </Space>
    </Form.Item>
  );
}

/**
 * Creates or edits an auto-reply rule: name, keywords (or the menu key), up to five replies of
 * any type, reply mode and switch, with a live phone preview. Every server limit is checked
 * before saving; what the server still refuses (409 duplicate, 400) is shown in the modal.
 */
export function ReplyRuleModal({
  appid,
  kind,
  rule,
  rules,
  menuKeys,
  accountName,
  avatarUrl,
  onClose,
  onSaved,
}: {
  appid: string;
  kind: ReplyKind;
  rule: ReplyRuleView | null;
  rules: readonly ReplyRuleView[];
  menuKeys: readonly MenuKeyOption[];
  accountName: string;
  avatarUrl?: string;
  onClose: () => void;
  onSaved: (rule: ReplyRuleView) => void;
}) {
  const { t } = useI18n();
  const save = useSaveReplyRule(appid);
  const [draft, setDraft] = useState<RuleDraft>(() => (rule ? draftOf(rule) : newRuleDraft(kind)));
  const [submitted, setSubmitted] = useState(false);
  const problems = validateRuleDraft(draft, { rules, editingId: rule?.id ?? null });

  const show: ShowProblem = (path) => {
    if (!submitted) return {};
    const p = problemAt(problems, path);
    return p ? { validateStatus: 'error', help: problemText(t, p) } : {};
  };
  const update = (patch: Partial<RuleDraft>) => {
    save.reset();
    setDraft((d) => ({ ...d, ...patch }));
  };
  const setReply = (i: number, reply: ReplyDraft) => update({ replies: draft.replies.map((r, j) => (j === i ? reply : r)) });

  const onSave = () => {
    setSubmitted(true);
    if (problems.length > 0) return;
    save.mutate(
      { id: rule?.id ?? null, input: toRuleInput(draft, rule?.position) },
      { onSuccess: ({ rule: saved }) => onSaved(saved) },
    );
  };

  const ruleProblems = submitted ? problems.filter((p) => p.path === 'rule') : [];
  const repliesProblem = show('replies');
  const keyProblem = show('keywords.0');
  const clickKey = draft.keywords[0]?.text ?? '';

  return (
    <Modal
      open
      width={1080}
      title={
        rule
          ? t('replies.editTitle', { kind: t(`replies.kind.${kind}`) })
          : t('replies.newTitle', { kind: t(`replies.kind.${kind}`) })
      }
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={onSave} data-testid="reply-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Row gutter={24}>
        <Col xs={24} lg={14}>
          <Form layout="vertical" component="div">
            <Form.Item label={t('replies.name')} htmlFor="rule-name" required {...show('name')}>
              <Input
                id="rule-name"
                value={draft.name}
                maxLength={REPLY_LIMITS.name}
                showCount
                placeholder={t('replies.namePlaceholder')}
                onChange={(e) => update({ name: e.target.value })}
                data-testid="reply-name"
              />
            </Form.Item>

            {draft.kind === 'keyword' ? (
              <KeywordsEditor keywords={draft.keywords} onChange={(keywords) => update({ keywords })} show={show} />
            ) : null}

            {draft.kind === 'click' ? (
              <Form.Item label={t('replies.menuKey')} required extra={t('replies.menuKeyHelp')} {...keyProblem}>
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Input
                    value={clickKey}
                    maxLength={REPLY_LIMITS.menuKeyLength}
                    showCount
                    className="mono"
                    status={keyProblem.validateStatus}
                    onChange={(e) => update({ keywords: [{ text: e.target.value, match: 'exact' }] })}
                    data-testid="reply-keyword"
                  />
                  {menuKeys.length > 0 ? (
                    <Space size={[4, 4]} wrap>
                      <Typography.Text type="secondary">{t('replies.menuKeyPick')}</Typography.Text>
                      {menuKeys.map((m) => (
                        <Tag.CheckableTag
                          key={m.key}
                          checked={m.key === clickKey.trim()}
                          onChange={() => update({ keywords: [{ text: m.key, match: 'exact' }] })}
                        >
                          {m.name} · <span className="mono">{m.key}</span>
                        </Tag.CheckableTag>
                      ))}
                    </Space>
                  ) : null}
                </Space>
              </Form.Item>
            ) : null}

            <Form.Item label={t('replies.replies')} required {...repliesProblem}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                {draft.replies.map((reply, i) => (
                  <Card
                    key={i}
                    size="small"
                    data-testid="reply-item"
                    title={
                      <Select<ReplyType>
                        value={reply.type}
                        style={{ width: 140 }}
                        onChange={(type) => setReply(i, emptyReply(type))}
                        options={REPLY_TYPES.map((type) => ({ value: type, label: t(`replies.type.${type}`) }))}
                        data-testid="reply-type"
                      />
                    }
                    extra={
                      <Space size={0}>
                        <Button
                          type="text"
                          icon={<ArrowUpOutlined />}
                          disabled={i === 0}
                          aria-label={t('common.moveUp')}
                          onClick={() => update({ replies: move(draft.replies, i, -1) })}
                        />
                        <Button
                          type="text"
                          icon={<ArrowDownOutlined />}
                          disabled={i === draft.replies.length - 1}
                          aria-label={t('common.moveDown')}
                          onClick={() => update({ replies: move(draft.replies, i, 1) })}
                        />
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          disabled={draft.replies.length <= 1}
                          aria-label={t('common.delete')}
                          onClick={() => update({ replies: draft.replies.filter((_, j) => j !== i) })}
                        />
                      </Space>
                    }
                  >
                    <ReplyFields reply={reply} at={`replies.${i}`} onChange={(r) => setReply(i, r)} show={show} />
                  </Card>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  disabled={draft.replies.length >= REPLY_LIMITS.replies}
                  onClick={() => update({ replies: [...draft.replies, emptyReply('text')] })}
                  data-testid="reply-add"
                >
                  {t('replies.addReply', { count: draft.replies.length, max: REPLY_LIMITS.replies })}
                </Button>
              </Space>
            </Form.Item>

            <Form.Item label={t('replies.mode')}>
              <Radio.Group
                value={draft.replyMode}
                onChange={(e) => update({ replyMode: e.target.value as RuleDraft['replyMode'] })}
                options={[
                  { value: 'all', label: t('replies.mode.all') },
                  { value: 'random', label: t('replies.mode.random') },
                ]}
              />
            </Form.Item>
            <Form.Item label={t('replies.enabled')}>
              <Switch checked={draft.enabled} onChange={(enabled) => update({ enabled })} data-testid="reply-enabled" />
            </Form.Item>
          </Form>
          {ruleProblems.map((p) => (
            <Alert key={p.code} type="error" showIcon title={problemText(t, p)} style={{ marginBottom: 12 }} />
          ))}
          {submitted && problems.length > 0 && ruleProblems.length === 0 ? (
            <Alert
              type="warning"
              showIcon
              title={t('replies.fixProblems', { count: problems.length })}
              data-testid="reply-problems"
            />
          ) : null}
          {save.isError ? (
            <Alert
              type="error"
              showIcon
              title={t('replies.saveFailed')}
              description={errorMessage(save.error)}
              data-testid="reply-save-error"
            />
          ) : null}
        </Col>
        <Col xs={24} lg={10}>
          <div className="reply-preview-pane">
            <Typography.Text type="secondary">{t('replies.preview')}</Typography.Text>
            <ReplyPreview draft={draft} accountName={accountName} avatarUrl={avatarUrl} />
          </div>
        </Col>
      </Row>
    </Modal>
  );
}
