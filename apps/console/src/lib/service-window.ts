import type { ServiceWindowView } from '@gzh/contracts';

/**
 * The customer-service window as the message drawer explains it: whether a send is possible now,
 * and if not, why — the follower left, never wrote (or wrote too long ago), or the window's
 * messages are spent. Times are measured against the server's clock (`view.now`), which the
 * sandbox may have frozen or moved, never against the browser's.
 */
export type WindowStatus =
  | {
      state: 'open';
      window: 'message' | 'event';
      /** Messages left in the window the next send spends. */
      left: number;
      quota: number;
      closesAt: number;
      closesInMs: number;
      /** Left in total, counting the other window when both are open. */
      remaining: number;
    }
  | { state: 'closed'; reason: WindowClosedReason };

/** Why nothing can be sent: each maps to an explanation in the console's languages. */
export type WindowClosedReason = 'unsubscribed' | 'no_interaction' | 'spent';

export function windowStatus(view: ServiceWindowView): WindowStatus {
  if (!view.subscribed) return { state: 'closed', reason: 'unsubscribed' };
  const part = view.window === 'message' ? view.message : view.window === 'event' ? view.event : null;
  if (view.window && part && view.closesAt !== null) {
    return {
      state: 'open',
      window: view.window,
      left: Math.max(0, part.quota - part.used),
      quota: part.quota,
      closesAt: view.closesAt,
      closesInMs: Math.max(0, view.closesAt - view.now),
      remaining: view.remaining,
    };
  }
  return { state: 'closed', reason: view.open ? 'spent' : 'no_interaction' };
}

/**
 * A coarse "time left" for the window: `47h 59m`, `12m`, `45s` in English, `47 小时 59 分`,
 * `12 分`, `45 秒` in Chinese. Minutes are rounded down so the window never looks longer than it is.
 */
export function formatTimeLeft(ms: number, locale: 'zh-CN' | 'en'): string {
  const zh = locale === 'zh-CN';
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return zh ? `${seconds} 秒` : `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (hours === 0) return zh ? `${m} 分` : `${m}m`;
  if (m === 0) return zh ? `${hours} 小时` : `${hours}h`;
  return zh ? `${hours} 小时 ${m} 分` : `${hours}h ${m}m`;
}
