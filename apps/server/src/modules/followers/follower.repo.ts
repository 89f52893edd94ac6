import type { Compilable, CompiledQuery, Insertable, Kysely, Updateable } from 'kysely';
import type { DatabaseSchema, FollowerRow, FollowersTable, PersonRow, PersonsTable } from '../../db/schema';
import { lazy, QueryTemplate, type QueryRunner } from '../../db/query-template';
import { escapeLike } from '../../shared/like';
import type { Follower, Person, SubscribeScene } from './follower.types';

export interface FollowerListFilter {
  /** Matches openid, remark or the person's nickname. */
  query?: string;
  tagId?: number;
  blacklisted?: boolean;
  subscribed?: boolean;
  /** Keyset cursor: openid of the last row of the previous page. */
  after?: string;
  limit: number;
}

/**
 * Storage of persons and followers. Every follower query takes the account (tenant) id; pages are
 * keyset pages ordered by OpenID, which is what `user/get` and `next_openid` need.
 */
export class FollowerRepo {
  /** Compiled bulk-insert statements by shape; `null` marks a shape that must not be reused. */
  private readonly templates = new Map<string, CompiledQuery | null>();

  /** `hot` runs the precompiled hot-path statements (defaults to `db`; see `Database.hot`). */
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly hot: QueryRunner = db,
  ) {}

  async insertPerson(row: Insertable<PersonsTable>): Promise<void> {
    await this.db.insertInto('persons').values(row).execute();
  }

  /** Bulk insert of persons (seeding); see {@link bulkInsert}. */
  async insertPersons(rows: Insertable<PersonsTable>[]): Promise<void> {
    await this.bulkInsert('persons', rows, (batch) => this.db.insertInto('persons').values(batch));
  }

  async findPerson(id: string): Promise<Person | undefined> {
    const row = await this.db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toPerson(row);
  }

  async findPersonByTokenHash(hash: string): Promise<Person | undefined> {
    const row = await this.db.selectFrom('persons').selectAll().where('token_hash', '=', hash).executeTakeFirst();
    return row && toPerson(row);
  }

  async setPersonToken(id: string, hash: string): Promise<void> {
    await this.db.updateTable('persons').set({ token_hash: hash }).where('id', '=', id).execute();
  }

  async updatePerson(id: string, patch: Updateable<PersonsTable>): Promise<void> {
    await this.db.updateTable('persons').set(patch).where('id', '=', id).execute();
  }

  /** Newest persons first; `query` matches nickname or id. */
  async listPersons(query: string, limit: number): Promise<Person[]> {
    let q = this.db.selectFrom('persons').selectAll();
    const term = query.trim().toLowerCase();
    if (term)
      q = q.where((eb) => eb.or([eb(eb.fn('lower', ['nickname']), 'like', `%${escapeLike(term)}%`), eb('id', '=', term)]));
    const rows = await q.orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
    return rows.map(toPerson);
  }

  /** The open API's hottest lookup (`user/info`): compiled once, see {@link QueryTemplate}. */
  private readonly byOpenId = lazy(
    () =>
      new QueryTemplate(this.hot, (accountId: string, openid: string) =>
        this.db.selectFrom('followers').selectAll().where('account_id', '=', accountId).where('openid', '=', openid),
      ),
  );

  private readonly withTagsByOpenId = lazy(
    () =>
      new QueryTemplate(this.hot, (accountId: string, openid: string) =>
        this.db
          .selectFrom('followers')
          .leftJoin('follower_tags', (join) =>
            join
              .onRef('follower_tags.follower_id', '=', 'followers.id')
              .onRef('follower_tags.account_id', '=', 'followers.account_id'),
          )
          .selectAll('followers')
          .select(['follower_tags.tag_id', 'follower_tags.created_at as tagged_at'])
          .where('followers.account_id', '=', accountId)
          .where('followers.openid', '=', openid),
      ),
  );

  /**
   * A follower with its tag ids (in tagging order) in one statement — `user/info`, the open API's
   * hottest read, pays for one query instead of two, and sorts its few tags in JS rather than
   * having SQLite build a sorter per call.
   */
  async findWithTagsByOpenId(accountId: string, openid: string): Promise<{ follower: Follower; tagIds: number[] } | undefined> {
    const rows = await this.withTagsByOpenId().execute(accountId, openid);
    if (!rows.length) return undefined;
    const tags: { id: number; at: number }[] = [];
    for (const row of rows) if (row.tag_id !== null) tags.push({ id: row.tag_id, at: Number(row.tagged_at) });
    tags.sort((a, b) => a.at - b.at || a.id - b.id);
    return { follower: toFollower(rows[0]!), tagIds: tags.map((t) => t.id) };
  }

  async findByOpenId(accountId: string, openid: string): Promise<Follower | undefined> {
    const row = await this.byOpenId().executeTakeFirst(accountId, openid);
    return row && toFollower(row);
  }

  /** A follower's own lookup of the account it talks to (every message it sends). */
  private readonly byPerson = lazy(
    () =>
      new QueryTemplate(this.hot, (accountId: string, personId: string) =>
        this.db.selectFrom('followers').selectAll().where('account_id', '=', accountId).where('person_id', '=', personId),
      ),
  );

  async findByPerson(accountId: string, personId: string): Promise<Follower | undefined> {
    const row = await this.byPerson().executeTakeFirst(accountId, personId);
    return row && toFollower(row);
  }

  /** Followers of the account among `openids` (any subscription state). */
  async findManyByOpenIds(accountId: string, openids: string[]): Promise<Follower[]> {
    if (!openids.length) return [];
    const rows = await this.db
      .selectFrom('followers')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('openid', 'in', openids)
      .execute();
    return rows.map(toFollower);
  }

  async insertFollower(row: Insertable<FollowersTable>): Promise<void> {
    await this.db.insertInto('followers').values(row).execute();
  }

  /** Bulk insert for seeding; rows that would duplicate a (account, person) pair are skipped. */
  async insertFollowers(rows: Insertable<FollowersTable>[]): Promise<void> {
    await this.bulkInsert('followers', rows, (batch) =>
      this.db
        .insertInto('followers')
        .values(batch)
        .onConflict((oc) => oc.doNothing()),
    );
  }

  /**
   * Multi-row insert that compiles the statement once per (table, row count) and then only
   * swaps the parameters: building a 1,000-row statement costs ~4 ms, which dominated bulk
   * seeding. The first compile is checked against our own flattening of the rows; if Kysely ever
   * orders parameters differently, every batch is compiled normally instead.
   */
  private async bulkInsert<R extends object>(table: string, rows: R[], build: (rows: R[]) => Compilable): Promise<void> {
    if (!rows.length) return;
    const columns = Object.keys(rows[0]!) as (keyof R)[];
    const flatten = (batch: R[]) => batch.flatMap((row) => columns.map((c) => row[c] ?? null));
    const key = `${table}:${rows.length}:${columns.join(',')}`;
    const template = this.templates.get(key);
    if (template === null || rows.some((r) => Object.keys(r).length !== columns.length)) {
      await this.db.executeQuery(build(rows).compile());
      return;
    }
    if (template) {
      await this.db.executeQuery({ ...template, parameters: flatten(rows) });
      return;
    }
    const compiled = build(rows).compile();
    const same = JSON.stringify(compiled.parameters) === JSON.stringify(flatten(rows));
    this.templates.set(key, same ? compiled : null);
    await this.db.executeQuery(compiled);
  }

  async updateFollower(accountId: string, id: number, patch: Updateable<FollowersTable>): Promise<void> {
    await this.db.updateTable('followers').set(patch).where('account_id', '=', accountId).where('id', '=', id).execute();
  }

  async setBlacklisted(accountId: string, ids: number[], blacklisted: boolean, atMs: number): Promise<void> {
    if (!ids.length) return;
    await this.db
      .updateTable('followers')
      .set({ blacklisted: blacklisted ? 1 : 0, blacklisted_at: blacklisted ? atMs : null, updated_at: atMs })
      .where('account_id', '=', accountId)
      .where('id', 'in', ids)
      .execute();
  }

  /** One page of subscribed OpenIDs after `after` (exclusive), in OpenID order. */
  async subscribedOpenIds(accountId: string, after: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('followers')
      .select('openid')
      .where('account_id', '=', accountId)
      .where('subscribed', '=', 1)
      .where('openid', '>', after)
      .orderBy('openid')
      .limit(limit)
      .execute();
    return rows.map((r) => r.openid);
  }

  async countSubscribed(accountId: string): Promise<number> {
    const row = await this.db
      .selectFrom('followers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .where('subscribed', '=', 1)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async blacklistedOpenIds(accountId: string, after: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('followers')
      .select('openid')
      .where('account_id', '=', accountId)
      .where('blacklisted', '=', 1)
      .where('openid', '>', after)
      .orderBy('openid')
      .limit(limit)
      .execute();
    return rows.map((r) => r.openid);
  }

  async countBlacklisted(accountId: string): Promise<number> {
    const row = await this.db
      .selectFrom('followers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .where('blacklisted', '=', 1)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Console listing with filters, keyset-paged by OpenID, with the person's nickname. */
  async list(accountId: string, filter: FollowerListFilter): Promise<(Follower & { nickname: string })[]> {
    let q = this.db
      .selectFrom('followers')
      .innerJoin('persons', 'persons.id', 'followers.person_id')
      .selectAll('followers')
      .select('persons.nickname')
      .where('followers.account_id', '=', accountId);
    if (filter.subscribed !== undefined) q = q.where('followers.subscribed', '=', filter.subscribed ? 1 : 0);
    if (filter.blacklisted !== undefined) q = q.where('followers.blacklisted', '=', filter.blacklisted ? 1 : 0);
    if (filter.after) q = q.where('followers.openid', '>', filter.after);
    if (filter.tagId !== undefined) {
      const tagId = filter.tagId;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('follower_tags')
            .select('follower_tags.follower_id')
            .whereRef('follower_tags.follower_id', '=', 'followers.id')
            .where('follower_tags.account_id', '=', accountId)
            .where('follower_tags.tag_id', '=', tagId),
        ),
      );
    }
    const term = filter.query?.trim().toLowerCase();
    if (term) {
      const like = `%${escapeLike(term)}%`;
      q = q.where((eb) =>
        eb.or([
          eb('followers.openid', '=', filter.query!.trim()),
          eb(eb.fn('lower', ['followers.remark']), 'like', like),
          eb(eb.fn('lower', ['persons.nickname']), 'like', like),
        ]),
      );
    }
    const rows = await q.orderBy('followers.openid').limit(filter.limit).execute();
    return rows.map((r) => ({ ...toFollower(r), nickname: r.nickname }));
  }

  /** Every account a person follows or followed, newest first. */
  async followsOfPerson(personId: string): Promise<Follower[]> {
    const rows = await this.db
      .selectFrom('followers')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('subscribe_time', 'desc')
      .execute();
    return rows.map(toFollower);
  }
}

export function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    nickname: row.nickname,
    avatarUrl: row.avatar_url,
    sex: row.sex,
    country: row.country,
    province: row.province,
    city: row.city,
    language: row.language,
    platform: row.platform,
    createdAt: row.created_at,
  };
}

export function toFollower(row: FollowerRow): Follower {
  return {
    id: Number(row.id),
    accountId: row.account_id,
    personId: row.person_id,
    openid: row.openid,
    unionid: row.unionid,
    subscribed: row.subscribed === 1,
    subscribeTime: row.subscribe_time,
    unsubscribeTime: row.unsubscribe_time,
    subscribeScene: row.subscribe_scene as SubscribeScene,
    qrScene: row.qr_scene === null ? null : Number(row.qr_scene),
    qrSceneStr: row.qr_scene_str,
    remark: row.remark,
    blacklisted: row.blacklisted === 1,
    createdAt: row.created_at,
  };
}
