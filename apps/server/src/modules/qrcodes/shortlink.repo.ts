import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema, ShortLinksTable } from '../../db/schema';

/** `shorturl`: a long URL behind `<publicUrl>/s/<key>`; `shorten`: opaque data behind a short key. */
export type ShortLinkKind = 'shorturl' | 'shorten';

/** One short link or short key of an account. */
export interface ShortLink {
  key: string;
  accountId: string;
  kind: ShortLinkKind;
  longData: string;
  createdAt: number;
  /** Epoch ms; `null` for links that do not expire (`shorturl`). */
  expiresAt: number | null;
}

/** The storage the short-link service needs, structural so unit tests can use a fake. */
export type ShortLinkStore = Pick<ShortLinkRepo, keyof ShortLinkRepo>;

/**
 * Storage of short links (`short_links` table). Keys are unique across accounts, so the lookup by
 * key is global; callers check the account when the key was presented by one.
 */
export class ShortLinkRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(accountId: string, link: Omit<ShortLink, 'accountId'>): Promise<void> {
    await this.db
      .insertInto('short_links')
      .values({
        short_key: link.key,
        account_id: accountId,
        kind: link.kind,
        long_data: link.longData,
        created_at: link.createdAt,
        expires_at: link.expiresAt,
      })
      .execute();
  }

  async findByKey(key: string): Promise<ShortLink | undefined> {
    const row = await this.db.selectFrom('short_links').selectAll().where('short_key', '=', key).executeTakeFirst();
    return row && toShortLink(row);
  }
}

function toShortLink(row: Selectable<ShortLinksTable>): ShortLink {
  return {
    key: row.short_key,
    accountId: row.account_id,
    kind: row.kind as ShortLinkKind,
    longData: row.long_data,
    createdAt: Number(row.created_at),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
  };
}
