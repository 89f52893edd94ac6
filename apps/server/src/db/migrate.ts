import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Database, DialectName } from './database';
import * as foundation from './migrations/20261122000000-foundation';
import * as jobs from './migrations/20261123000000-jobs';
import * as conversations from './migrations/20261123010000-conversations';
import * as media from './migrations/20261124000000-media';
import * as templates from './migrations/20261124010000-templates';
import * as articles from './migrations/20261124020000-articles';
import * as broadcasts from './migrations/20261124030000-broadcasts';

type MigrationModule = { up(db: Kysely<unknown>, dialect: DialectName): Promise<void> };

/**
 * Every migration, in order. Listed statically (not read from disk) so the server works the same
 * under tsx, a bundler or a compiled build. Names are frozen timestamps.
 */
const MIGRATIONS: Record<string, MigrationModule> = {
  '20261122000000-foundation': foundation,
  '20261123000000-jobs': jobs,
  '20261123010000-conversations': conversations,
  '20261124000000-media': media,
  '20261124010000-templates': templates,
  '20261124020000-articles': articles,
  '20261124030000-broadcasts': broadcasts,
};

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}
  getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, mod] of Object.entries(MIGRATIONS)) {
      out[name] = { up: (db) => mod.up(db, this.dialect) };
    }
    return Promise.resolve(out);
  }
}

/**
 * Brings the schema up to date. Safe to call at every start and from `gzh migrate`; concurrent
 * callers (several nodes starting at once) are serialised by Kysely's migration lock.
 * Returns the names of the migrations applied by this call.
 */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const migrator = new Migrator({
    db: database.db,
    provider: new StaticProvider(database.dialect),
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
