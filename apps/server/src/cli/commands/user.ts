import type { Command } from 'commander';
import type { ConsoleRole } from '../../modules/auth/permissions';
import { output, withServices, type StorageFlags } from '../context';

type Flags = StorageFlags & { json?: boolean };

/** `gzh user create` and `gzh apikey create`: console users and automation keys. */
export function registerUser(program: Command): void {
  program
    .command('user')
    .description('manage console users')
    .command('create')
    .description('create a console user in an organisation')
    .requiredOption('--org <name>', 'organisation (created when missing)')
    .requiredOption('--username <name>', 'login name')
    .requiredOption('--password <password>', 'at least 8 characters')
    .option('--role <role>', 'owner|admin|operator|agent|analyst', 'operator')
    .option('--data <dir>', 'SQLite data directory')
    .option('--database-url <url>', 'PostgreSQL URL')
    .option('--json', 'machine-readable output')
    .action(async (opts: Flags & { org: string; username: string; password: string; role: string }) => {
      await withServices(opts, async (services) => {
        const org = await services.organisations.ensure(opts.org);
        const user = await services.auth.createUser({
          organisationId: org.id,
          username: opts.username,
          password: opts.password,
          role: opts.role as ConsoleRole,
        });
        output(opts.json, user, `created ${user.role} ${user.username} in ${user.organisationName}`);
      });
    });

  program
    .command('apikey')
    .description('manage console API keys')
    .command('create')
    .description('create an API key acting as a console user; printed once')
    .requiredOption('--username <name>', 'console user the key acts as')
    .requiredOption('--name <name>', 'label')
    .option('--data <dir>', 'SQLite data directory')
    .option('--database-url <url>', 'PostgreSQL URL')
    .option('--json', 'print {"key"}')
    .action(async (opts: Flags & { username: string; name: string }) => {
      await withServices(opts, async (services) => {
        const id = await services.database.db
          .selectFrom('console_users')
          .select('id')
          .where('username', '=', opts.username)
          .executeTakeFirst();
        const user = id && (await services.auth.userById(id.id));
        if (!user) throw new Error(`no console user ${opts.username}`);
        const { key, view } = await services.auth.createApiKey(user, opts.name);
        output(opts.json, { key, id: view.id }, `API key ${view.name}: ${key} (shown once)`);
      });
    });
}
