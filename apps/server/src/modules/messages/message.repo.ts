import type { Insertable, Kysely, Selectable } from 'kysely';
import { lazy, QueryTemplate, RowInsert, type QueryRunner } from '../../db/query-template';
import type { DatabaseSchema, MessagesTable } from '../../db/schema';
import type { Message, MessageBody, MessageSource } from './message.types';

/** A message about to be stored: everything but the id the database assigns. */
export type NewMessage = Omit<Message, 'id'>;

/** Storage of messages; reads are by person (the follower client) or by account and follower. */
export class MessageRepo {
  /** `hot` runs the precompiled statements of the conversation round trip (see `Database.hot`). */
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly hot: QueryRunner = db,
  ) {}

  /**
   * The insert returns the new id and the person's previous message id as the statement saw
   * it: on SQLite that is exact (the insert holds the write lock, so no lower id can still be
   * uncommitted), which lets the event stream show the message without reading it back.
   */
  private readonly insertRow = lazy(
    () =>
      new RowInsert(this.hot, (row: Insertable<MessagesTable>) =>
        this.db
          .insertInto('messages')
          .values(row)
          .returning((eb) => [
            'id',
            eb
              .selectFrom('messages as earlier')
              .select((e) => e.fn.max('earlier.id').as('previous'))
              .whereRef('earlier.person_id', '=', 'messages.person_id')
              .whereRef('earlier.id', '<', 'messages.id')
              .as('previous_id'),
          ]),
      ),
  );

  private readonly afterForPersonQuery = lazy(
    () =>
      new QueryTemplate(this.hot, (personId: string, afterId: number, limit: number) =>
        this.db
          .selectFrom('messages')
          .selectAll()
          .where('person_id', '=', personId)
          .where('id', '>', afterId)
          .orderBy('id')
          .limit(limit),
      ),
  );

  async insert(message: NewMessage): Promise<{ message: Message; previousId: number | null }> {
    const { rows } = await this.insertRow().run({
      account_id: message.accountId,
      follower_id: message.followerId,
      person_id: message.personId,
      openid: message.openid,
      direction: message.direction,
      msg_type: message.body.type,
      msgid: message.msgid,
      body: JSON.stringify(message.body),
      source: message.source,
      reply_to: message.replyTo,
      created_at: message.createdAt,
    });
    const row = rows[0];
    if (!row) throw new Error('message insert returned no id');
    return { message: { ...message, id: Number(row.id) }, previousId: row.previous_id === null ? null : Number(row.previous_id) };
  }

  async find(accountId: string, id: number): Promise<Message | undefined> {
    const row = await this.db
      .selectFrom('messages')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toMessage(row);
  }

  /** A person's messages across accounts after `afterId`, oldest first (stream backlog). */
  async afterForPerson(personId: string, afterId: number, limit: number): Promise<Message[]> {
    const rows = await this.afterForPersonQuery().execute(personId, afterId, limit);
    return rows.map(toMessage);
  }

  /** One conversation, newest first, before `beforeId` (chat history paging). */
  async conversation(accountId: string, followerId: number, beforeId: number | undefined, limit: number): Promise<Message[]> {
    let q = this.db.selectFrom('messages').selectAll().where('account_id', '=', accountId).where('follower_id', '=', followerId);
    if (beforeId !== undefined) q = q.where('id', '<', beforeId);
    const rows = await q.orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toMessage);
  }

  /** Replies recorded for an inbound message (the CLI waits on these). */
  async repliesTo(accountId: string, messageId: number): Promise<Message[]> {
    const rows = await this.db
      .selectFrom('messages')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('reply_to', '=', messageId)
      .orderBy('id')
      .execute();
    return rows.map(toMessage);
  }
}

export function toMessage(row: Selectable<MessagesTable>): Message {
  return {
    id: Number(row.id),
    accountId: row.account_id,
    followerId: Number(row.follower_id),
    personId: row.person_id,
    openid: row.openid,
    direction: row.direction as 'in' | 'out',
    msgid: row.msgid,
    body: JSON.parse(row.body) as MessageBody,
    source: row.source as MessageSource,
    replyTo: row.reply_to === null ? null : Number(row.reply_to),
    createdAt: row.created_at,
  };
}
