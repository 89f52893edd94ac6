import type { BroadcastView, PublicAccount } from '@gzh/contracts';
import { useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../api';
import { SUBSCRIPTIONS } from '../broadcasts';
import { Avatar } from '../components/Avatar';
import { TitleBar } from '../components/TitleBar';
import { useToast } from '../components/Toast';
import { formatTime, previewText } from '../messages';
import type { Route } from '../router';
import { INBOX_PAGE, loadOlderBroadcasts, markBroadcastsRead, useSubscriptionFeed } from '../stream';
import { useLoad } from '../useLoad';

interface SubscriptionsScreenProps {
  navigate: (route: Route) => void;
  onBack: () => void;
}

/**
 * The 订阅号消息 folder: every subscription account's broadcasts, newest first, each under its
 * account's name (tapping the name opens that account's chat); an article broadcast shows its
 * first article as a card that opens the article, text broadcasts their text.
 */
export function SubscriptionsScreen({ navigate, onBack }: SubscriptionsScreenProps) {
  const toast = useToast();
  const feed = useSubscriptionFeed();
  const follows = useLoad(() => api.follows(), 'follows');
  const [others, setOthers] = useState<Record<string, PublicAccount>>({});
  const [more, setMore] = useState(true);
  const [loading, setLoading] = useState(false);
  const asked = useRef(new Set<string>());

  useEffect(() => markBroadcastsRead(SUBSCRIPTIONS), [feed]);

  const known = new Map((follows.data?.accounts ?? []).map((a) => [a.appid, a]));
  // Accounts unfollowed since: their names come from the account itself.
  useEffect(() => {
    if (!follows.data) return;
    const followed = new Set(follows.data.accounts.map((a) => a.appid));
    for (const { appid } of feed) {
      if (followed.has(appid) || asked.current.has(appid)) continue;
      asked.current.add(appid);
      api.account(appid).then(
        (res) => setOthers((prev) => ({ ...prev, [appid]: res.account })),
        () => undefined,
      );
    }
  }, [feed, follows.data]);

  function loadMore(): void {
    setLoading(true);
    // Pages back from the oldest broadcast held, whichever account it is from.
    loadOlderBroadcasts(feed.at(-1)?.id).then(
      (count) => {
        setLoading(false);
        if (count < INBOX_PAGE) setMore(false);
      },
      (err: unknown) => {
        setLoading(false);
        toast(errorMessage(err));
      },
    );
  }

  const now = Date.now();
  return (
    <section className="screen">
      <TitleBar title="订阅号消息" onBack={onBack} />
      <main className="content" data-testid="subscriptions-feed">
        {feed.length === 0 ? (
          <p className="empty">还没有订阅号消息</p>
        ) : (
          feed.map((b) => {
            const account = known.get(b.appid) ?? others[b.appid];
            return (
              <article key={b.id} className="feed-item" data-testid="subscription-broadcast" data-appid={b.appid}>
                <button type="button" className="feed-head" onClick={() => navigate({ name: 'chat', appid: b.appid })}>
                  <Avatar name={account?.name ?? ''} url={account?.avatarUrl ?? ''} size={28} />
                  <span className="feed-name">{account?.name ?? ''}</span>
                  <span className="cell-time">{formatTime(b.createdAt, now)}</span>
                </button>
                <FeedBody broadcast={b} />
              </article>
            );
          })
        )}
        {feed.length > 0 && more && (
          <button type="button" className="button button-plain button-small feed-more" disabled={loading} onClick={loadMore}>
            {loading ? '加载中…' : '查看更早的消息'}
          </button>
        )}
      </main>
    </section>
  );
}

function FeedBody({ broadcast: { body } }: { broadcast: BroadcastView }) {
  if (body.type === 'mpnews' && body.articles.length) {
    const [first, ...rest] = body.articles;
    return (
      <div className="feed-articles">
        <a className="feed-article" href={first!.url || undefined} target="_blank" rel="noopener noreferrer">
          {first!.thumbUrl && <img src={first!.thumbUrl} alt="" />}
          <span className="feed-title">{first!.title}</span>
          {first!.digest && <small>{first!.digest}</small>}
        </a>
        {rest.map((a, i) => (
          <a key={i} className="feed-row" href={a.url || undefined} target="_blank" rel="noopener noreferrer">
            {a.title}
          </a>
        ))}
      </div>
    );
  }
  if (body.type === 'text') return <p className="feed-text">{body.content}</p>;
  if (body.type === 'image' && body.picUrl) return <img className="feed-image" src={body.picUrl} alt="图片" />;
  return <p className="feed-text">{previewText(body)}</p>;
}
