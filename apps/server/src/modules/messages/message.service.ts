import { randomBytes } from 'node:crypto';
import type { RealtimeBus } from '../../realtime/realtime-bus';
import type { Clock } from '../../shared/clock';
import { isHttpUrl, MAX_URL_LENGTH } from '../../shared/url';
import type { Follower } from '../followers/follower.types';
import { MessageErrors } from './message.errors';
import type { MessageRepo, NewMessage } from './message.repo';
import type { Message, MessageBody, MessageSource } from './message.types';
import { INBOUND_KINDS } from './message.types';

/** Bus topic announcing a stored message to streams (payload {@link MessageCreated}). */
export const MESSAGE_CREATED = 'message.created';

export interface MessageCreated {
  /** The message as stored (id, person, account…), so a stream can show it without reading it back. */
  message: Message;
  /**
   * The id of the person's message just before this one when it was stored (`null`: none). A
   * stream that has shown exactly up to that id can show this message directly, with no gap
   * possible; any other stream reads its backlog as usual.
   */
  previousId: number | null;
}

/** Longest text a follower may send (WeChat's own input limit is of this order). */
export const MAX_TEXT_LENGTH = 2048;

/**
 * Messages between followers and accounts: validation of what followers send, storage, and the
 * announcement on the bus that streams (SSE) pick up. Routing to developer servers or auto-replies
 * is the conversations module's job; this one only records.
 */
export class MessageService {
  constructor(
    private readonly repo: MessageRepo,
    private readonly clock: Clock,
    private readonly bus: RealtimeBus,
  ) {}

  /** Stores a follower's message with a fresh 64-bit MsgId. */
  async recordInbound(follower: Follower, body: MessageBody): Promise<Message> {
    return this.store(follower, {
      direction: 'in',
      body: checkInbound(body),
      source: 'follower',
      replyTo: null,
      msgid: newMsgId(),
    });
  }

  /** Stores something the account shows the follower (a reply, an auto-reply, a notice). */
  async recordOutbound(follower: Follower, body: MessageBody, source: MessageSource, replyTo: number | null): Promise<Message> {
    return this.store(follower, { direction: 'out', body, source, replyTo, msgid: null });
  }

  find(accountId: string, id: number): Promise<Message | undefined> {
    return this.repo.find(accountId, id);
  }

  /** A person's messages after `afterId` (the stream's backlog), oldest first. */
  afterForPerson(personId: string, afterId: number, limit = 500): Promise<Message[]> {
    return this.repo.afterForPerson(personId, afterId, Math.min(Math.max(limit, 1), 1000));
  }

  /** Chat history, newest first. */
  conversation(accountId: string, followerId: number, beforeId?: number, limit = 50): Promise<Message[]> {
    return this.repo.conversation(accountId, followerId, beforeId, Math.min(Math.max(limit, 1), 200));
  }

  repliesTo(accountId: string, messageId: number): Promise<Message[]> {
    return this.repo.repliesTo(accountId, messageId);
  }

  private async store(
    follower: Follower,
    fields: Pick<NewMessage, 'direction' | 'body' | 'source' | 'replyTo' | 'msgid'>,
  ): Promise<Message> {
    const { message, previousId } = await this.repo.insert({
      ...fields,
      accountId: follower.accountId,
      followerId: follower.id,
      personId: follower.personId,
      openid: follower.openid,
      createdAt: this.clock.nowMs(),
    });
    await this.bus.publish(MESSAGE_CREATED, { message, previousId } satisfies MessageCreated);
    return message;
  }
}

/** A MsgId like WeChat's: an unsigned 64-bit decimal of 19 digits, kept as a string. */
export function newMsgId(): string {
  const value = randomBytes(8).readBigUInt64BE() % 9_000_000_000_000_000_000n;
  return (value + 1_000_000_000_000_000_000n).toString();
}

const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

/** Checks what a follower sends; anything malformed is refused with a clear reason. */
function checkInbound(body: MessageBody): MessageBody {
  if (!(INBOUND_KINDS as readonly string[]).includes(body.type))
    throw MessageErrors.invalid(`cannot send a ${body.type} message`);
  switch (body.type) {
    case 'text':
      if (!isText(body.content, MAX_TEXT_LENGTH) || !body.content.trim()) {
        throw MessageErrors.invalid(`text must be 1-${MAX_TEXT_LENGTH} characters`);
      }
      return body;
    case 'image':
      if (!isHttpUrl(body.picUrl, MAX_URL_LENGTH)) throw MessageErrors.invalid('image needs an http(s) picUrl');
      return body;
    case 'voice':
      if (!isText(body.mediaId, 128) || !isText(body.format, 16)) throw MessageErrors.invalid('voice needs mediaId and format');
      return body;
    case 'video':
    case 'shortvideo':
      if (!isText(body.mediaId, 128) || !isText(body.thumbMediaId, 128))
        throw MessageErrors.invalid('video needs mediaId and thumbMediaId');
      return body;
    case 'location':
      if (
        typeof body.latitude !== 'number' ||
        typeof body.longitude !== 'number' ||
        Math.abs(body.latitude) > 90 ||
        Math.abs(body.longitude) > 180 ||
        !Number.isInteger(body.scale) ||
        !isText(body.label, 256)
      ) {
        throw MessageErrors.invalid('location needs latitude (-90..90), longitude (-180..180), an integer scale and a label');
      }
      return body;
    case 'link':
      if (!isText(body.title, 256) || !isText(body.description, 1024) || !isHttpUrl(body.url, MAX_URL_LENGTH)) {
        throw MessageErrors.invalid('link needs a title, a description and an http(s) url');
      }
      return body;
    default:
      throw MessageErrors.invalid(`cannot send a ${body.type} message`);
  }
}
