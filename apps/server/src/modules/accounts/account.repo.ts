import type { Kysely } from 'kysely';
import type { AccountRow, AccountUpdate, DatabaseSchema, NewAccountRow } from '../../db/schema';
import { escapeLike } from '../../shared/like';
import type { Account, AccountType, CallbackMode } from './account.types';

/** Storage of accounts. Lookups by AppID and id are the hot path; callers cache them. */
export class AccountRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(row: NewAccountRow): Promise<void> {
    await this.db.insertInto('accounts').values(row).execute();
  }

  async findByAppId(appid: string): Promise<Account | undefined> {
    const row = await this.db.selectFrom('accounts').selectAll().where('appid', '=', appid).executeTakeFirst();
    return row && toAccount(row);
  }

  async findById(id: string): Promise<Account | undefined> {
    const row = await this.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toAccount(row);
  }

  async listByOrganisation(organisationId: string): Promise<Account[]> {
    const rows = await this.db
      .selectFrom('accounts')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .orderBy('created_at')
      .execute();
    return rows.map(toAccount);
  }

  /** Public directory search for the follower client: by name, AppID or original id. */
  async search(query: string, limit: number): Promise<Account[]> {
    let q = this.db.selectFrom('accounts').selectAll();
    const term = query.trim().toLowerCase();
    if (term) {
      const like = `%${escapeLike(term)}%`;
      q = q.where((eb) =>
        eb.or([eb(eb.fn('lower', ['name']), 'like', like), eb('appid', '=', term), eb('original_id', '=', term)]),
      );
    }
    const rows = await q.orderBy('name').limit(limit).execute();
    return rows.map(toAccount);
  }

  async update(id: string, patch: AccountUpdate): Promise<void> {
    await this.db.updateTable('accounts').set(patch).where('id', '=', id).execute();
  }
}

/** Maps a row to the domain shape. */
export function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    appid: row.appid,
    originalId: row.original_id,
    name: row.name,
    type: row.type as AccountType,
    verified: row.verified === 1,
    avatarUrl: row.avatar_url,
    intro: row.intro,
    welcomeText: row.welcome_text,
    openidSalt: row.openid_salt,
    ipWhitelist: JSON.parse(row.ip_whitelist) as string[],
    reportLocation: row.report_location === 1,
    secretHash: row.secret_hash,
    secretUpdatedAt: row.secret_updated_at,
    callback: {
      url: row.callback_url,
      token: row.callback_token,
      encodingAesKey: row.encoding_aes_key,
      mode: row.callback_mode as CallbackMode,
      enabled: row.callback_enabled === 1,
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
