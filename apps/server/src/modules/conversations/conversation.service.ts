import type { Clock } from '../../shared/clock';
import { nowSeconds } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import { randomToken } from '../../shared/ids';
import type { AccountService } from '../accounts/account.service';
import type { Account } from '../accounts/account.types';
import type { PushListener } from '../callbacks/callback.service';
import { inDeveloperMode } from '../callbacks/callback.service';
import type { PassiveReply } from '../callbacks/push-sender';
import type { Push, PushEvent } from '../callbacks/push.types';
import type { PushQueue } from '../callbacks/push-queue';
import { discardsReply, expectsAnswer } from '../callbacks/push.types';
import { FollowerErrors } from '../followers/follower.errors';
import type { FollowerService } from '../followers/follower.service';
import type { Follower, FollowEvent } from '../followers/follower.types';
import type { MenuService } from '../menus/menu.service';
import type { LeafButton, MenuButton } from '../menus/menu.validation';
import { isParent } from '../menus/menu.validation';
import type { MessageService } from '../messages/message.service';
import type { Message, MessageBody } from '../messages/message.types';
import { SERVICE_UNAVAILABLE_NOTICE } from '../messages/message.types';
import type { ReplyService } from '../replies/reply.service';
import type { ReplyContent } from '../replies/reply.types';

/** What a follower did on a menu button (the follower client and `gzh follower click`). */
export interface MenuAction {
  type: string;
  key?: string;
  url?: string;
  scanResult?: string;
  scanType?: string;
  picMd5Sums?: string[];
  location?: { latitude: string; longitude: string; scale: string; label: string; poiname: string };
}

/** Articles of a news reply to an ordinary message, and to everything else (spec §5.2). */
export const NEWS_LIMITS = { message: 1, event: 8 } as const;

/**
 * The conversation gateway: what followers do (send messages, tap menus, follow) goes to the
 * account's developer server as WeChat pushes when developer mode is on, or through the operator's
 * auto-replies when it is off (editor mode); answers come back into the chat.
 */
export class ConversationService implements PushListener {
  private interactions: InteractionListener | undefined;

  constructor(
    private readonly accounts: AccountService,
    private readonly followers: FollowerService,
    private readonly messages: MessageService,
    private readonly replies: ReplyService,
    private readonly menus: MenuService,
    private readonly pushes: PushQueue,
    private readonly clock: Clock,
  ) {}

  /** Wires in the customer-service window, which a follower's message or qualifying event opens. */
  useInteractionListener(listener: InteractionListener): void {
    this.interactions = listener;
  }

  /** A follower sends an ordinary message; returns it as stored (with its MsgId). */
  async send(personId: string, appid: string, body: MessageBody): Promise<Message> {
    const { account, follower } = await this.subscribed(personId, appid);
    const message = await this.messages.recordInbound(follower, body);
    if (follower.blacklisted) return message; // the account has blocked this follower: nothing reaches it
    await this.interactions?.onInteraction(follower, 'message');
    if (inDeveloperMode(account)) {
      await this.pushes.enqueue({
        id: `msg-${message.id}`,
        accountId: account.id,
        openid: follower.openid,
        createTime: Math.floor(message.createdAt / 1000),
        messageId: message.id,
        payload: { kind: 'message', msgid: message.msgid!, body: message.body },
      });
    } else {
      const replies =
        body.type === 'text'
          ? await this.replies.forText(account.id, body.content)
          : await this.replies.forOtherMessage(account.id);
      await this.showReplies(follower, replies, message.id);
    }
    return message;
  }

