import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../db/schema';

export interface Tag {
  id: number;
  name: string;
  count: number;
}

/** Storage of tags and follower↔tag links; every method is scoped to one account. */
export class TagRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** Custom tags with their member counts (subscribed followers only, as WeChat counts fans). */
  async list(accountId: string): Promise<Tag[]> {
    const rows = await this.db
      .selectFrom('tags')
      .leftJoin('follower_tags', (join) =>
        join.onRef('follower_tags.tag_id', '=', 'tags.tag_id').on('follower_tags.account_id', '=', accountId),
      )
      .leftJoin('followers', (join) =>
        join.onRef('followers.id', '=', 'follower_tags.follower_id').on('followers.subscribed', '=', 1),
      )
      .select(['tags.tag_id', 'tags.name'])
      .select((eb) => eb.fn.count<number>('followers.id').as('n'))
      .where('tags.account_id', '=', accountId)
      .groupBy(['tags.tag_id', 'tags.name'])
      .orderBy('tags.tag_id')
      .execute();
    return rows.map((r) => ({ id: r.tag_id, name: r.name, count: Number(r.n) }));
  }

  async find(accountId: string, tagId: number): Promise<{ id: number; name: string } | undefined> {
    const row = await this.db
      .selectFrom('tags')
      .select(['tag_id', 'name'])
      .where('account_id', '=', accountId)
      .where('tag_id', '=', tagId)
      .executeTakeFirst();
    return row && { id: row.tag_id, name: row.name };
  }

  async findByName(accountId: string, name: string): Promise<{ id: number } | undefined> {
    const row = await this.db
      .selectFrom('tags')
      .select('tag_id')
      .where('account_id', '=', accountId)
      .where('name', '=', name)
      .executeTakeFirst();
    return row && { id: row.tag_id };
  }

  async countTags(accountId: string): Promise<number> {
    const row = await this.db
      .selectFrom('tags')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Next free tag id; custom tags start at 100 as on WeChat (0–99 are reserved). */
  async nextId(accountId: string): Promise<number> {
    const row = await this.db
      .selectFrom('tags')
      .select((eb) => eb.fn.max<number>('tag_id').as('m'))
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return Math.max(99, Number(row?.m ?? 99)) + 1;
  }

  async insert(accountId: string, tagId: number, name: string, atMs: number): Promise<void> {
    await this.db.insertInto('tags').values({ account_id: accountId, tag_id: tagId, name, created_at: atMs }).execute();
  }

  async rename(accountId: string, tagId: number, name: string): Promise<void> {
    await this.db.updateTable('tags').set({ name }).where('account_id', '=', accountId).where('tag_id', '=', tagId).execute();
  }

  async delete(accountId: string, tagId: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('follower_tags').where('account_id', '=', accountId).where('tag_id', '=', tagId).execute();
      await trx.deleteFrom('tags').where('account_id', '=', accountId).where('tag_id', '=', tagId).execute();
    });
  }

  async memberCount(accountId: string, tagId: number): Promise<number> {
    const row = await this.db
      .selectFrom('follower_tags')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .where('tag_id', '=', tagId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Tag ids per follower id, for presenting `tagid_list`. */
  async tagIdsOf(accountId: string, followerIds: number[]): Promise<Map<number, number[]>> {
    const out = new Map<number, number[]>();
    if (!followerIds.length) return out;
    const rows = await this.db
      .selectFrom('follower_tags')
      .select(['follower_id', 'tag_id'])
      .where('account_id', '=', accountId)
      .where('follower_id', 'in', followerIds)
      .orderBy('created_at')
      .orderBy('tag_id')
      .execute();
    for (const r of rows) {
      const id = Number(r.follower_id);
      const list = out.get(id) ?? [];
      list.push(r.tag_id);
      out.set(id, list);
    }
    return out;
  }

  /** Adds links that do not exist yet. */
  async link(accountId: string, tagId: number, followerIds: number[], atMs: number): Promise<void> {
    if (!followerIds.length) return;
    await this.db
      .insertInto('follower_tags')
      .values(followerIds.map((id) => ({ account_id: accountId, tag_id: tagId, follower_id: id, created_at: atMs })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async unlink(accountId: string, tagId: number, followerIds: number[]): Promise<void> {
    if (!followerIds.length) return;
    await this.db
      .deleteFrom('follower_tags')
      .where('account_id', '=', accountId)
      .where('tag_id', '=', tagId)
      .where('follower_id', 'in', followerIds)
      .execute();
  }

  /** OpenIDs of subscribed followers carrying a tag, keyset-paged by OpenID. */
  async memberOpenIds(accountId: string, tagId: number, after: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('follower_tags')
      .innerJoin('followers', 'followers.id', 'follower_tags.follower_id')
      .select('followers.openid')
      .where('follower_tags.account_id', '=', accountId)
      .where('follower_tags.tag_id', '=', tagId)
      .where('followers.subscribed', '=', 1)
      .where('followers.openid', '>', after)
      .orderBy('followers.openid')
      .limit(limit)
      .execute();
    return rows.map((r) => r.openid);
  }
}
