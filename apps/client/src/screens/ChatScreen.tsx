import { api } from '../api';
import { Avatar } from '../components/Avatar';
import { Composer } from '../components/Composer';
import { TitleBar } from '../components/TitleBar';
import { useLoad } from '../useLoad';

interface ChatScreenProps {
  appid: string;
  onBack: () => void;
  onProfile: () => void;
}

/**
 * A conversation with one account. Messages, menus and replies arrive in a later iteration; this
 * screen already owns the layout (header, message area, input bar) they will fill.
 */
export function ChatScreen({ appid, onBack, onProfile }: ChatScreenProps) {
  const loaded = useLoad(() => api.account(appid), appid);
  const account = loaded.data?.account ?? null;
  const name = account?.name ?? '';

  return (
    <section className="screen">
      <TitleBar
        title={name}
        onBack={onBack}
        right={
          <button type="button" className="icon-button" aria-label="公众号资料" data-testid="chat-profile" onClick={onProfile}>
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
              <path
                d="M12 12a4 4 0 100-8 4 4 0 000 8zm-7 8c0-3.3 3.1-6 7-6s7 2.7 7 6"
                fill="none"
                stroke="currentColor"
                strokeWidth="1.6"
              />
            </svg>
          </button>
        }
      />
      <main className="content chat-messages">
        {account ? (
          <div className="chat-header" data-testid="chat-header">
            <Avatar name={account.name} url={account.avatarUrl} size={48} />
            <div>
              <div className="cell-title">{account.name}</div>
              <div className="cell-subtitle">{account.intro}</div>
            </div>
          </div>
        ) : (
          <p className="empty">{loaded.loading ? '加载中…' : loaded.error}</p>
        )}
        <p className="system-note" data-testid="chat-coming-soon">
          消息功能即将上线
        </p>
      </main>
      <Composer disabled placeholder="消息功能即将上线" />
    </section>
  );
}
