import { api } from '../api';
import { AccountRow } from '../components/AccountRow';
import { TitleBar } from '../components/TitleBar';
import type { Route } from '../router';
import { useLoad } from '../useLoad';

interface ContactsScreenProps {
  navigate: (route: Route) => void;
}

/** The 通讯录 tab, reduced to what a follower has here: the 公众号 they follow, each opening its profile. */
export function ContactsScreen({ navigate }: ContactsScreenProps) {
  const follows = useLoad(() => api.follows(), 'follows');
  const accounts = follows.data?.accounts ?? [];

  return (
    <section className="screen">
      <TitleBar title="通讯录" />
      <main className="content">
        <h2 className="section-title">公众号</h2>
        {follows.loading && !follows.data ? (
          <p className="empty">加载中…</p>
        ) : accounts.length === 0 ? (
          <div className="empty">
            <p>{follows.error ?? '还没有关注公众号'}</p>
            <button type="button" className="button button-plain" onClick={() => navigate({ name: 'discover', q: '' })}>
              搜索公众号
            </button>
          </div>
        ) : (
          <>
            <ul className="list">
              {accounts.map((account) => (
                <AccountRow
                  key={account.appid}
                  account={account}
                  testId="contact-item"
                  onOpen={() => navigate({ name: 'account', appid: account.appid })}
                />
              ))}
            </ul>
            <p className="footnote">{accounts.length}个公众号</p>
          </>
        )}
      </main>
    </section>
  );
}
