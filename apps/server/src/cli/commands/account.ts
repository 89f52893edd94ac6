import type { Command } from 'commander';
import { AppError } from '../../shared/errors';
import { output, withServices, type StorageFlags } from '../context';
import { registerAccountCallback } from './account-callback';

type Flags = StorageFlags & { json?: boolean };

/** `gzh account …`: create, list and reset credentials of accounts. */
export function registerAccount(program: Command): void {
  const account = program.command('account').description('manage official accounts');
  registerAccountCallback(account);

  account
    .command('create')
    .description('create an account; prints its AppID and AppSecret once')
    .requiredOption('--org <name>', 'organisation (created when missing)')
    .requiredOption('--type <type>', 'subscription | service')
    .requiredOption('--name <name>', 'account name')
    .option('--verified', 'mark the account verified')
    .option('--intro <text>', 'introduction')
    .option('--data <dir>', 'SQLite data directory')
    .option('--database-url <url>', 'PostgreSQL URL')
    .option('--json', 'print {"appid","secret","originalId"}')
    .action(async (opts: Flags & { org: string; type: string; name: string; verified?: boolean; intro?: string }) => {
      if (opts.type !== 'subscription' && opts.type !== 'service') {
        throw new AppError('account.invalid_field', '--type must be subscription or service');
      }
      const type = opts.type;
      await withServices(opts, async (services) => {
        const org = await services.organisations.ensure(opts.org);
        const { account: created, secret } = await services.accounts.create({
          organisationId: org.id,
          type,
          name: opts.name,
          verified: opts.verified ?? false,
          intro: opts.intro,
        });
        output(
          opts.json,
          { appid: created.appid, secret, originalId: created.originalId },
          `created ${created.type} account "${created.name}"\n  AppID      ${created.appid}\n  AppSecret  ${secret}  (shown once)\n  original   ${created.originalId}`,
        );
      });
    });

  account
    .command('list')
    .description('list accounts')
    .option('--org <name>', 'only this organisation')
    .option('--data <dir>', 'SQLite data directory')
    .option('--database-url <url>', 'PostgreSQL URL')
    .option('--json', 'machine-readable output')
    .action(async (opts: Flags & { org?: string }) => {
      await withServices(opts, async (services) => {
        const orgs = (await services.organisations.list()).filter((o) => !opts.org || o.name === opts.org);
        const rows = [];
        for (const org of orgs) {
          for (const a of await services.accounts.listForOrganisation(org.id)) {
            rows.push({
              organisation: org.name,
              appid: a.appid,
              originalId: a.originalId,
              name: a.name,
              type: a.type,
              verified: a.verified,
            });
          }
        }
        output(
          opts.json,
          rows,
          rows.map((r) => `${r.appid}  ${r.type.padEnd(12)}  ${r.name}  (${r.organisation})`).join('\n') || 'no accounts',
        );
      });
    });

  account
    .command('reset-secret')
    .description('issue a new AppSecret (the old one and its tokens stop working)')
    .requiredOption('--appid <appid>', 'account AppID')
    .option('--data <dir>', 'SQLite data directory')
    .option('--database-url <url>', 'PostgreSQL URL')
    .option('--json', 'print {"appid","secret"}')
    .action(async (opts: Flags & { appid: string }) => {
      await withServices(opts, async (services) => {
        const target = await services.accounts.requireByAppId(opts.appid);
        const secret = await services.accounts.resetSecret(target.id);
        await services.tokens.revokeAll(target.id);
        output(opts.json, { appid: target.appid, secret }, `new AppSecret for ${target.appid}: ${secret}`);
      });
    });
}
