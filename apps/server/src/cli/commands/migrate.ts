import type { Command } from 'commander';
import { createDatabase } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import { cliConfig, output } from '../context';

/** `gzh migrate`: brings the database schema up to date (also done by `gzh start`). */
export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations')
    .option('--data <dir>', 'SQLite data directory (default ./data)')
    .option('--database-url <url>', 'PostgreSQL URL')
    .option('--json', 'machine-readable output')
    .action(async (opts: { data?: string; databaseUrl?: string; json?: boolean }) => {
      const config = cliConfig(opts);
      const database = createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const applied = await migrateToLatest(database);
        output(
          opts.json,
          { applied, database: database.description },
          applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date',
        );
      } finally {
        await database.close();
      }
    });
}
