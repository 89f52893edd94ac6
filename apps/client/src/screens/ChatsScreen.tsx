import type { PublicAccount } from '@gzh/contracts';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api';
import type { ChatListItem } from '../broadcasts';
import { AccountRow } from '../components/AccountRow';
import { SubscriptionsRow } from '../components/SubscriptionsRow';
import { TitleBar } from '../components/TitleBar';
import { accountTypeLabel } from '../labels';
import { formatTime, previewText } from '../messages';
import type { Route } from '../router';
import { useChatList } from '../stream';
import { useLoad } from '../useLoad';

interface ChatsScreenProps {
  navigate: (route: Route) => void;
}

type ChatEntry =
  | { account: PublicAccount; item?: ChatListItem & { kind: 'account' } }
  | { folder: ChatListItem & { kind: 'subscriptions' }; name: string };

/**
 * The 微信 tab: conversations and service accounts' broadcasts with the latest first (preview,
 * time, unread count), subscription accounts' broadcasts folded into one 订阅号消息 entry, then
 * followed accounts nobody has written in yet. A conversation stays after an unfollow, as on WeChat.
 */
export function ChatsScreen({ navigate }: ChatsScreenProps) {
  const follows = useLoad(() => api.follows(), 'follows');
  const items = useChatList();
  const [others, setOthers] = useState<Record<string, PublicAccount>>({});
  const asked = useRef(new Set<string>());

  const followed = follows.data?.accounts ?? [];
  const known = new Map(followed.map((a) => [a.appid, a]));

  // Conversations with accounts no longer followed: their names come from the account itself.
  useEffect(() => {
    if (!follows.data) return;
    const ids = new Set(follows.data.accounts.map((a) => a.appid));
    for (const item of items) {
      const appid = item.kind === 'account' ? item.appid : item.latest.appid;
      if (ids.has(appid) || asked.current.has(appid)) continue;
      asked.current.add(appid);
      api.account(appid).then(
        (res) => setOthers((prev) => ({ ...prev, [appid]: res.account })),
        () => undefined,
      );
    }
  }, [items, follows.data]);

  const nameOf = (appid: string): string => (known.get(appid) ?? others[appid])?.name ?? '';
  const entries: ChatEntry[] = [];
  for (const item of items) {
    if (item.kind === 'subscriptions') {
      entries.push({ folder: item, name: nameOf(item.latest.appid) });
      continue;
    }
    const account = known.get(item.appid) ?? others[item.appid];
    known.delete(item.appid);
    if (account) entries.push({ account, item });
  }
  for (const account of known.values()) entries.push({ account });

  const unread = items.reduce((n, c) => n + c.unread, 0);
  const now = Date.now();

  return (
    <section className="screen">
      <TitleBar title={unread > 0 ? `微信(${unread})` : '微信'} />
      <main className="content content-white">
        {entries.length === 0 ? (
          follows.loading ? (
            <p className="empty">加载中…</p>
          ) : (
            <div className="empty">
              <p>{follows.error ?? '还没有会话'}</p>
              <button type="button" className="button button-plain" onClick={() => navigate({ name: 'discover', q: '' })}>
                去发现公众号
              </button>
            </div>
          )
        ) : (
          <ul className="list list-flush" data-testid="chat-list">
            {entries.map((entry) =>
              'folder' in entry ? (
                <SubscriptionsRow
                  key="subscriptions"
                  subtitle={`${entry.name ? `${entry.name}: ` : ''}${previewText(entry.folder.latest.body)}`}
                  time={formatTime(entry.folder.latest.createdAt, now)}
                  unread={entry.folder.unread}
                  onOpen={() => navigate({ name: 'subscriptions' })}
                />
              ) : (
                <AccountRow
                  key={entry.account.appid}
                  account={entry.account}
                  testId="chat-item"
                  subtitle={entry.item ? previewText(entry.item.body) : accountTypeLabel(entry.account.type)}
                  {...(entry.item && { time: formatTime(entry.item.createdAt, now), unread: entry.item.unread })}
                  onOpen={() => navigate({ name: 'chat', appid: entry.account.appid })}
                />
              ),
            )}
          </ul>
        )}
      </main>
    </section>
  );
}
