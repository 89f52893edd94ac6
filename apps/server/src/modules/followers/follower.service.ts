import type { RealtimeBus } from '../../realtime/realtime-bus';
import { Topics } from '../../realtime/realtime-bus';
import type { Clock } from '../../shared/clock';
import { deriveOpenId, deriveUnionId, isOpenIdShape, newId, randomToken, sha256Hex } from '../../shared/ids';
import type { AccountService } from '../accounts/account.service';
import type { Account } from '../accounts/account.types';
import type { OrganisationService } from '../organisations/organisation.service';
import { FollowerErrors } from './follower.errors';
import type { FollowerListFilter, FollowerRepo } from './follower.repo';
import type { Follower, FollowEvent, Person, SubscribeScene } from './follower.types';
import { SUBSCRIBE_SCENES } from './follower.types';

/** What a QR ticket stands for; implemented by the qrcodes module. */
export interface QrTicketResolver {
  /** Throws an AppError when the ticket is unknown or expired. */
  resolve(ticket: string): Promise<{ accountId: string; ticket: string; sceneId: number | null; sceneStr: string | null }>;
}

/** Told about follows and unfollows after they are stored (the conversation gateway). */
export interface FollowListener {
  onFollow(event: FollowEvent): Promise<void>;
  onUnfollow(accountId: string, personId: string): Promise<void>;
}

export interface NewPersonInput {
  nickname?: string;
  avatarUrl?: string;
  sex?: number;
  country?: string;
  province?: string;
  city?: string;
  language?: string;
  platform?: number;
}

/** Page size of `user/get`, `user/tag/get` and the blacklist (spec §6.1). */
export const OPENID_PAGE_SIZE = 10_000;

/** How long a resolved follower session is trusted without the database (real time, not the sandbox clock). */
const SESSION_CACHE_MS = 5_000;
const SESSION_CACHE_MAX = 10_000;

/**
 * Persons (WeChat users) and followers (person × account): following by search or QR scan,
 * unfollowing, the open API's user views, remarks and the blacklist.
 *
 * OpenIDs and UnionIDs are derived from per-account and per-organisation salts, so a person who
 * unfollows and follows again keeps the same OpenID, as on WeChat.
 */
export class FollowerService {
  private qrResolver: QrTicketResolver | undefined;
  private followListener: FollowListener | undefined;

  /**
   * Follower sessions resolved in the last {@link SESSION_CACHE_MS}: token hash → person. Every
   * follower-API request authenticates, so this saves a database round trip per request; a
   * re-issued session drops the person's entries at once on this node and within the TTL on others.
   */
  private readonly sessions = new Map<string, { at: number; person: Person }>();

  constructor(
    private readonly repo: FollowerRepo,
    private readonly accounts: AccountService,
    private readonly organisations: OrganisationService,
    private readonly clock: Clock,
    private readonly bus: RealtimeBus,
  ) {}

  /** Wires the QR module in (it depends on accounts, so it is attached after construction). */
  useQrResolver(resolver: QrTicketResolver): void {
    this.qrResolver = resolver;
  }

  /** Wires in the conversation gateway, which pushes follow events or sends the welcome. */
  useFollowListener(listener: FollowListener): void {
    this.followListener = listener;
  }

  // ── persons ────────────────────────────────────────────────────────────────────────────────

  /** Creates a person and a session token for the follower client. */
  async createPerson(input: NewPersonInput = {}): Promise<{ person: Person; token: string }> {
    const nickname = (input.nickname ?? '').trim() || `微信用户${randomToken(4).replace(/[-_]/g, 'x')}`;
    if (nickname.length > 32) throw FollowerErrors.invalidPerson('nickname is limited to 32 characters');
    if (input.platform !== undefined && ![1, 2, 3].includes(input.platform)) {
      throw FollowerErrors.invalidPerson('platform must be 1 (iOS), 2 (Android) or 3 (other)');
    }
    if (input.sex !== undefined && ![0, 1, 2].includes(input.sex)) {
      throw FollowerErrors.invalidPerson('sex must be 0, 1 or 2');
    }
    const token = randomToken(40);
    const id = newId('p', 12);
    await this.repo.insertPerson({
      id,
      nickname,
      avatar_url: input.avatarUrl ?? '',
      sex: input.sex ?? 0,
      country: input.country ?? '',
      province: input.province ?? '',
      city: input.city ?? '',
      language: input.language ?? 'zh_CN',
      platform: input.platform ?? 3,
      token_hash: sha256Hex(token),
      created_at: this.clock.nowMs(),
    });
    return { person: (await this.repo.findPerson(id))!, token };
  }

  async getPerson(id: string): Promise<Person> {
    const person = await this.repo.findPerson(id);
    if (!person) throw FollowerErrors.personNotFound(id);
    return person;
  }

  listPersons(query = '', limit = 50): Promise<Person[]> {
    return this.repo.listPersons(query, Math.min(Math.max(limit, 1), 200));
  }

