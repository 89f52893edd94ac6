import type { Command } from 'commander';
import type { CallbackMode } from '../../modules/accounts/account.types';
import { AppError } from '../../shared/errors';
import { output, withServices, type StorageFlags } from '../context';

/** `gzh account callback`: sets the developer server, saved only when its URL check passes. */
export function registerAccountCallback(account: Command): void {
  account
    .command('callback')
    .description('configure the developer server (runs WeChat URL verification first)')
    .requiredOption('--appid <appid>', 'account AppID')
    .requiredOption('--url <url>', 'developer server URL')
    .requiredOption('--token <token>', 'Token, 3-32 letters or digits')
    .option('--aes-key <key>', 'EncodingAESKey, 43 letters or digits (compatible and safe modes)')
    .option('--mode <mode>', 'plain | compatible | safe', 'plain')
    .option('--disable', 'save the configuration but keep the developer server off')
    .option('--data <dir>', 'SQLite data directory')
    .option('--database-url <url>', 'PostgreSQL URL')
    .option('--json', 'machine-readable output')
    .action(
      async (
        opts: StorageFlags & {
          appid: string;
          url: string;
          token: string;
          aesKey?: string;
          mode: string;
          disable?: boolean;
          json?: boolean;
        },
      ) => {
        if (!['plain', 'compatible', 'safe'].includes(opts.mode))
          throw new AppError('account.invalid_field', '--mode must be plain, compatible or safe');
        await withServices(opts, async (services) => {
          const target = await services.accounts.requireByAppId(opts.appid);
          const saved = await services.callbacks.configure(target.id, {
            url: opts.url,
            token: opts.token,
            encodingAesKey: opts.aesKey ?? null,
            mode: opts.mode as CallbackMode,
            enabled: !opts.disable,
          });
          output(
            opts.json,
            {
              appid: saved.appid,
              url: saved.callback.url,
              mode: saved.callback.mode,
              enabled: saved.callback.enabled,
              verified: !opts.disable,
            },
            `${saved.appid}: developer server ${saved.callback.enabled ? 'enabled' : 'saved (disabled)'} at ${saved.callback.url} (${saved.callback.mode})`,
          );
        });
      },
    );
}
