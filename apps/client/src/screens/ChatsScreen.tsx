import { api } from '../api';
import { AccountRow } from '../components/AccountRow';
import { TitleBar } from '../components/TitleBar';
import { accountTypeLabel } from '../labels';
import type { Route } from '../router';
import { useLoad } from '../useLoad';

interface ChatsScreenProps {
  navigate: (route: Route) => void;
}

/**
 * The 微信 tab: one conversation per followed account, as WeChat lists them. Messages arrive in a
 * later iteration; until then each entry opens the chat screen for its account.
 */
export function ChatsScreen({ navigate }: ChatsScreenProps) {
  const follows = useLoad(() => api.follows(), 'follows');
  const accounts = follows.data?.accounts ?? [];

  return (
    <section className="screen">
      <TitleBar title={accounts.length > 0 ? `微信(${accounts.length})` : '微信'} />
      <main className="content content-white">
        {follows.loading && !follows.data ? (
          <p className="empty">加载中…</p>
        ) : accounts.length === 0 ? (
          <div className="empty">
            <p>{follows.error ?? '还没有会话'}</p>
            <button type="button" className="button button-plain" onClick={() => navigate({ name: 'discover', q: '' })}>
              去发现公众号
            </button>
          </div>
        ) : (
          <ul className="list list-flush">
            {accounts.map((account) => (
              <AccountRow
                key={account.appid}
                account={account}
                testId="chat-item"
                subtitle={accountTypeLabel(account.type)}
                onOpen={() => navigate({ name: 'chat', appid: account.appid })}
              />
            ))}
          </ul>
        )}
      </main>
    </section>
  );
}