  /** Issues a fresh session token for a person (sandbox "pick a person"); older tokens stop working. */
  async issueSession(personId: string): Promise<string> {
    await this.getPerson(personId);
    const token = randomToken(40);
    await this.repo.setPersonToken(personId, sha256Hex(token));
    for (const [hash, hit] of this.sessions) if (hit.person.id === personId) this.sessions.delete(hash);
    return token;
  }

  /** Resolves a follower-client token to its person, or throws `person.unauthenticated`. */
  async authenticate(token: string | undefined): Promise<Person> {
    if (!token || token.length > 200) throw FollowerErrors.personUnauthenticated();
    const hash = sha256Hex(token);
    const now = performance.now();
    const hit = this.sessions.get(hash);
    if (hit && now - hit.at < SESSION_CACHE_MS) return hit.person;
    const person = await this.repo.findPersonByTokenHash(hash);
    if (!person) throw FollowerErrors.personUnauthenticated();
    if (this.sessions.size >= SESSION_CACHE_MAX) this.sessions.clear();
    this.sessions.set(hash, { at: now, person });
    return person;
  }

  // ── following ──────────────────────────────────────────────────────────────────────────────

  /**
   * Follows `appid` as `personId`. With a QR ticket the scene is `ADD_SCENE_QR_CODE` and the
   * code's scene is recorded; a person who already follows and scans again stays a follower and
   * the event says `alreadyFollowing` (WeChat's SCAN).
   */
  async follow(
    personId: string,
    appid: string,
    options: { scene?: SubscribeScene; ticket?: string } = {},
  ): Promise<{ follower: Follower; event: FollowEvent }> {
    const account = await this.accounts.requireByAppId(appid);
    const qr = options.ticket ? await this.resolveTicket(options.ticket, account) : null;
    return this.followAccount(personId, account, qr, options.scene);
  }

  /** Scans a QR ticket: follows the account the code belongs to. */
  async scan(personId: string, ticket: string): Promise<{ follower: Follower; event: FollowEvent; account: Account }> {
    const qr = await this.resolveTicket(ticket);
    const account = (await this.accounts.getById(qr.accountId))!;
    const result = await this.followAccount(personId, account, qr);
    return { ...result, account };
  }

  /** Unfollows; tags and remark are kept for a later re-follow. Idempotent. */
  async unfollow(personId: string, appid: string): Promise<Follower> {
    const account = await this.accounts.requireByAppId(appid);
    const follower = await this.repo.findByPerson(account.id, personId);
    if (!follower || !follower.subscribed) throw FollowerErrors.notFollowing();
    const now = this.clock.nowMs();
    await this.repo.updateFollower(account.id, follower.id, { subscribed: 0, unsubscribe_time: now, updated_at: now });
    await this.bus.publish(Topics.followerUnsubscribed, {
      accountId: account.id,
      openid: follower.openid,
      personId,
      at: now,
    });
    await this.followListener?.onUnfollow(account.id, personId);
    return { ...follower, subscribed: false, unsubscribeTime: now };
  }

  /** Accounts a person follows (or followed), for the follower client. */
  followsOfPerson(personId: string): Promise<Follower[]> {
    return this.repo.followsOfPerson(personId);
  }

  async followerOfPerson(accountId: string, personId: string): Promise<Follower | undefined> {
    return this.repo.findByPerson(accountId, personId);
  }

  // ── open API views ─────────────────────────────────────────────────────────────────────────

  /** `user/get`: one page of subscribed OpenIDs after `nextOpenId`, plus the total. */
  async listOpenIds(accountId: string, nextOpenId: string | undefined): Promise<{ total: number; openids: string[] }> {
    const after = nextOpenId ?? '';
    if (after && !isOpenIdShape(after)) throw FollowerErrors.invalidOpenId(after);
    const [total, openids] = await Promise.all([
      this.repo.countSubscribed(accountId),
      this.repo.subscribedOpenIds(accountId, after, OPENID_PAGE_SIZE),
    ]);
    return { total, openids };
  }

  /** One follower by OpenID; 40003 when the OpenID is malformed or not of this account. */
  async getByOpenId(accountId: string, openid: unknown): Promise<Follower> {
    if (!isOpenIdShape(openid)) throw FollowerErrors.invalidOpenId(openid);
    const follower = await this.repo.findByOpenId(accountId, openid);
    if (!follower) throw FollowerErrors.invalidOpenId(openid);
    return follower;
  }

  /** A follower and its tag ids (`user/info`); 40003 like {@link getByOpenId}. */
  async getWithTags(accountId: string, openid: unknown): Promise<{ follower: Follower; tagIds: number[] }> {
    if (!isOpenIdShape(openid)) throw FollowerErrors.invalidOpenId(openid);
    const found = await this.repo.findWithTagsByOpenId(accountId, openid);
    if (!found) throw FollowerErrors.invalidOpenId(openid);
    return found;
  }

