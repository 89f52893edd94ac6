import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_DIALECTS, type TestContext } from '../testing/test-context';
import { QueryTemplate } from './query-template';

describe.each(TEST_DIALECTS)('QueryTemplate (%s)', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    const db = ctx.services.database.db;
    await db
      .insertInto('settings')
      .values([
        { key: 'a', value: '1' },
        { key: 'b', value: '2' },
        { key: 'c', value: '3' },
      ])
      .execute();
  });
  afterAll(() => ctx.close());

  it('runs the same compiled query with new arguments, keeping builder literals', async () => {
    const db = ctx.services.database.db;
    const template = new QueryTemplate(db, (key: string, other: string) =>
      db
        .selectFrom('settings')
        .select(['key', 'value'])
        .where((eb) => eb.or([eb('key', '=', key), eb('key', '=', other)]))
        .where('value', '!=', '9')
        .orderBy('key'),
    );
    expect(await template.execute('a', 'c')).toEqual([
      { key: 'a', value: '1' },
      { key: 'c', value: '3' },
    ]);
    expect(await template.execute('b', 'zz')).toEqual([{ key: 'b', value: '2' }]);
    expect(await template.executeTakeFirst('nope', 'nope')).toBeUndefined();
  });

  it('falls back to building each time when an argument is not a plain parameter', async () => {
    const db = ctx.services.database.db;
    // The argument is used twice: no unique slot, so the template must rebuild every time.
    const template = new QueryTemplate(db, (key: string) =>
      db.selectFrom('settings').select('value').where('key', '=', key).where('key', '>=', key),
    );
    expect(await template.execute('a')).toEqual([{ value: '1' }]);
    expect(await template.execute('b')).toEqual([{ value: '2' }]);
  });
});
