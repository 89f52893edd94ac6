import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../db/schema';

export type TokenFamily = 'token' | 'stable';

/** A stored access token (looked up by the SHA-256 of its value). */
export interface StoredToken {
  tokenHash: string;
  accountId: string;
  family: TokenFamily;
  tokenValue: string | null;
  issuedAt: number;
  expiresAt: number;
  supersededAt: number | null;
}

/** Storage of access tokens; every query is scoped to one account except lookup by hash. */
export class TokenRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async findByHash(tokenHash: string): Promise<StoredToken | undefined> {
    const row = await this.db.selectFrom('access_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row && toToken(row);
  }

  /** The newest token of a family for an account. */
  async latest(accountId: string, family: TokenFamily): Promise<StoredToken | undefined> {
    const row = await this.db
      .selectFrom('access_tokens')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('family', '=', family)
      .orderBy('issued_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && toToken(row);
  }

  /**
   * Stores a new token and marks every still-current token of the family as superseded, in one
   * transaction so two concurrent mints cannot both stay current.
   * Returns the hashes of the superseded tokens (their caches must be dropped).
   */
  async rotate(token: StoredToken, supersededAt: number): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom('access_tokens')
        .select('token_hash')
        .where('account_id', '=', token.accountId)
        .where('family', '=', token.family)
        .where('superseded_at', 'is', null)
        .execute();
      if (current.length) {
        await trx
          .updateTable('access_tokens')
          .set({ superseded_at: supersededAt, token_value: null })
          .where('account_id', '=', token.accountId)
          .where('family', '=', token.family)
          .where('superseded_at', 'is', null)
          .execute();
      }
      await trx
        .insertInto('access_tokens')
        .values({
          token_hash: token.tokenHash,
          account_id: token.accountId,
          family: token.family,
          token_value: token.tokenValue,
          issued_at: token.issuedAt,
          expires_at: token.expiresAt,
          superseded_at: null,
        })
        .execute();
      return current.map((c) => c.token_hash);
    });
  }

  /** Counts forced stable refreshes since `sinceMs` (the force_refresh daily limit). */
  async countStableIssuedSince(accountId: string, sinceMs: number): Promise<number> {
    const row = await this.db
      .selectFrom('access_tokens')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .where('family', '=', 'stable')
      .where('issued_at', '>=', sinceMs)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /**
   * Retires every token of an account at once (secret reset) by back-dating their supersession
   * past the grace period, so they answer "invalid" (40001) — the code SDKs refresh on — rather
   * than "expired". Returns the hashes so caches can drop them.
   */
  async revokeAll(accountId: string, supersededAt: number): Promise<string[]> {
    const rows = await this.db.selectFrom('access_tokens').select('token_hash').where('account_id', '=', accountId).execute();
    await this.db
      .updateTable('access_tokens')
      .set({ superseded_at: supersededAt, token_value: null })
      .where('account_id', '=', accountId)
      .execute();
    return rows.map((r) => r.token_hash);
  }

  /** Deletes tokens that expired before `beforeMs` (housekeeping by the scheduler role). */
  async purgeExpired(beforeMs: number): Promise<number> {
    const res = await this.db.deleteFrom('access_tokens').where('expires_at', '<', beforeMs).executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}

function toToken(row: {
  token_hash: string;
  account_id: string;
  family: string;
  token_value: string | null;
  issued_at: number;
  expires_at: number;
  superseded_at: number | null;
}): StoredToken {
  return {
    tokenHash: row.token_hash,
    accountId: row.account_id,
    family: row.family as TokenFamily,
    tokenValue: row.token_value,
    issuedAt: row.issued_at,
    expiresAt: row.expires_at,
    supersededAt: row.superseded_at,
  };
}