  /**
   * Resolves a list of OpenIDs of this account, all or nothing: malformed → `invalid_openid`
   * (40003), well-formed but not of this account → `not_of_account` (49003).
   */
  async resolveOpenIds(
    accountId: string,
    openids: unknown,
    limits: { min?: number; max: number },
    options: { notOfAccountAsInvalid?: boolean } = {},
  ): Promise<Follower[]> {
    if (!Array.isArray(openids) || openids.length < (limits.min ?? 1) || openids.length > limits.max) {
      throw FollowerErrors.listSize();
    }
    for (const openid of openids) if (!isOpenIdShape(openid)) throw FollowerErrors.invalidOpenId(openid);
    const unique = [...new Set(openids as string[])];
    const found = await this.repo.findManyByOpenIds(accountId, unique);
    if (found.length !== unique.length) {
      const known = new Set(found.map((f) => f.openid));
      const missing = unique.find((o) => !known.has(o))!;
      throw options.notOfAccountAsInvalid ? FollowerErrors.invalidOpenId(missing) : FollowerErrors.notOfAccount(missing);
    }
    const byOpenId = new Map(found.map((f) => [f.openid, f]));
    return unique.map((o) => byOpenId.get(o)!);
  }

  /** `user/info/updateremark` (and the console): remark under 30 characters. */
  async updateRemark(accountId: string, openid: unknown, remark: unknown): Promise<void> {
    const follower = await this.getByOpenId(accountId, openid);
    if (typeof remark !== 'string' || [...remark].length >= 30) throw FollowerErrors.remarkTooLong();
    await this.repo.updateFollower(accountId, follower.id, { remark, updated_at: this.clock.nowMs() });
  }

  // ── blacklist ──────────────────────────────────────────────────────────────────────────────

  async blacklistPage(accountId: string, beginOpenId: string | undefined): Promise<{ total: number; openids: string[] }> {
    const after = beginOpenId ?? '';
    if (after && !isOpenIdShape(after)) throw FollowerErrors.invalidOpenId(after);
    const [total, openids] = await Promise.all([
      this.repo.countBlacklisted(accountId),
      this.repo.blacklistedOpenIds(accountId, after, OPENID_PAGE_SIZE),
    ]);
    return { total, openids };
  }

  /** Adds or removes up to 20 followers to/from the blacklist, all or nothing. */
  async setBlacklisted(accountId: string, openids: unknown, blacklisted: boolean): Promise<void> {
    const followers = await this.resolveOpenIds(accountId, openids, { max: 20 });
    await this.repo.setBlacklisted(
      accountId,
      followers.map((f) => f.id),
      blacklisted,
      this.clock.nowMs(),
    );
  }

  countSubscribed(accountId: string): Promise<number> {
    return this.repo.countSubscribed(accountId);
  }

  /** Console listing. */
  list(accountId: string, filter: FollowerListFilter): Promise<(Follower & { nickname: string })[]> {
    return this.repo.list(accountId, { ...filter, limit: Math.min(Math.max(filter.limit, 1), 200) });
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────────

  private async resolveTicket(ticket: string, account?: Account) {
    if (!this.qrResolver) throw new Error('QR resolver not wired');
    const qr = await this.qrResolver.resolve(ticket);
    if (account && qr.accountId !== account.id) {
      throw FollowerErrors.invalidPerson('the QR code belongs to another account');
    }
    return qr;
  }

  private async followAccount(
    personId: string,
    account: Account,
    qr: { ticket: string; sceneId: number | null; sceneStr: string | null } | null,
    requestedScene?: SubscribeScene,
  ): Promise<{ follower: Follower; event: FollowEvent }> {
    const person = await this.getPerson(personId);
    if (requestedScene !== undefined && !SUBSCRIBE_SCENES.includes(requestedScene)) {
      throw FollowerErrors.invalidPerson(`unknown subscribe scene ${String(requestedScene)}`);
    }
    const scene: SubscribeScene = qr ? 'ADD_SCENE_QR_CODE' : (requestedScene ?? 'ADD_SCENE_SEARCH');
    const now = this.clock.nowMs();
    const existing = await this.repo.findByPerson(account.id, person.id);
    let follower: Follower;
    let alreadyFollowing = false;
    if (existing?.subscribed) {
      follower = existing;
      alreadyFollowing = true;
    } else {
      const subscription = {
        subscribed: 1,
        subscribe_time: now,
        unsubscribe_time: null,
        subscribe_scene: scene,
        qr_scene: qr?.sceneId ?? null,
        qr_scene_str: qr?.sceneStr ?? null,
        updated_at: now,
      };
      if (existing) {
        await this.repo.updateFollower(account.id, existing.id, subscription);
      } else {
        const organisation = await this.organisations.findById(account.organisationId);
        await this.repo.insertFollower({
          ...subscription,
          account_id: account.id,
          person_id: person.id,
          openid: deriveOpenId(account.openidSalt, person.id),
          unionid: deriveUnionId(organisation!.unionidSalt, person.id),
          remark: '',
          blacklisted: 0,
          blacklisted_at: null,
          created_at: now,
        });
      }
      follower = (await this.repo.findByPerson(account.id, person.id))!;
    }
    const event: FollowEvent = {
      accountId: account.id,
      openid: follower.openid,
      personId: person.id,
      alreadyFollowing,
      scene,
      qr,
      at: now,
    };
    await this.bus.publish(Topics.followerSubscribed, event);
    await this.followListener?.onFollow(event);
    return { follower, event };
  }
}
