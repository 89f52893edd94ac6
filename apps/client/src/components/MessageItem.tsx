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
  /** A tap on an item of a customer-service menu (`msgmenu`); without it the items are inert. */
  onMenuItem?: (item: MenuItem) => void;
}

type MenuItem = Extract<MessageBodyView, { type: 'msgmenu' }>['list'][number];

/**
 * One message of a chat, as WeChat draws it: the person's on the right in green, the account's on
 * the left in white, notices as small grey text in the middle; news, articles, music, mini
 * programs and coupons as cards; a customer-service menu with tappable items.
 */
export function MessageItem({ message, account, person, onMedia, onMenuItem }: MessageItemProps) {
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
      <Content body={body} onMedia={onMedia} onMenuItem={onMenuItem} />
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

function Content({
  body,
  onMedia,
  onMenuItem,
}: {
  body: MessageBodyView;
  onMedia: () => void;
  onMenuItem?: ((item: MenuItem) => void) | undefined;
}) {
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
    case 'mpnews':
      // Article cards of a draft, material or publication: the same card as news, opening the article page.
      return (
        <News
          testId="mpnews-card"
          articles={body.articles.map((a) => ({ title: a.title, description: a.digest, url: a.url, picUrl: a.thumbUrl }))}
          onMedia={onMedia}
        />
      );
    case 'msgmenu':
      return <MsgMenu body={body} onPick={onMenuItem} />;
    case 'miniprogrampage':
      return (
        <div className="msg-card mini-card" data-testid="miniprogram-card">
          <small className="mini-label">小程序</small>
          <b>{body.title}</b>
          {body.thumbUrl && <img src={body.thumbUrl} alt="" onLoad={onMedia} />}
          <small className="mini-path">{body.pagepath}</small>
        </div>
      );
    case 'wxcard':
      return (
        <div className="msg-card" data-testid="wxcard-card">
          <b>卡券</b>
          <small>{body.cardId}</small>
        </div>
      );
    case 'template':
      return <TemplateCard body={body} />;
  }
}

/** A news reply: the first article large with its cover, the others as rows with thumbnails. */
function News({
  articles,
  onMedia,
  testId = 'news-card',
}: {
  articles: Extract<MessageBodyView, { type: 'news' }>['articles'];
  onMedia: () => void;
  testId?: string;
}) {
  return (
    <div className="news" data-testid={testId}>
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

/**
 * A customer-service menu (菜单消息): the head text, one tappable line per item, the tail text.
 * Tapping an item answers with its text and the item's id (`bizmsgmenuid`), as WeChat does.
 */
function MsgMenu({
  body,
  onPick,
}: {
  body: Extract<MessageBodyView, { type: 'msgmenu' }>;
  onPick?: ((item: MenuItem) => void) | undefined;
}) {
  return (
    <div className="bubble msgmenu" data-testid="msgmenu">
      {body.headContent && <div>{body.headContent}</div>}
      {body.list.map((item) => (
        <button
          key={item.id}
          type="button"
          className="msgmenu-item"
          data-testid="msgmenu-item"
          disabled={!onPick}
          onClick={() => onPick?.(item)}
        >
          {item.content}
        </button>
      ))}
      {body.tailContent && <div>{body.tailContent}</div>}
    </div>
  );
}
