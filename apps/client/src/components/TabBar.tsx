import type { TabName } from '../router';
import { badgeText } from '../labels';
import { useConversations } from '../stream';

const ICONS: Record<TabName, string> = {
  chats: 'M12 4C7 4 3 7.4 3 11.5c0 2.3 1.3 4.4 3.3 5.8L5.5 20l3.3-1.7c1 .3 2.1.4 3.2.4 5 0 9-3.4 9-7.5S17 4 12 4z',
  contacts: 'M9 11a3.5 3.5 0 100-7 3.5 3.5 0 000 7zM2.5 20c0-3.6 2.9-6 6.5-6s6.5 2.4 6.5 6zM18 8h4M18 12h4M19 16h3',
  discover: 'M12 3a9 9 0 100 18 9 9 0 000-18zM15.5 8.5l-2 5-5 2 2-5z',
  me: 'M12 11.5a4.25 4.25 0 100-8.5 4.25 4.25 0 000 8.5zM4 21c0-4.2 3.6-7 8-7s8 2.8 8 7z',
};

const LABELS: Record<TabName, string> = {
  chats: '微信',
  contacts: '通讯录',
  discover: '发现',
  me: '我',
};

const ORDER: readonly TabName[] = ['chats', 'contacts', 'discover', 'me'];

interface TabBarProps {
  active: TabName;
  onSelect: (tab: TabName) => void;
}

/** WeChat's four bottom tabs; the active one is green, 微信 carries the unread count. */
export function TabBar({ active, onSelect }: TabBarProps) {
  const unread = useConversations().reduce((n, c) => n + c.unread, 0);
  return (
    <nav className="tab-bar">
      {ORDER.map((tab) => (
        <button
          key={tab}
          type="button"
          className={tab === active ? 'tab tab-active' : 'tab'}
          aria-current={tab === active ? 'page' : undefined}
          data-testid={`tab-${tab}`}
          onClick={() => onSelect(tab)}
        >
          <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true">
            <path
              d={ICONS[tab]}
              fill={tab === active ? 'currentColor' : 'none'}
              fillRule="evenodd"
              stroke="currentColor"
              strokeWidth="1.6"
              strokeLinejoin="round"
            />
          </svg>
          <span>{LABELS[tab]}</span>
          {tab === 'chats' && unread > 0 && (
            <span className="badge" data-testid="tab-unread">
              {badgeText(unread)}
            </span>
          )}
        </button>
      ))}
    </nav>
  );
}
