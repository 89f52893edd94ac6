import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../db/schema';
import type { MatchRule, MenuButton } from './menu.validation';

/** One stored menu: the account's default menu or one of its conditional menus. */
export interface MenuRecord {
  menuid: string;
  kind: 'default' | 'conditional';
  /** Normalised buttons, exactly as `menu/get` prints them. */
  buttons: MenuButton[];
  /** Normalised matchrule; `null` for the default menu. */
  matchrule: MatchRule | null;
  createdAt: number;
}

/**
 * Storage of menus (table `menus`); every method is scoped to one account.
 *
 * Buttons and matchrules are stored as JSON text of their normalised form, which only
 * `menu.validation.ts` produces, so reading them back needs no second validation.
 */
export class MenuRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** All menus of the account, oldest first (creation order is also match priority, reversed). */
  async list(accountId: string): Promise<MenuRecord[]> {
    const rows = await this.db
      .selectFrom('menus')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('created_at')
      .orderBy('menuid')
      .execute();
    return rows.map((r) => ({
      menuid: r.menuid,
      kind: r.kind === 'default' ? 'default' : 'conditional',
      buttons: JSON.parse(r.buttons) as MenuButton[],
      matchrule: r.matchrule === null ? null : (JSON.parse(r.matchrule) as MatchRule),
      createdAt: Number(r.created_at),
    }));
  }

  async hasDefault(accountId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('menus')
      .select('menuid')
      .where('account_id', '=', accountId)
      .where('kind', '=', 'default')
      .executeTakeFirst();
    return row !== undefined;
  }

  async countConditional(accountId: string): Promise<number> {
    const row = await this.db
      .selectFrom('menus')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .where('kind', '=', 'conditional')
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Latest `created_at` of the account's menus, to keep creation times strictly increasing. */
  async latestCreatedAt(accountId: string): Promise<number | null> {
    const row = await this.db
      .selectFrom('menus')
      .select((eb) => eb.fn.max<number>('created_at').as('m'))
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row?.m === null || row?.m === undefined ? null : Number(row.m);
  }

  /**
   * Replaces the default menu in one transaction (conditional menus stay). Returns false, and
   * changes nothing, when `menuid` is already taken by any account, so the caller can draw again.
   */
  async replaceDefault(accountId: string, menuid: string, buttons: MenuButton[], atMs: number): Promise<boolean> {
    return this.db
      .transaction()
      .execute(async (trx) => {
        await trx.deleteFrom('menus').where('account_id', '=', accountId).where('kind', '=', 'default').execute();
        const result = await trx
          .insertInto('menus')
          .values({
            menuid,
            account_id: accountId,
            kind: 'default',
            buttons: JSON.stringify(buttons),
            matchrule: null,
            created_at: atMs,
          })
          .onConflict((oc) => oc.column('menuid').doNothing())
          .executeTakeFirst();
        if (Number(result.numInsertedOrUpdatedRows ?? 0n) !== 1) throw new MenuIdTaken();
        return true;
      })
      .catch((error: unknown) => {
        if (error instanceof MenuIdTaken) return false;
        throw error;
      });
  }

  /** Adds a conditional menu; false when `menuid` is already taken (nothing is written). */
  async insertConditional(
    accountId: string,
    menuid: string,
    buttons: MenuButton[],
    matchrule: MatchRule,
    atMs: number,
  ): Promise<boolean> {
    const result = await this.db
      .insertInto('menus')
      .values({
        menuid,
        account_id: accountId,
        kind: 'conditional',
        buttons: JSON.stringify(buttons),
        matchrule: JSON.stringify(matchrule),
        created_at: atMs,
      })
      .onConflict((oc) => oc.column('menuid').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  /** Deletes one conditional menu; false when the account has no conditional menu by that id. */
  async deleteConditional(accountId: string, menuid: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('menus')
      .where('account_id', '=', accountId)
      .where('kind', '=', 'conditional')
      .where('menuid', '=', menuid)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Deletes the default menu and every conditional menu of the account. */
  async deleteAll(accountId: string): Promise<void> {
    await this.db.deleteFrom('menus').where('account_id', '=', accountId).execute();
  }
}

/** Rolls back a default-menu replacement whose drawn menuid collided. */
class MenuIdTaken extends Error {}
