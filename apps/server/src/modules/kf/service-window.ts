/**
 * The customer-service window (spec/callback-protocol.md §8): an account may message a follower
 * only inside a window the follower opened, and only a few times per window.
 *
 * - A follower's ordinary message opens (or re-opens) the **message window**: `messageQuota`
 *   messages within `messageWindowMs` (48 h and 5 today; 20 before 2021-06).
 * - A follow, a QR-code scan, or a tap on a `click` / `scancode_push` / `scancode_waitmsg` button
 *   opens the **event window**: `eventQuota` messages within `eventWindowMs` (3 within a minute).
 *   It does not grant the message window's quota.
 * - A send spends the message window first while it is open (it is the larger), else the event
 *   window. Nothing open → 45015; open but spent → 45047.
 *
 * WeChat changed these numbers more than once, so all four are settings (`GZH_KF_*`).
 */
export interface WindowRules {
  messageQuota: number;
  messageWindowMs: number;
  eventQuota: number;
  eventWindowMs: number;
  /** Typing is allowed this long after the follower's last interaction (spec §3.2: 30 s). */
  typingAfterInteractionMs: number;
  /** A typing indicator lasts at most this long (spec §3.2: 15 s). */
  typingDurationMs: number;
}

export const DEFAULT_WINDOW_RULES: WindowRules = {
  messageQuota: 5,
  messageWindowMs: 48 * 3_600_000,
  eventQuota: 3,
  eventWindowMs: 60_000,
  typingAfterInteractionMs: 30_000,
  typingDurationMs: 15_000,
};

/** The stored state of one follower's windows. */
export interface WindowState {
  messageAt: number | null;
  messageUsed: number;
  eventAt: number | null;
  eventUsed: number;
  typingUntil: number | null;
}

export const EMPTY_WINDOW: WindowState = { messageAt: null, messageUsed: 0, eventAt: null, eventUsed: 0, typingUntil: null };

/** What the console shows before an operator sends. */
export interface WindowView {
  open: boolean;
  /** Which window the next send spends; null when none can. */
  window: 'message' | 'event' | null;
  /** Messages the account may still send now (sum over open windows). */
  remaining: number;
  /** When the spending window closes (epoch ms). */
  closesAt: number | null;
  message: { openedAt: number; closesAt: number; used: number; quota: number } | null;
  event: { openedAt: number; closesAt: number; used: number; quota: number } | null;
}

/** Which window a send at `now` would spend: `closed` (45015), `spent` (45047), or the window. */
export function windowToSpend(state: WindowState, rules: WindowRules, now: number): 'message' | 'event' | 'closed' | 'spent' {
  const messageOpen = state.messageAt !== null && now < state.messageAt + rules.messageWindowMs;
  const eventOpen = state.eventAt !== null && now < state.eventAt + rules.eventWindowMs;
  if (messageOpen && state.messageUsed < rules.messageQuota) return 'message';
  if (eventOpen && state.eventUsed < rules.eventQuota) return 'event';
  return messageOpen || eventOpen ? 'spent' : 'closed';
}

/** The follower's last interaction (either window's opening), for the typing rule. */
export function lastInteraction(state: WindowState): number | null {
  if (state.messageAt === null) return state.eventAt;
  if (state.eventAt === null) return state.messageAt;
  return Math.max(state.messageAt, state.eventAt);
}

export function describeWindow(state: WindowState, rules: WindowRules, now: number): WindowView {
  const message =
    state.messageAt !== null && now < state.messageAt + rules.messageWindowMs
      ? {
          openedAt: state.messageAt,
          closesAt: state.messageAt + rules.messageWindowMs,
          used: state.messageUsed,
          quota: rules.messageQuota,
        }
      : null;
  const event =
    state.eventAt !== null && now < state.eventAt + rules.eventWindowMs
      ? { openedAt: state.eventAt, closesAt: state.eventAt + rules.eventWindowMs, used: state.eventUsed, quota: rules.eventQuota }
      : null;
  const spend = windowToSpend(state, rules, now);
  const remaining =
    (message ? Math.max(0, message.quota - message.used) : 0) + (event ? Math.max(0, event.quota - event.used) : 0);
  const window = spend === 'message' || spend === 'event' ? spend : null;
  return {
    open: message !== null || event !== null,
    window,
    remaining,
    closesAt: window === 'message' ? message!.closesAt : window === 'event' ? event!.closesAt : null,
    message,
    event,
  };
}
