import { loadConfig, type Config } from '../config';
import { createDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { createAdapters } from '../main';
import { createServices, type Services } from '../services';
import { SandboxClock, systemClock } from '../shared/clock';
import { isAppError } from '../shared/errors';

/** Storage flags every data command accepts, so it works on the same data as a running server. */
export interface StorageFlags {
  data?: string;
  databaseUrl?: string;
}

/** Reads configuration for a CLI command from its flags and the environment. */
export function cliConfig(flags: StorageFlags & Record<string, unknown>): Config {
  return loadConfig({ dataDir: flags.data, databaseUrl: flags.databaseUrl });
}

/**
 * Opens the services over the configured database for one command, runs `work`, and closes
 * everything. The sandbox clock is loaded from the database, so CLI rules see the same time as a
 * running server.
 */
export async function withServices<T>(flags: StorageFlags, work: (services: Services) => Promise<T>): Promise<T> {
  const config = cliConfig(flags as StorageFlags & Record<string, unknown>);
  const database = createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 4 });
  try {
    await migrateToLatest(database);
    const clock = new SandboxClock(systemClock);
    // A command sends no pushes of its own (the running server's worker does): no push threads.
    const adapters = createAdapters({ ...config, pushThreads: 0 }, database, clock);
    const services = createServices({ config, database, clock, ...adapters });
    await services.clockControl.start(60_000);
    try {
      return await work(services);
    } finally {
      services.clockControl.stop();
      await services.quotas.stop();
      await adapters.close();
    }
  } finally {
    await database.close();
  }
}

/** Prints a command's result: JSON with `--json`, otherwise the human text. */
export function output(json: boolean | undefined, value: unknown, human: string): void {
  process.stdout.write((json ? JSON.stringify(value) : human) + '\n');
}

/**
 * Turns an error into a clear message and a non-zero exit code. Domain errors print their
 * message (and code with --json); anything else prints its message without a stack.
 */
export function reportError(error: unknown, json: boolean): number {
  const code = isAppError(error)
    ? error.code
    : error instanceof Error && error.name === 'ConfigError'
      ? 'config.invalid'
      : 'error';
  const message = error instanceof Error ? error.message : String(error);
  if (json) process.stdout.write(JSON.stringify({ error: { code, message } }) + '\n');
  process.stderr.write(`gzh: ${message}\n`);
  return code === 'config.invalid' ? 2 : 1;
}