  /** A follower taps a menu button; `url` is returned for buttons that open a page. */
  async clickMenu(personId: string, appid: string, action: MenuAction): Promise<{ url: string | null }> {
    const { account, follower } = await this.subscribed(personId, appid);
    const menu = await this.menus.menuOf(account.id, follower);
    const button = menu ? findButton(menu.buttons, action) : undefined;
    if (!menu || !button) throw new AppError('menu.button_not_found', 'no such button in the menu this follower sees');
    const url = button.type === 'view' || button.type === 'miniprogram' ? (button.url ?? null) : null;
    if (follower.blacklisted) return { url };
    if (WINDOW_BUTTONS.has(button.type)) await this.interactions?.onInteraction(follower, 'event');
    if (inDeveloperMode(account)) {
      const event = menuEvent(button, action, menu.menuid);
      if (event) await this.pushEvent(account, follower, event);
    } else if (button.key) {
      await this.showReplies(follower, await this.replies.forClick(account.id, button.key), null);
    }
    return { url };
  }

  /**
   * The follower's client reports its location (it does on entering the chat, when the account
   * asks for it): a `LOCATION` push in developer mode, nothing otherwise. Replies are never shown.
   */
  async reportLocation(
    personId: string,
    appid: string,
    at: { latitude: number; longitude: number; precision: number },
  ): Promise<boolean> {
    const { account, follower } = await this.subscribed(personId, appid);
    if (!account.reportLocation || !inDeveloperMode(account) || follower.blacklisted) return false;
    await this.pushEvent(account, follower, { event: 'LOCATION', ...at });
    return true;
  }

  /** Follow listener: pushes `subscribe` / `SCAN`, or shows the welcome in editor mode. */
  async onFollow(event: FollowEvent): Promise<void> {
    const account = await this.accounts.getById(event.accountId);
    const follower = account && (await this.followers.followerOfPerson(account.id, event.personId));
    if (!account || !follower) return;
    // A follow or a QR scan opens the short customer-service window (a plain re-follow is no event).
    if (!follower.blacklisted && (!event.alreadyFollowing || event.qr)) await this.interactions?.onInteraction(follower, 'event');
    if (inDeveloperMode(account)) {
      const scene = event.qr ? String(event.qr.sceneId ?? event.qr.sceneStr ?? '') : '';
      const pushEvent: PushEvent = event.alreadyFollowing
        ? { event: 'SCAN', eventKey: scene, ticket: event.qr?.ticket ?? '' }
        : { event: 'subscribe', eventKey: event.qr ? `qrscene_${scene}` : '', ...(event.qr ? { ticket: event.qr.ticket } : {}) };
      // A follower tapping "follow" again without a QR code is no event at all on WeChat.
      if (event.alreadyFollowing && !event.qr) return;
      await this.pushEvent(account, follower, pushEvent);
    } else if (!event.alreadyFollowing) {
      await this.showReplies(follower, await this.replies.forFollow(account.id, account.welcomeText), null);
    }
  }

  /** Unfollow listener: pushes `unsubscribe` in developer mode. */
  async onUnfollow(accountId: string, personId: string): Promise<void> {
    const account = await this.accounts.getById(accountId);
    const follower = account && (await this.followers.followerOfPerson(account.id, personId));
    if (account && follower && inDeveloperMode(account)) await this.pushEvent(account, follower, { event: 'unsubscribe' });
  }

  /** The developer answered: show the reply (within WeChat's limits) in the chat. */
  async onPushReply(push: Push, reply: PassiveReply | null): Promise<void> {
    if (!reply || discardsReply(push) || reply.transfer) return;
    const follower = await this.followers.getByOpenId(push.accountId, push.openid);
    if (!follower.subscribed) return;
    const limit = push.payload.kind === 'message' ? NEWS_LIMITS.message : NEWS_LIMITS.event;
    for (const body of reply.messages) {
      const shown = body.type === 'news' ? { ...body, articles: body.articles.slice(0, limit) } : body;
      await this.messages.recordOutbound(follower, shown, 'passive', push.messageId);
    }
  }

  /** Every attempt failed: the follower sees WeChat's notice, as on WeChat. */
  async onPushFailed(push: Push): Promise<void> {
    if (!expectsAnswer(push)) return;
    const follower = await this.followers.getByOpenId(push.accountId, push.openid);
    if (!follower.subscribed) return;
    await this.messages.recordOutbound(
      follower,
      { type: 'notice', content: SERVICE_UNAVAILABLE_NOTICE },
      'notice',
      push.messageId,
    );
  }

