import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { lazy, QueryTemplate, type QueryRunner } from '../../db/query-template';
import type { BroadcastsTable, DatabaseSchema } from '../../db/schema';
import type { Broadcast, BroadcastStatus, FanOutPage, InboxItem } from './broadcast.types';

export type NewBroadcast = Omit<
  Broadcast,
  'id' | 'totalCount' | 'filterCount' | 'sentCount' | 'errorCount' | 'cursor' | 'deletedArticles' | 'finishedAt'
> &
  Partial<Pick<Broadcast, 'totalCount' | 'filterCount' | 'sentCount' | 'finishedAt'>>;

/** The monthly per-follower limit as the fan-out applies it; null when nobody can be over it. */
export interface MonthlyFilter {
  /** First broadcast id of the account this month: deliveries from it on count. */
  fromId: number;
  limit: number;
}

type Db = Kysely<DatabaseSchema>;

/**
 * Broadcasts and their deliveries. The fan-out writes deliveries set-wise: one
 * `INSERT … SELECT` per keyset page of the audience, in the same transaction as the broadcast's
 * cursor and counters, so a crash repeats at most the page in flight and never duplicates one.
 */
export class BroadcastRepo {
  constructor(
    private readonly db: Db,
    private readonly hot: QueryRunner = db,
    private readonly dialect: 'sqlite' | 'postgres' = 'sqlite',
  ) {}

  /**
   * Refreshes the planner's statistics of the deliveries after a large fan-out. PostgreSQL plans
   * from sampled statistics that autovacuum updates only eventually; until then a table that grew
   * by a million rows still looks empty and the inbox read is planned as a full scan. SQLite plans
   * from its indexes alone here and needs nothing.
   */
  async refreshStatistics(): Promise<void> {
    if (this.dialect === 'postgres') await sql`ANALYZE broadcast_deliveries`.execute(this.db);
  }

  /**
   * A person's inbox in one statement, compiled once (the follower client's hot read): their
   * follows joined to their deliveries, newest first. A person follows few accounts and gets few
   * broadcasts, so sorting their deliveries is cheap whatever the size of the broadcasts.
   *
   * The sort key is `broadcast_id + 0` on purpose: ordered by the bare column, PostgreSQL's
   * planner may walk the deliveries' primary key backwards (already in `broadcast_id` order) to
   * satisfy `LIMIT`, filtering a million rows of other followers — seconds instead of
   * microseconds, and worst right after a fan-out, before statistics catch up. The expression
   * leaves it only the follower index.
   */
  private readonly inboxQuery = lazy(
    () =>
      new QueryTemplate(this.hot, (personId: string, beforeId: number, limit: number) =>
        this.db
          .selectFrom('followers as f')
          .innerJoin('broadcast_deliveries as d', 'd.follower_id', 'f.id')
          .innerJoin('broadcasts as b', 'b.id', 'd.broadcast_id')
          .select(['b.id', 'b.account_id', 'b.body', 'b.created_at'])
          .where('f.person_id', '=', personId)
          .where('d.broadcast_id', '<', beforeId)
          .where('d.status', '=', 0)
          .orderBy(sql`d.broadcast_id + 0`, 'desc')
          .limit(limit),
      ),
  );

  /** A person's broadcasts from every account they follow or followed, newest first. */
  async inboxOfPerson(personId: string, beforeId: number | undefined, limit: number): Promise<InboxItem[]> {
    const rows = await this.inboxQuery().execute(personId, beforeId ?? Number.MAX_SAFE_INTEGER, limit);
    return rows.map(toInboxItem);
  }

