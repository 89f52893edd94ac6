import type { Kysely } from 'kysely';
import { lazy, QueryTemplate, type QueryRunner } from '../../db/query-template';
import type { DatabaseSchema } from '../../db/schema';
import type { WindowState } from './service-window';
import { EMPTY_WINDOW } from './service-window';

/** Storage of followers' customer-service windows; writes are single atomic statements. */
export class ServiceWindowRepo {
  /** `hot` runs the precompiled window opening, one per follower message (see `Database.hot`). */
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly hot: QueryRunner = db,
  ) {}

  /**
   * Opening a window, precompiled per window (a message opens one on every follower message).
   * Arguments `(account, follower, at, at)`: `at` twice, once for the insert and once for the update.
   */
  private readonly openStatements = {
    message: lazy(() => this.openStatement('message')),
    event: lazy(() => this.openStatement('event')),
  };

  private openStatement(window: 'message' | 'event') {
    return new QueryTemplate(this.hot, (accountId: string, followerId: number, at: number, againAt: number) =>
      this.db
        .insertInto('service_windows')
        .values({ account_id: accountId, follower_id: followerId, ...openedAt(window, at) })
        .onConflict((oc) => oc.columns(['account_id', 'follower_id']).doUpdateSet(openedAt(window, againAt))),
    );
  }

  async get(accountId: string, followerId: number): Promise<WindowState> {
    const row = await this.db
      .selectFrom('service_windows')
      .select(['message_at', 'message_used', 'event_at', 'event_used', 'typing_until'])
      .where('account_id', '=', accountId)
      .where('follower_id', '=', followerId)
      .executeTakeFirst();
    if (!row) return EMPTY_WINDOW;
    return {
      messageAt: row.message_at === null ? null : Number(row.message_at),
      messageUsed: row.message_used,
      eventAt: row.event_at === null ? null : Number(row.event_at),
      eventUsed: row.event_used,
      typingUntil: row.typing_until === null ? null : Number(row.typing_until),
    };
  }

  /** (Re)opens a window at `at` with its count reset. */
  async open(accountId: string, followerId: number, window: 'message' | 'event', at: number): Promise<void> {
    await this.openStatements[window]().run(accountId, followerId, at, at);
  }

  /**
   * Spends one message of the window opened at `openedAt`, if it is still that window and below
   * `quota`; clears the typing indicator (a message ends it). False when a concurrent send or a
   * re-opening got there first, so the caller re-reads and decides again.
   */
  async spend(
    accountId: string,
    followerId: number,
    window: 'message' | 'event',
    openedAt: number,
    quota: number,
  ): Promise<boolean> {
    const q = this.db.updateTable('service_windows').where('account_id', '=', accountId).where('follower_id', '=', followerId);
    const result =
      window === 'message'
        ? await q
            .set((eb) => ({ message_used: eb('message_used', '+', 1), typing_until: null }))
            .where('message_at', '=', openedAt)
            .where('message_used', '<', quota)
            .executeTakeFirst()
        : await q
            .set((eb) => ({ event_used: eb('event_used', '+', 1), typing_until: null }))
            .where('event_at', '=', openedAt)
            .where('event_used', '<', quota)
            .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async setTyping(accountId: string, followerId: number, until: number | null): Promise<void> {
    await this.db
      .updateTable('service_windows')
      .set({ typing_until: until })
      .where('account_id', '=', accountId)
      .where('follower_id', '=', followerId)
      .execute();
  }
}

/** The columns of a window (re)opened at `at`, its count reset. */
function openedAt(window: 'message' | 'event', at: number) {
  return window === 'message' ? { message_at: at, message_used: 0 } : { event_at: at, event_used: 0 };
}
