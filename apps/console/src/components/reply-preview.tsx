import { AudioOutlined, PictureOutlined, PlayCircleFilled } from '@ant-design/icons';
import { Avatar } from 'antd';
import type { ArticleDraft, ReplyDraft, RuleDraft } from '../lib/reply-rules';
import { useI18n } from '../i18n';

/** An image that shows a grey placeholder when it has no URL or fails to load. */
function Picture({ src, className }: { src: string; className: string }) {
  if (!src.trim()) {
    return (
      <div className={`${className} chat-img-placeholder`}>
        <PictureOutlined />
      </div>
    );
  }
  return (
    <img
      className={className}
      src={src}
      alt=""
      onError={(e) => {
        e.currentTarget.style.visibility = 'hidden';
      }}
    />
  );
}

/** A news (图文) reply as WeChat draws it: one big card, or a cover plus a list for several articles. */
function NewsCard({ articles }: { articles: ArticleDraft[] }) {
  const { t } = useI18n();
  const [first, ...rest] = articles;
  if (!first) return null;
  if (rest.length === 0) {
    return (
      <div className="chat-news single" data-testid="reply-preview-news">
        <div className="chat-news-title">{first.title || t('replies.preview.untitled')}</div>
        <Picture src={first.picUrl} className="chat-news-cover" />
        {first.description ? <div className="chat-news-desc">{first.description}</div> : null}
      </div>
    );
  }
  return (
    <div className="chat-news multi" data-testid="reply-preview-news">
      <div className="chat-news-hero">
        <Picture src={first.picUrl} className="chat-news-cover" />
        <div className="chat-news-hero-title">{first.title || t('replies.preview.untitled')}</div>
      </div>
      {rest.map((a, i) => (
        <div key={i} className="chat-news-item">
          <span>{a.title || t('replies.preview.untitled')}</span>
          <Picture src={a.picUrl} className="chat-news-thumb" />
        </div>
      ))}
    </div>
  );
}

/** One reply as the follower sees it. */
function ReplyBubble({ reply }: { reply: ReplyDraft }) {
  const { t } = useI18n();
  switch (reply.type) {
    case 'text':
      return (
        <div className="chat-bubble">{reply.content || <span className="chat-muted">{t('replies.preview.emptyText')}</span>}</div>
      );
    case 'image':
      return reply.picUrl.trim() ? (
        <Picture src={reply.picUrl} className="chat-image" />
      ) : (
        <div className="chat-bubble chat-media">
          <PictureOutlined /> {t('replies.type.image')} <span className="chat-muted mono">{reply.mediaId}</span>
        </div>
      );
    case 'voice':
      return (
        <div className="chat-bubble chat-media">
          <AudioOutlined /> {t('replies.type.voice')} <span className="chat-muted mono">{reply.mediaId}</span>
        </div>
      );
    case 'video':
      return (
        <div className="chat-video">
          <PlayCircleFilled className="chat-video-play" />
          <div className="chat-video-title">{reply.title || reply.mediaId || t('replies.type.video')}</div>
        </div>
      );
    case 'news':
      return <NewsCard articles={reply.articles} />;
  }
}

/** What starts the conversation for each kind of rule. */
function Trigger({ draft, accountName }: { draft: RuleDraft; accountName: string }) {
  const { t } = useI18n();
  if (draft.kind === 'follow') return <div className="chat-notice">{t('replies.preview.followed', { name: accountName })}</div>;
  if (draft.kind === 'click') {
    return <div className="chat-notice">{t('replies.preview.clicked', { key: draft.keywords[0]?.text.trim() || '…' })}</div>;
  }
  const text =
    draft.kind === 'keyword'
      ? draft.keywords.find((k) => k.text.trim())?.text.trim() || t('replies.preview.keywordPlaceholder')
      : t('replies.preview.anyMessage');
  return (
    <div className="chat-row out">
      <div className="chat-bubble out">{text}</div>
      <Avatar size={32} className="chat-avatar follower">
        {t('replies.preview.me')}
      </Avatar>
    </div>
  );
}

/**
 * A live phone-style preview of a rule: what triggers it and the replies the follower receives
 * (text bubbles, images, news cards), updated as the operator types.
 */
export function ReplyPreview({ draft, accountName, avatarUrl }: { draft: RuleDraft; accountName: string; avatarUrl?: string }) {
  const { t } = useI18n();
  return (
    <div className="phone chat-phone" data-testid="reply-preview">
      <div className="phone-title">{accountName}</div>
      <div className="chat-screen">
        <Trigger draft={draft} accountName={accountName} />
        {draft.replyMode === 'random' && draft.replies.length > 1 ? (
          <div className="chat-notice">{t('replies.preview.randomNote', { count: draft.replies.length })}</div>
        ) : null}
        {draft.replies.map((reply, i) => (
          <div key={i} className="chat-row in" data-testid="reply-preview-item">
            <Avatar size={32} src={avatarUrl || undefined} className="chat-avatar">
              {accountName.slice(0, 1)}
            </Avatar>
            <ReplyBubble reply={reply} />
          </div>
        ))}
        {!draft.enabled ? <div className="chat-notice">{t('replies.preview.disabled')}</div> : null}
      </div>
    </div>
  );
}
