import type { RealtimeBus } from '../../realtime/realtime-bus';
import type { Clock } from '../../shared/clock';
import type { FollowerService } from '../followers/follower.service';
import type { Follower } from '../followers/follower.types';
import type { MessageService } from '../messages/message.service';
import type { Message } from '../messages/message.types';
import type { OutboundContent } from '../messages/outbound-content';
import { KfErrors } from './kf.errors';
import type { ServiceWindowRepo } from './service-window.repo';
import type { WindowRules, WindowState, WindowView } from './service-window';
import { describeWindow, lastInteraction, windowToSpend } from './service-window';

/** Bus topic of typing indicators (payload {@link TypingChanged}); the follower's stream shows it. */
export const TYPING_CHANGED = 'kf.typing';

export interface TypingChanged {
  personId: string;
  accountId: string;
  /** Epoch ms until which the indicator shows; 0 when cancelled. */
  until: number;
}

/** `msgtype`s of `message/custom/send` that gzh delivers (spec §3.1). */
export const CUSTOM_MSGTYPES = [
  'text',
  'image',
  'voice',
  'video',
  'music',
  'news',
  'mpnews',
  'mpnewsarticle',
  'msgmenu',
  'miniprogrampage',
] as const;

/** One `message/custom/send`, as the open API or the console hands it over. */
export interface CustomSend {
  touser: unknown;
  msgtype: unknown;
  /** The whole request object (the payload sits under the msgtype's key). */
  payload: Record<string, unknown>;
}

/**
 * Customer-service messages (客服消息): an account answers a follower inside the window the
 * follower opened (see `service-window.ts` for the rules), and shows a typing indicator. Sent
 * messages reach the follower's chat live; nothing is stored when a rule refuses the send.
 */
export class CustomMessageService {
  constructor(
    private readonly windows: ServiceWindowRepo,
    private readonly followers: FollowerService,
    private readonly messages: MessageService,
    private readonly content: OutboundContent,
    private readonly bus: RealtimeBus,
    private readonly clock: Clock,
    private readonly rules: WindowRules,
  ) {}

  /** Interaction listener (conversations): a follower's message or qualifying event opens a window. */
  async onInteraction(follower: Follower, kind: 'message' | 'event'): Promise<void> {
    await this.windows.open(follower.accountId, follower.id, kind, this.clock.nowMs());
  }

  async send(accountId: string, input: CustomSend): Promise<Message> {
    const kf = input.payload.customservice;
    if (kf !== undefined) {
      const account = kf && typeof kf === 'object' ? (kf as Record<string, unknown>).kf_account : undefined;
      if (typeof account !== 'string' || !/^[^@\s]{1,64}@[^@\s]{1,64}$/.test(account)) throw KfErrors.invalidKfAccount();
    }
    const follower = await this.followers.getByOpenId(accountId, input.touser);
    if (!follower.subscribed) throw KfErrors.outOfWindow();
    // Fail fast on a closed or spent window before resolving media.
    const state = await this.windows.get(accountId, follower.id);
    this.check(state);
    const body = await this.content.resolve(accountId, input.msgtype, input.payload, CUSTOM_MSGTYPES);
    const spent = await this.spend(follower, state);
    const message = await this.messages.recordOutbound(follower, body, 'custom', null);
    // Spending cleared the typing indicator; tell the phone if one was showing.
    if (spent.typingUntil !== null && spent.typingUntil > this.clock.nowMs()) {
      await this.bus.publish(TYPING_CHANGED, { personId: follower.personId, accountId, until: 0 } satisfies TypingChanged);
    }
    return message;
  }

  /** `message/custom/typing`: Typing / CancelTyping within 30 s of the follower's last interaction. */
  async typing(accountId: string, touser: unknown, command: unknown): Promise<void> {
    if (command !== 'Typing' && command !== 'CancelTyping') throw KfErrors.invalidTypingCommand(command);
    const follower = await this.followers.getByOpenId(accountId, touser);
    const state = await this.windows.get(accountId, follower.id);
    const now = this.clock.nowMs();
    const last = lastInteraction(state);
    if (!follower.subscribed || last === null || now - last > this.rules.typingAfterInteractionMs)
      throw KfErrors.typingNotAllowed();
    const typing = state.typingUntil !== null && state.typingUntil > now;
    if (command === 'Typing') {
      if (typing) throw KfErrors.alreadyTyping();
      const until = now + this.rules.typingDurationMs;
      await this.windows.setTyping(accountId, follower.id, until);
      await this.bus.publish(TYPING_CHANGED, { personId: follower.personId, accountId, until } satisfies TypingChanged);
    } else if (typing) {
      await this.windows.setTyping(accountId, follower.id, null);
      await this.bus.publish(TYPING_CHANGED, { personId: follower.personId, accountId, until: 0 } satisfies TypingChanged);
    }
  }

  /** The window as the console shows it before an operator sends. */
  async window(accountId: string, openid: unknown): Promise<WindowView & { subscribed: boolean }> {
    const follower = await this.followers.getByOpenId(accountId, openid);
    const view = describeWindow(await this.windows.get(accountId, follower.id), this.rules, this.clock.nowMs());
    return follower.subscribed
      ? { ...view, subscribed: true }
      : { ...view, open: false, window: null, remaining: 0, subscribed: false };
  }

  private check(state: WindowState): 'message' | 'event' {
    const spend = windowToSpend(state, this.rules, this.clock.nowMs());
    if (spend === 'closed') throw KfErrors.outOfWindow();
    if (spend === 'spent') throw KfErrors.responseCountLimit();
    return spend;
  }

  /**
   * Spends one message atomically, starting from `state` as last read; a concurrent send that took
   * the last one (or a re-opening) makes it read again and re-decide. Returns the state it spent.
   */
  private async spend(follower: Follower, state: WindowState): Promise<WindowState> {
    for (let attempt = 0; attempt < 5; attempt++) {
      if (attempt > 0) state = await this.windows.get(follower.accountId, follower.id);
      const window = this.check(state);
      const openedAt = window === 'message' ? state.messageAt! : state.eventAt!;
      const quota = window === 'message' ? this.rules.messageQuota : this.rules.eventQuota;
      if (await this.windows.spend(follower.accountId, follower.id, window, openedAt, quota)) return state;
    }
    throw KfErrors.responseCountLimit();
  }
}
