import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { createLogger } from '../../logger';
import { startServer, stopOnSignals } from '../../main';

/** `gzh start`: runs the platform (all roles by default). */
export function registerStart(program: Command): void {
  program
    .command('start')
    .description('run the platform (HTTP API, worker and scheduler roles by default)')
    .option('--port <port>', 'HTTP port (default 3000)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .option('--data <dir>', 'SQLite data directory (default ./data)')
    .option('--database-url <url>', 'use PostgreSQL instead of SQLite (or GZH_DATABASE_URL)')
    .option('--roles <roles>', 'comma-separated roles: api,worker,scheduler')
    .option('--public-url <url>', 'base URL people and phones use to reach this server')
    .option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent')
    .option('--no-demo', 'do not create the demo organisation on first start')
    .action(async (opts: Record<string, string | boolean | undefined>) => {
      const config = loadConfig({
        port: opts.port,
        host: opts.host,
        dataDir: opts.data,
        databaseUrl: opts.databaseUrl,
        roles: opts.roles,
        publicUrl: opts.publicUrl,
        logLevel: opts.logLevel,
        demo: opts.demo === false ? false : undefined,
      });
      const logger = createLogger(config.logLevel);
      const server = await startServer(config, { logger });
      stopOnSignals(server, logger);
    });
}
