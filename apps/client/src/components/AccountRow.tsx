import type { PublicAccount } from '@gzh/contracts';
import { accountTypeLabel, badgeText } from '../labels';
import { Avatar } from './Avatar';

interface AccountRowProps {
  account: PublicAccount;
  onOpen: (account: PublicAccount) => void;
  /** The e2e selector of the row (`chat-item`, `account-result`, ...). */
  testId: string;
  /** Second line; the intro by default. */
  subtitle?: string;
  /** Chat list: the latest message's time, top right. */
  time?: string;
  /** Chat list: the red count on the avatar. */
  unread?: number;
}

/**
 * One account in a list (chats, contacts, search results): avatar, name with the verified mark,
 * and a grey second line. The whole row is one button, as on WeChat.
 */
export function AccountRow({ account, onOpen, testId, subtitle, time, unread = 0 }: AccountRowProps) {
  const second = subtitle ?? (account.intro || accountTypeLabel(account.type));
  return (
    <li>
      <button
        type="button"
        className="cell cell-account"
        data-testid={testId}
        data-appid={account.appid}
        onClick={() => onOpen(account)}
      >
        <span className="avatar-wrap">
          <Avatar name={account.name} url={account.avatarUrl} size={44} />
          {unread > 0 && (
            <span className="badge" data-testid="chat-unread">
              {badgeText(unread)}
            </span>
          )}
        </span>
        <span className="cell-body">
          <span className="cell-title">
            <span className="cell-name">{account.name}</span>
            {account.verified && <VerifiedMark />}
            {time && <span className="cell-time">{time}</span>}
          </span>
          <span className="cell-subtitle">{second}</span>
        </span>
      </button>
    </li>
  );
}

/** The small blue tick WeChat puts beside verified (认证) accounts. */
export function VerifiedMark() {
  return (
    <svg className="verified-mark" viewBox="0 0 16 16" width="14" height="14" role="img" aria-label="已认证">
      <circle cx="8" cy="8" r="7" fill="#10aeff" />
      <path d="M4.5 8.2l2.3 2.2 4.7-4.7" fill="none" stroke="#fff" strokeWidth="1.6" />
    </svg>
  );
}
