import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema, QrcodesTable } from '../../db/schema';

/** The four `action_name`s of `qrcode/create`; the `LIMIT` ones are permanent. */
export type QrActionName = 'QR_SCENE' | 'QR_STR_SCENE' | 'QR_LIMIT_SCENE' | 'QR_LIMIT_STR_SCENE';

/** One parametric QR code of an account. Exactly one of `sceneId` / `sceneStr` is set. */
export interface QrCode {
  /** Opaque, base64-looking; what `showqrcode` and the callback's `Ticket` carry. */
  ticket: string;
  accountId: string;
  /** Last path segment of the code's URL (`<publicUrl>/q/<code>`), what a camera reads. */
  code: string;
  actionName: QrActionName;
  sceneId: number | null;
  sceneStr: string | null;
  permanent: boolean;
  /** Lifetime asked for (after clamping); `null` for permanent codes. */
  expireSeconds: number | null;
  /** Epoch ms after which a temporary code stops working; `null` for permanent codes. */
  expiresAt: number | null;
  createdAt: number;
}

/**
 * The storage the QR service needs, as a structural type so unit tests can pass an in-memory
 * fake. Lookups by ticket or code are global (tickets and codes are unique across accounts);
 * everything else is scoped to one account.
 */
export type QrcodeStore = Pick<QrcodeRepo, keyof QrcodeRepo>;

/** Storage of QR codes (`qrcodes` table). */
export class QrcodeRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(accountId: string, code: Omit<QrCode, 'accountId'>): Promise<void> {
    await this.db
      .insertInto('qrcodes')
      .values({
        ticket: code.ticket,
        account_id: accountId,
        code: code.code,
        action_name: code.actionName,
        scene_id: code.sceneId,
        scene_str: code.sceneStr,
        permanent: code.permanent ? 1 : 0,
        expire_seconds: code.expireSeconds,
        expires_at: code.expiresAt,
        created_at: code.createdAt,
      })
      .execute();
  }

  async findByTicket(ticket: string): Promise<QrCode | undefined> {
    const row = await this.db.selectFrom('qrcodes').selectAll().where('ticket', '=', ticket).executeTakeFirst();
    return row && toQrCode(row);
  }

  async findByCode(code: string): Promise<QrCode | undefined> {
    const row = await this.db.selectFrom('qrcodes').selectAll().where('code', '=', code).executeTakeFirst();
    return row && toQrCode(row);
  }

  /** The permanent code already made for this scene, so that re-creating it is idempotent. */
  async findPermanent(
    accountId: string,
    actionName: QrActionName,
    scene: { sceneId: number | null; sceneStr: string | null },
  ): Promise<QrCode | undefined> {
    let query = this.db
      .selectFrom('qrcodes')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('permanent', '=', 1)
      .where('action_name', '=', actionName);
    query =
      scene.sceneId !== null ? query.where('scene_id', '=', scene.sceneId) : query.where('scene_str', '=', scene.sceneStr ?? '');
    const row = await query.orderBy('created_at').limit(1).executeTakeFirst();
    return row && toQrCode(row);
  }

  async countPermanent(accountId: string): Promise<number> {
    const row = await this.db
      .selectFrom('qrcodes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .where('permanent', '=', 1)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}

function toQrCode(row: Selectable<QrcodesTable>): QrCode {
  return {
    ticket: row.ticket,
    accountId: row.account_id,
    code: row.code,
    actionName: row.action_name as QrActionName,
    sceneId: row.scene_id === null ? null : Number(row.scene_id),
    sceneStr: row.scene_str,
    permanent: row.permanent === 1,
    expireSeconds: row.expire_seconds === null ? null : Number(row.expire_seconds),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    createdAt: Number(row.created_at),
  };
}
