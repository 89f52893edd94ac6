import { badgeText } from '../labels';

interface SubscriptionsRowProps {
  /** The latest broadcast: "account name: first title or text". */
  subtitle: string;
  time: string;
  unread: number;
  onOpen: () => void;
}

/** The chat list's 订阅号消息 entry: subscription accounts' broadcasts folded into one row. */
export function SubscriptionsRow({ subtitle, time, unread, onOpen }: SubscriptionsRowProps) {
  return (
    <li>
      <button type="button" className="cell cell-account" data-testid="subscriptions-item" onClick={onOpen}>
        <span className="avatar-wrap">
          <span className="avatar folder-icon" style={{ width: 44, height: 44, borderRadius: 6 }} aria-hidden="true">
            <svg viewBox="0 0 24 24" width="26" height="26">
              <path d="M5 5h14v14H5zM8 9h8M8 12h8M8 15h5" fill="none" stroke="#fff" strokeWidth="1.6" />
            </svg>
          </span>
          {unread > 0 && (
            <span className="badge" data-testid="subscriptions-unread">
              {badgeText(unread)}
            </span>
          )}
        </span>
        <span className="cell-body">
          <span className="cell-title">
            <span className="cell-name">订阅号消息</span>
            <span className="cell-time">{time}</span>
          </span>
          <span className="cell-subtitle">{subtitle}</span>
        </span>
      </button>
    </li>
  );
}