  /** Messages shown in answer to an inbound message (the CLI waits on these). */
  repliesTo(accountId: string, messageId: number): Promise<Message[]> {
    return this.messages.repliesTo(accountId, messageId);
  }

  private async pushEvent(account: Account, follower: Follower, event: PushEvent): Promise<void> {
    const createTime = nowSeconds(this.clock);
    await this.pushes.enqueue({
      // Unique per tap: two taps in one second (or under a frozen sandbox clock) are two pushes.
      id: `evt-${event.event}-${randomToken(16)}`,
      accountId: account.id,
      openid: follower.openid,
      createTime,
      messageId: null,
      payload: { kind: 'event', ...event },
    });
  }

  private async showReplies(follower: Follower, replies: ReplyContent[] | null, replyTo: number | null): Promise<void> {
    for (const reply of replies ?? []) await this.messages.recordOutbound(follower, toBody(reply), 'auto', replyTo);
  }

  private async subscribed(personId: string, appid: string): Promise<{ account: Account; follower: Follower }> {
    const account = await this.accounts.requireByAppId(appid);
    const follower = await this.followers.followerOfPerson(account.id, personId);
    if (!follower?.subscribed) throw FollowerErrors.notFollowing();
    return { account, follower };
  }
}

function toBody(reply: ReplyContent): MessageBody {
  switch (reply.type) {
    case 'text':
      return { type: 'text', content: reply.content };
    case 'image':
      return { type: 'image', mediaId: reply.mediaId, picUrl: reply.picUrl ?? '' };
    case 'voice':
      return { type: 'voice', mediaId: reply.mediaId, format: 'amr' };
    case 'video':
      return {
        type: 'video',
        mediaId: reply.mediaId,
        thumbMediaId: '',
        title: reply.title ?? '',
        description: reply.description ?? '',
      };
    case 'news':
      return { type: 'news', articles: reply.articles };
  }
}

function findButton(buttons: MenuButton[], action: MenuAction): LeafButton | undefined {
  return flatten(buttons).find(
    (b) =>
      b.type === action.type &&
      (action.key !== undefined ? b.key === action.key : action.url !== undefined && b.url === action.url),
  );
}

function flatten(buttons: MenuButton[]): LeafButton[] {
  return buttons.flatMap((b) => (isParent(b) ? b.sub_button : [b]));
}

/** Buttons whose tap opens the customer-service event window (callback-protocol §8: only these three). */
const WINDOW_BUTTONS: ReadonlySet<string> = new Set(['click', 'scancode_push', 'scancode_waitmsg']);

/** Told when a follower does something that opens a customer-service window. */
export interface InteractionListener {
  onInteraction(follower: Follower, kind: 'message' | 'event'): Promise<void>;
}

/** The push event of a tapped button; `null` for buttons WeChat pushes nothing for. */
function menuEvent(button: LeafButton, action: MenuAction, menuid: string): PushEvent | null {
  const key = button.key ?? '';
  switch (button.type) {
    case 'click':
      return { event: 'CLICK', eventKey: key };
    case 'view':
      return { event: 'VIEW', eventKey: button.url ?? '', menuId: menuid };
    case 'miniprogram':
      return { event: 'view_miniprogram', eventKey: button.pagepath ?? '', menuId: menuid };
    case 'scancode_push':
    case 'scancode_waitmsg':
      return { event: button.type, eventKey: key, scanType: action.scanType ?? 'qrcode', scanResult: action.scanResult ?? '' };
    case 'pic_sysphoto':
    case 'pic_photo_or_album':
    case 'pic_weixin':
      return { event: button.type, eventKey: key, picMd5Sums: action.picMd5Sums ?? [] };
    case 'location_select':
      return {
        event: 'location_select',
        eventKey: key,
        location: action.location ?? { latitude: '0', longitude: '0', scale: '15', label: '', poiname: '' },
      };
    default:
      return null;
  }
}
