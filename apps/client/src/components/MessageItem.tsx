import type { MessageBodyView, MessageView } from '@gzh/contracts';
import type { ReactNode } from 'react';
import { fromAccount } from '../messages';
import { Avatar } from './Avatar';
import { TemplateCard } from './TemplateCard';

interface MessageItemProps {
  message: MessageView;
  /** Who is on each side: the account on the left, the person on the right. */
  account: { name: string; avatarUrl: string };
  person: { nickname: string; avatarUrl: string };
  /** A picture finished loading (the list may need to scroll to stay at the bottom). */
  onMedia: () => void;
}

/**
 * One message of a chat, as WeChat draws it: the person's on the right in green, the account's on
 * the left in white, notices as small grey text in the middle; news and music as cards.
 */
export function MessageItem({ message, account, person, onMedia }: MessageItemProps) {
  const { body } = message;
  const attrs = {
    'data-testid': 'chat-message',
    'data-direction': message.direction,
    'data-source': message.source,
    'data-type': body.type,
  };
  if (body.type === 'notice') {
    return (
      <div className="msg-notice" {...attrs}>
        <p className="system-note" data-testid="chat-notice">
          {body.content}
        </p>
      </div>
    );
  }
  const theirs = fromAccount(message);
  const who = theirs ? { name: account.name, url: account.avatarUrl } : { name: person.nickname, url: person.avatarUrl };
  return (
    <div className={theirs ? 'msg' : 'msg msg-mine'} {...attrs}>
      <Avatar name={who.name} url={who.url} size={40} />
      <Content body={body} onMedia={onMedia} />
    </div>
  );
}

function Link({ href, className, children }: { href: string; className: string; children: ReactNode }) {
  return (
    <a className={className} href={href || undefined} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}

function Content({ body, onMedia }: { body: MessageBodyView; onMedia: () => void }) {
  switch (body.type) {
    case 'text':
    case 'notice':
      return <div className="bubble">{body.content}</div>;
    case 'image':
      return body.picUrl ? (
        <img className="msg-image" src={body.picUrl} alt="图片" onLoad={onMedia} />
      ) : (
        <div className="bubble">[图片]</div>
      );
    case 'voice':
      return (
        <div className="bubble">
          <span className="msg-voice">语音</span>
          {body.recognition && <small className="msg-sub">{body.recognition}</small>}
        </div>
      );
    case 'video':
    case 'shortvideo':
      return <div className="bubble">[视频] {body.title}</div>;
    case 'location':
      return (
        <div className="msg-card">
          <b>{body.label || '位置'}</b>
          <small>
            {body.latitude}, {body.longitude}
          </small>
        </div>
      );
    case 'link':
      return (
        <Link className="msg-card" href={body.url}>
          <b>{body.title}</b>
          <small>{body.description || body.url}</small>
        </Link>
      );
    case 'music':
      return (
        <div className="msg-card" data-testid="music-card">
          <b>♪ {body.title}</b>
          {body.description && <small>{body.description}</small>}
          <Link className="msg-play" href={body.hqMusicUrl || body.musicUrl}>
            ▶ 播放
          </Link>
        </div>
      );
    case 'news':
      return <News articles={body.articles} onMedia={onMedia} />;
    case 'template':
      return <TemplateCard body={body} />;
  }
}

/** A news reply: the first article large with its cover, the others as rows with thumbnails. */
function News({ articles, onMedia }: { articles: Extract<MessageBodyView, { type: 'news' }>['articles']; onMedia: () => void }) {
  return (
    <div className="news" data-testid="news-card">
      {articles.map((a, i) => (
        <Link key={i} className={i ? 'news-row' : 'news-main'} href={a.url}>
          <span className="news-title">{a.title}</span>
          {a.picUrl && <img src={a.picUrl} alt="" onLoad={onMedia} />}
          {articles.length === 1 && a.description && <small>{a.description}</small>}
        </Link>
      ))}
    </div>
  );
}