  /** Stores a broadcast (and the follower ids of an openid-list send) in one transaction. */
  async insert(input: NewBroadcast, targets: number[] = []): Promise<Broadcast> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('broadcasts')
        .values({
          account_id: input.accountId,
          msg_type: input.msgType,
          body: JSON.stringify(input.body),
          media_id: input.mediaId,
          msg_data_id: input.msgDataId,
          audience: input.audience,
          tag_id: input.tagId,
          client_msg_id: input.clientMsgId,
          status: input.status,
          total_count: input.totalCount ?? 0,
          filter_count: input.filterCount ?? 0,
          sent_count: input.sentCount ?? 0,
          error_count: 0,
          cursor: 0,
          deleted_articles: '[]',
          speed: input.speed,
          created_at: input.createdAt,
          started_at: input.startedAt,
          finished_at: input.finishedAt ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const id = Number(row.id);
      for (let i = 0; i < targets.length; i += 500) {
        await trx
          .insertInto('broadcast_targets')
          .values(targets.slice(i, i + 500).map((followerId) => ({ broadcast_id: id, follower_id: followerId })))
          .execute();
      }
      return toBroadcast(row);
    });
  }

  async find(accountId: string, id: number): Promise<Broadcast | undefined> {
    const row = await this.db
      .selectFrom('broadcasts')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toBroadcast(row);
  }

  async findById(id: number): Promise<Broadcast | undefined> {
    const row = await this.db.selectFrom('broadcasts').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toBroadcast(row);
  }

  async findByClientMsgId(accountId: string, clientMsgId: string): Promise<Broadcast | undefined> {
    const row = await this.db
      .selectFrom('broadcasts')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('client_msg_id', '=', clientMsgId)
      .executeTakeFirst();
    return row && toBroadcast(row);
  }

  /** Forgets an old broadcast's `clientmsgid` (remembered 24 h) so the id can be used again. */
  async releaseClientMsgId(id: number): Promise<void> {
    await this.db.updateTable('broadcasts').set({ client_msg_id: null }).where('id', '=', id).execute();
  }

  /** Broadcasts (previews excluded) of the account created at or after `since`. */
  async countSince(accountId: string, since: number): Promise<number> {
    const row = await this.db
      .selectFrom('broadcasts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .where('audience', '!=', 'preview')
      .where('created_at', '>=', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The first id and the number of broadcasts (previews excluded) since `since`, before `beforeId`. */
  async monthSpan(accountId: string, since: number, beforeId: number): Promise<{ fromId: number | null; count: number }> {
    const row = await this.db
      .selectFrom('broadcasts')
      .select((eb) => [eb.fn.min<number>('id').as('from_id'), eb.fn.countAll<number>().as('n')])
      .where('account_id', '=', accountId)
      .where('audience', '!=', 'preview')
      .where('created_at', '>=', since)
      .where('id', '<', beforeId)
      .executeTakeFirstOrThrow();
    return { fromId: row.from_id === null ? null : Number(row.from_id), count: Number(row.n) };
  }

  /** Newest first, for the console. */
  async list(accountId: string, beforeId: number | undefined, limit: number): Promise<Broadcast[]> {
    let q = this.db.selectFrom('broadcasts').selectAll().where('account_id', '=', accountId);
    if (beforeId !== undefined) q = q.where('id', '<', beforeId);
    const rows = await q.orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toBroadcast);
  }

  /** Ids of broadcasts still fanning out (resumed after a restart). */
  async sendingIds(): Promise<number[]> {
    const rows = await this.db.selectFrom('broadcasts').select('id').where('status', '=', 'SENDING').execute();
    return rows.map((r) => Number(r.id));
  }

  async markStarted(id: number, at: number): Promise<void> {
    await this.db
      .updateTable('broadcasts')
      .set({ started_at: at })
      .where('id', '=', id)
      .where('started_at', 'is', null)
      .execute();
  }

  /** Ends the fan-out; only a broadcast still sending changes. */
  async finish(id: number, status: BroadcastStatus, at: number): Promise<void> {
    await this.db
      .updateTable('broadcasts')
      .set({ status, finished_at: at })
      .where('id', '=', id)
      .where('status', '=', 'SENDING')
      .execute();
  }

  async markDeleted(id: number, articles: number[]): Promise<void> {
    await this.db
      .updateTable('broadcasts')
      .set({ status: 'DELETE', deleted_articles: JSON.stringify(articles) })
      .where('id', '=', id)
      .execute();
  }

  async speedOf(accountId: string): Promise<number> {
    const row = await this.db.selectFrom('accounts').select('mass_speed').where('id', '=', accountId).executeTakeFirst();
    return row?.mass_speed ?? 0;
  }

  async setSpeed(accountId: string, speed: number): Promise<void> {
    await this.db.updateTable('accounts').set({ mass_speed: speed }).where('id', '=', accountId).execute();
  }

  /**
   * Writes one page of deliveries: the next `pageSize` audience members after `cursor` (by
   * follower id) who follow and are not blacklisted, minus those at the monthly limit. The
   * deliveries, the cursor and the counters commit together.
   */
  async fanOutPage(b: Broadcast, cursor: number, pageSize: number, monthly: MonthlyFilter | null): Promise<FanOutPage> {
    return this.db.transaction().execute(async (trx) => {
      const upper = await this.pageUpperBound(trx, b, cursor, pageSize);
      const candidates = this.candidates(trx, b, cursor, upper);
      const select = (monthly ? this.byMonthlyReceipts(candidates, monthly, b.id, '<') : candidates).select((eb) => [
        eb.val(b.id).as('broadcast_id'),
        'f.id as follower_id',
        eb.val(0).as('status'),
      ]);
      const inserted = await trx
        .insertInto('broadcast_deliveries')
        .columns(['broadcast_id', 'follower_id', 'status'])
        .expression(select)
        .executeTakeFirst();
      const delivered = Number(inserted.numInsertedOrUpdatedRows ?? 0n);
      const total = monthly
        ? Number((await candidates.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
        : delivered;
      await trx
        .updateTable('broadcasts')
        .set((eb) => ({
          cursor: upper ?? cursor,
          total_count: eb('total_count', '+', total),
          filter_count: eb('filter_count', '+', delivered),
          sent_count: eb('sent_count', '+', delivered),
        }))
        .where('id', '=', b.id)
        .execute();
      return { total, delivered, cursor: upper };
    });
  }

  /** Audience size and how many the monthly limit would filter, without writing (console preview). */
  async estimate(
    b: Pick<Broadcast, 'id' | 'accountId' | 'audience' | 'tagId'>,
    monthly: MonthlyFilter | null,
  ): Promise<{ total: number; reachable: number }> {
    const candidates = this.candidates(this.db, b, 0, null);
    const total = Number((await candidates.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    if (!monthly) return { total, reachable: total };
    const over = await this.byMonthlyReceipts(candidates, monthly, b.id, '>=')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { total, reachable: total - Number(over.n) };
  }

  /**
   * Audience members past `cursor` who follow now: what the fan-out of `b` has still to reach
   * (the console's progress bar). Scoped to the broadcast's account like every other read.
   */
  async countAfter(b: Pick<Broadcast, 'id' | 'accountId' | 'audience' | 'tagId'>, cursor: number): Promise<number> {
    const row = await this.candidates(this.db, b, cursor, null)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** One follower's delivery of one broadcast, if it received it (a primary-key lookup). */
  async delivery(broadcastId: number, followerId: number): Promise<InboxItem | undefined> {
    const row = await this.db
      .selectFrom('broadcast_deliveries as d')
      .innerJoin('broadcasts as b', 'b.id', 'd.broadcast_id')
      .select(['b.id', 'b.account_id', 'b.body', 'b.created_at'])
      .where('d.broadcast_id', '=', broadcastId)
      .where('d.follower_id', '=', followerId)
      .where('d.status', '=', 0)
      .executeTakeFirst();
    return row && toInboxItem(row);
  }

  /** The id of the `pageSize`-th audience member after `cursor`; null when fewer remain. */
  private async pageUpperBound(
    trx: Transaction<DatabaseSchema>,
    b: Broadcast,
    cursor: number,
    pageSize: number,
  ): Promise<number | null> {
    const offset = pageSize - 1;
    if (b.audience === 'tag') {
      const row = await trx
        .selectFrom('follower_tags')
        .select('follower_id as id')
        .where('account_id', '=', b.accountId)
        .where('tag_id', '=', b.tagId ?? -1)
        .where('follower_id', '>', cursor)
        .orderBy('follower_id')
        .limit(1)
        .offset(offset)
        .executeTakeFirst();
      return row ? Number(row.id) : null;
    }
    if (b.audience === 'list') {
      const row = await trx
        .selectFrom('broadcast_targets')
        .select('follower_id as id')
        .where('broadcast_id', '=', b.id)
        .where('follower_id', '>', cursor)
        .orderBy('follower_id')
        .limit(1)
        .offset(offset)
        .executeTakeFirst();
      return row ? Number(row.id) : null;
    }
    const row = await trx
      .selectFrom('followers')
      .select('id')
      .where('account_id', '=', b.accountId)
      .where('subscribed', '=', 1)
      .where('blacklisted', '=', 0)
      .where('id', '>', cursor)
      .orderBy('id')
      .limit(1)
      .offset(offset)
      .executeTakeFirst();
    return row ? Number(row.id) : null;
  }

  /**
   * Audience members whose deliveries of this month's earlier broadcasts (those from
   * `monthly.fromId` up to `beforeId`) stand `op` the monthly limit: `<` keeps those who may still
   * receive, `>=` those at the limit.
   */
  private byMonthlyReceipts(candidates: Candidates, monthly: MonthlyFilter, beforeId: number, op: '<' | '>='): Candidates {
    return candidates.where(
      (eb) =>
        eb
          .selectFrom('broadcast_deliveries as d')
          .select(eb.fn.countAll().as('n'))
          .whereRef('d.follower_id', '=', 'f.id')
          .where('d.broadcast_id', '>=', monthly.fromId)
          .where('d.broadcast_id', '<', beforeId)
          .where('d.status', '=', 0),
      op,
      monthly.limit,
    );
  }

  /** Audience members in (cursor, upper] who follow and are not blacklisted, as `f`. */
  private candidates(
    db: Db | Transaction<DatabaseSchema>,
    b: Pick<Broadcast, 'id' | 'accountId' | 'audience' | 'tagId'>,
    cursor: number,
    upper: number | null,
  ) {
    let q = db
      .selectFrom('followers as f')
      .where('f.account_id', '=', b.accountId)
      .where('f.subscribed', '=', 1)
      .where('f.blacklisted', '=', 0)
      .where('f.id', '>', cursor);
    if (upper !== null) q = q.where('f.id', '<=', upper);
    if (b.audience === 'tag') {
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('follower_tags as ft')
            .select('ft.follower_id')
            .whereRef('ft.follower_id', '=', 'f.id')
            .where('ft.account_id', '=', b.accountId)
            .where('ft.tag_id', '=', b.tagId ?? -1),
        ),
      );
    } else if (b.audience === 'list') {
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('broadcast_targets as t')
            .select('t.follower_id')
            .whereRef('t.follower_id', '=', 'f.id')
            .where('t.broadcast_id', '=', b.id),
        ),
      );
    }
    return q;
  }
}

type Candidates = ReturnType<BroadcastRepo['candidates']>;

function toInboxItem(r: { id: number; account_id: string; body: string; created_at: number }): InboxItem {
  return {
    broadcastId: Number(r.id),
    accountId: r.account_id,
    body: JSON.parse(r.body) as InboxItem['body'],
    createdAt: Number(r.created_at),
  };
}

function toBroadcast(row: Selectable<BroadcastsTable>): Broadcast {
  return {
    id: Number(row.id),
    accountId: row.account_id,
    msgType: row.msg_type,
    body: JSON.parse(row.body) as Broadcast['body'],
    mediaId: row.media_id,
    msgDataId: row.msg_data_id === null ? null : Number(row.msg_data_id),
    audience: row.audience as Broadcast['audience'],
    tagId: row.tag_id,
    clientMsgId: row.client_msg_id,
    status: row.status as BroadcastStatus,
    totalCount: Number(row.total_count),
    filterCount: Number(row.filter_count),
    sentCount: Number(row.sent_count),
    errorCount: Number(row.error_count),
    cursor: Number(row.cursor),
    speed: row.speed,
    deletedArticles: JSON.parse(row.deleted_articles) as number[],
    createdAt: Number(row.created_at),
    startedAt: row.started_at === null ? null : Number(row.started_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
  };
}
