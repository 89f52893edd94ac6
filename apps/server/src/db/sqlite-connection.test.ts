import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type Generated } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QueryTemplate } from './query-template';
import { SqliteConnection } from './sqlite-connection';

interface TestSchema {
  notes: { id: Generated<number>; text: string };
}

/**
 * The group commit of hot writes, observed from a second connection to the same file (which, like
 * the CLI or another process, only sees committed data).
 */
describe('SqliteConnection', () => {
  let dir: string;
  let sqlite: SQLite.Database;
  let observer: SQLite.Database;
  let connection: SqliteConnection;
  let db: Kysely<TestSchema>;
  let errors: { error: unknown; writes: number }[];
  let insert: QueryTemplate<[string], { id: number }>;

  const committed = () => (observer.prepare('select count(*) as n from notes').get() as { n: number }).n;
  const nextTick = () => new Promise<void>((resolve) => process.nextTick(resolve));

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gzh-sqlite-connection-'));
    sqlite = new SQLite(path.join(dir, 'test.sqlite'));
    sqlite.pragma('journal_mode = WAL');
    sqlite.exec('create table notes (id integer primary key, text text not null unique)');
    observer = new SQLite(path.join(dir, 'test.sqlite'), { readonly: true });
    errors = [];
    connection = new SqliteConnection(sqlite, (error, writes) => errors.push({ error, writes }));
    db = new Kysely<TestSchema>({ dialect: new SqliteDialect({ database: connection.forKysely() }) });
    // The runner is typed for gzh's schema; these tests only need its QueryRunner side.
    const hot = connection.runner(db as never);
    insert = new QueryTemplate(hot, (text: string) => db.insertInto('notes').values({ text }).returning('id'));
  });

  afterEach(async () => {
    await db.destroy();
    observer.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('commits the hot writes of one run of code together, on the next tick', async () => {
    const ids = [await insert.execute('a'), await insert.execute('b'), await insert.execute('c')];
    expect(ids.map((rows) => rows.length)).toEqual([1, 1, 1]);
    expect(sqlite.inTransaction).toBe(true);
    expect(committed()).toBe(0);
    await nextTick();
    expect(sqlite.inTransaction).toBe(false);
    expect(committed()).toBe(3);
    expect(errors).toEqual([]);
  });

  it('undoes a failing statement alone and keeps the rest of the group', async () => {
    await insert.execute('a');
    await expect(insert.execute('a')).rejects.toThrow(/UNIQUE/);
    await insert.execute('b');
    await nextTick();
    expect(observer.prepare('select text from notes order by id').pluck().all()).toEqual(['a', 'b']);
    expect(errors).toEqual([]);
  });

  it('commits the open group before Kysely runs anything, so a transaction never holds its writes', async () => {
    await insert.execute('a');
    await db
      .transaction()
      .execute(async (trx) => {
        expect(committed()).toBe(1);
        await trx.insertInto('notes').values({ text: 'in-transaction' }).execute();
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(observer.prepare('select text from notes').pluck().all()).toEqual(['a']);
  });

  it('sends hot writes through Kysely while a Kysely transaction is open, after it ends', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = db.transaction().execute(async (trx) => {
      await trx.insertInto('notes').values({ text: 'first' }).execute();
      await held;
      throw new Error('roll back');
    });
    await nextTick();
    expect(sqlite.inTransaction).toBe(true);
    const hotWrite = insert.execute('second');
    release();
    await expect(transaction).rejects.toThrow('roll back');
    await hotWrite;
    await nextTick();
    expect(observer.prepare('select text from notes').pluck().all()).toEqual(['second']);
  });

  it('reads see the group, other connections only once it committed', async () => {
    const hot = connection.runner(db as never);
    const count = new QueryTemplate(hot, (min: number) =>
      db
        .selectFrom('notes')
        .select(sql<number>`count(*)`.as('n'))
        .where('id', '>=', min),
    );
    await insert.execute('a');
    expect((await count.executeTakeFirst(0))?.n).toBe(1);
    expect(committed()).toBe(0);
    await nextTick();
    expect(committed()).toBe(1);
  });

  it('commits an open group when the database closes', async () => {
    await insert.execute('a');
    connection.close();
    const after = new SQLite(path.join(dir, 'test.sqlite'), { readonly: true });
    expect(after.prepare('select count(*) from notes').pluck().get()).toBe(1);
    after.close();
  });
});
