import type { PublicAccount } from '@gzh/contracts';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { AccountRow } from '../components/AccountRow';
import { TitleBar } from '../components/TitleBar';
import { accountTypeLabel } from '../labels';
import { formatTime, previewText } from '../messages';
import type { Conversation } from '../messages';
import type { Route } from '../router';
import { useConversations } from '../stream';
import { useLoad } from '../useLoad';

interface ChatsScreenProps {
  navigate: (route: Route) => void;
}

interface ChatEntry {
  account: PublicAccount;
  conversation?: Conversation;
}

/**
 * The 微信 tab: conversations with the latest first (preview, time, unread count), then followed
 * accounts nobody has written in yet. A conversation stays after an unfollow, as on WeChat.
 */
export function ChatsScreen({ navigate }: ChatsScreenProps) {
  const follows = useLoad(() => api.follows(), 'follows');
  const conversations = useConversations();
  const [others, setOthers] = useState<Record<string, PublicAccount>>({});
  const asked = useRef(new Set<string>());

  const followed = follows.data?.accounts ?? [];
  const known = new Map(followed.map((a) => [a.appid, a]));

  // Conversations with accounts no longer followed: their names come from the account itself.
  useEffect(() => {
    if (!follows.data) return;
    const ids = new Set(follows.data.accounts.map((a) => a.appid));
    for (const { appid } of conversations) {
      if (ids.has(appid) || asked.current.has(appid)) continue;
      asked.current.add(appid);
      api.account(appid).then(
        (res) => setOthers((prev) => ({ ...prev, [appid]: res.account })),
        () => undefined,
      );
    }
  }, [conversations, follows.data]);

  const entries: ChatEntry[] = [];
  for (const conversation of conversations) {
    const account = known.get(conversation.appid) ?? others[conversation.appid];
    known.delete(conversation.appid);
    if (account) entries.push({ account, conversation });
  }
  for (const account of known.values()) entries.push({ account });

  const unread = conversations.reduce((n, c) => n + c.unread, 0);
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
            {entries.map(({ account, conversation }) => (
              <AccountRow
                key={account.appid}
                account={account}
                testId="chat-item"
                subtitle={conversation ? previewText(conversation.last.body) : accountTypeLabel(account.type)}
                {...(conversation && { time: formatTime(conversation.last.createdAt, now), unread: conversation.unread })}
                onOpen={() => navigate({ name: 'chat', appid: account.appid })}
              />
            ))}
          </ul>
        )}
      </main>
    </section>
  );
}
