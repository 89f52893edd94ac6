import type { Clock } from '../../shared/clock';
import type { FollowerService } from '../followers/follower.service';
import { OPENID_PAGE_SIZE } from '../followers/follower.service';
import type { Tag, TagRepo } from './tag.repo';
import { TagErrors } from './tag.errors';

/** Custom tags per account (spec §6.4). */
export const MAX_TAGS_PER_ACCOUNT = 100;
/** Tags one follower can carry. */
export const MAX_TAGS_PER_FOLLOWER = 20;
/** Tag name limit in UTF-8 bytes. */
export const MAX_TAG_NAME_BYTES = 30;
/** A tag with more members than this cannot be deleted through the API. */
export const MAX_FANS_FOR_DELETE = 100_000;
/** OpenIDs per batch(un)tagging call. */
export const MAX_TAGGING_BATCH = 50;

/** Reserved system tags: 0–2; only 星标组 (2) is listed and usable for tagging. */
const STAR_TAG = { id: 2, name: '星标组' };
const RESERVED_MAX_ID = 99;

/**
 * Follower tags with every WeChat limit. Operations over OpenID lists are all-or-nothing: one bad
 * OpenID rejects the whole call and nothing is written.
 */
export class TagService {
  constructor(
    private readonly repo: TagRepo,
    private readonly followers: FollowerService,
    private readonly clock: Clock,
  ) {}

  /** All tags, the star group first, with subscribed member counts. */
  async list(accountId: string): Promise<Tag[]> {
    const custom = await this.repo.list(accountId);
    const starCount = await this.repo.memberCount(accountId, STAR_TAG.id);
    return [{ ...STAR_TAG, count: starCount }, ...custom];
  }

  async create(accountId: string, name: unknown): Promise<{ id: number; name: string }> {
    const checked = checkName(name);
    if ((await this.repo.countTags(accountId)) >= MAX_TAGS_PER_ACCOUNT) throw TagErrors.tooManyTags();
    if (checked === STAR_TAG.name || (await this.repo.findByName(accountId, checked))) throw TagErrors.nameDuplicate();
    const id = await this.repo.nextId(accountId);
    try {
      await this.repo.insert(accountId, id, checked, this.clock.nowMs());
    } catch {
      // Lost a race for the same id or name: report it as WeChat would, never as a 500.
      throw TagErrors.nameDuplicate();
    }
    return { id, name: checked };
  }

  async rename(accountId: string, tagId: unknown, name: unknown): Promise<void> {
    const id = this.checkCustomId(tagId);
    const checked = checkName(name);
    if (!(await this.repo.find(accountId, id))) throw TagErrors.invalidTagId();
    const clash = await this.repo.findByName(accountId, checked);
    if (checked === STAR_TAG.name || (clash && clash.id !== id)) throw TagErrors.nameDuplicate();
    await this.repo.rename(accountId, id, checked);
  }

  async delete(accountId: string, tagId: unknown): Promise<void> {
    const id = this.checkCustomId(tagId);
    if (!(await this.repo.find(accountId, id))) throw TagErrors.invalidTagId();
    if ((await this.repo.memberCount(accountId, id)) > MAX_FANS_FOR_DELETE) throw TagErrors.tooManyFans();
    await this.repo.delete(accountId, id);
  }

  /** Tags up to 50 followers; fails whole when one would exceed 20 tags. */
  async tag(accountId: string, tagId: unknown, openids: unknown): Promise<void> {
    const id = await this.checkUsableId(accountId, tagId);
    const followers = await this.followers.resolveOpenIds(accountId, openids, { max: MAX_TAGGING_BATCH });
    const current = await this.repo.tagIdsOf(
      accountId,
      followers.map((f) => f.id),
    );
    for (const follower of followers) {
      const tags = current.get(follower.id) ?? [];
      if (!tags.includes(id) && tags.length >= MAX_TAGS_PER_FOLLOWER) throw TagErrors.followerTagLimit(follower.openid);
    }
    await this.repo.link(
      accountId,
      id,
      followers.map((f) => f.id),
      this.clock.nowMs(),
    );
  }

  async untag(accountId: string, tagId: unknown, openids: unknown): Promise<void> {
    const id = await this.checkUsableId(accountId, tagId);
    const followers = await this.followers.resolveOpenIds(accountId, openids, { max: MAX_TAGGING_BATCH });
    await this.repo.unlink(
      accountId,
      id,
      followers.map((f) => f.id),
    );
  }

  /** `tags/getidlist`. */
  async tagIdsOfOpenId(accountId: string, openid: unknown): Promise<number[]> {
    const follower = await this.followers.getByOpenId(accountId, openid);
    return (await this.repo.tagIdsOf(accountId, [follower.id])).get(follower.id) ?? [];
  }

  /** Tag ids per follower id (user/info presenters). */
  tagIdsOf(accountId: string, followerIds: number[]): Promise<Map<number, number[]>> {
    return this.repo.tagIdsOf(accountId, followerIds);
  }

  /** `user/tag/get`: subscribed members, keyset-paged by OpenID. */
  async members(accountId: string, tagId: unknown, nextOpenId: string | undefined): Promise<string[]> {
    const id = await this.checkUsableId(accountId, tagId);
    return this.repo.memberOpenIds(accountId, id, nextOpenId ?? '', OPENID_PAGE_SIZE);
  }

  /** A tag id the account can address (its own tags and the star group); 45159 otherwise. */
  usableTagId(accountId: string, tagId: unknown): Promise<number> {
    return this.checkUsableId(accountId, tagId);
  }

  private checkCustomId(tagId: unknown): number {
    const id = toTagId(tagId);
    if (id <= RESERVED_MAX_ID) throw id >= 0 && id <= 2 ? TagErrors.systemTag() : TagErrors.invalidTagId();
    return id;
  }

  private async checkUsableId(accountId: string, tagId: unknown): Promise<number> {
    const id = toTagId(tagId);
    if (id === STAR_TAG.id) return id;
    if (id <= RESERVED_MAX_ID || !(await this.repo.find(accountId, id))) throw TagErrors.invalidTagId();
    return id;
  }
}

/** Tag ids arrive as numbers or numeric strings depending on the SDK. */
function toTagId(value: unknown): number {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw TagErrors.invalidTagId();
  return n;
}

function checkName(name: unknown): string {
  if (typeof name !== 'string' || !name.trim()) throw TagErrors.nameInvalid();
  if (Buffer.byteLength(name, 'utf8') > MAX_TAG_NAME_BYTES) throw TagErrors.nameTooLong();
  return name;
}
