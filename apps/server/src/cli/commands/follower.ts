import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { output, withServices, type StorageFlags } from '../context';
import { registerFollowerChat } from './follower-chat';

type Flags = StorageFlags & { json?: boolean };

/** `gzh follower …`: script WeChat users — create persons, follow, unfollow, seed in bulk. */
export function registerFollower(program: Command): void {
  const follower = program.command('follower').description('act as WeChat users (persons) and followers');
  registerFollowerChat(follower);

  follower
    .command('create')
    .description('create a person (a WeChat user)')
    .option('--nickname <name>', 'nickname')
    .option('--platform <n>', '1 iOS, 2 Android, 3 other (conditional menus)')
    .option('--data <dir>', 'SQLite data directory')
    .option('--database-url <url>', 'PostgreSQL URL')
    .option('--json', 'print {"id"}')
    .action(async (opts: Flags & { nickname?: string; platform?: string }) => {
      await withServices(opts, async (services) => {
        const { person, token } = await services.followers.createPerson({
          nickname: opts.nickname,
          platform: opts.platform === undefined ? undefined : Number(opts.platform),
        });
        output(
          opts.json,
          { id: person.id, nickname: person.nickname, token },
          `created person ${person.id} (${person.nickname})`,
        );
      });
    });

  follower
    .command('follow')
    .description('follow an account as a person, by search or by scanning a QR ticket')
    .requiredOption('--person <id>', 'person id')
    .requiredOption('--appid <appid>', 'account AppID')
    .option('--qr <ticket>', 'follow by scanning this QR ticket (records the scene)')
    .option('--data <dir>', 'SQLite data directory')
    .option('--database-url <url>', 'PostgreSQL URL')
    .option('--json', 'print {"openid"}')
    .action(async (opts: Flags & { person: string; appid: string; qr?: string }) => {
      await withServices(opts, async (services) => {
        const { follower: f, event } = await services.followers.follow(opts.person, opts.appid, { ticket: opts.qr });
        output(
          opts.json,
          { openid: f.openid, alreadyFollowing: event.alreadyFollowing, scene: event.scene },
          `${event.alreadyFollowing ? 'already following' : 'now following'} ${opts.appid} as ${f.openid}`,
        );
      });
    });

  follower
    .command('unfollow')
    .description('unfollow an account')
    .requiredOption('--person <id>', 'person id')
    .requiredOption('--appid <appid>', 'account AppID')
    .option('--data <dir>', 'SQLite data directory')
    .option('--database-url <url>', 'PostgreSQL URL')
    .option('--json', 'machine-readable output')
    .action(async (opts: Flags & { person: string; appid: string }) => {
      await withServices(opts, async (services) => {
        const f = await services.followers.unfollow(opts.person, opts.appid);
        output(opts.json, { openid: f.openid }, `unfollowed ${opts.appid} (${f.openid})`);
      });
    });

  follower
    .command('seed')
    .description('add N synthetic followers in bulk')
    .requiredOption('--appid <appid>', 'account AppID')
    .requiredOption('--count <n>', 'how many followers')
    .option('--data <dir>', 'SQLite data directory')
    .option('--database-url <url>', 'PostgreSQL URL')
    .option('--json', 'print {"seeded","seconds","perSecond"}')
    .action(async (opts: Flags & { appid: string; count: string }) => {
      const count = Number(opts.count);
      await withServices(opts, async (services) => {
        const bar = new SingleBar(
          {
            format: 'seeding {bar} {percentage}% | {value}/{total} followers | {eta_formatted} left',
            hideCursor: true,
            stream: process.stderr,
          },
          Presets.shades_classic,
        );
        const started = performance.now();
        bar.start(Number.isSafeInteger(count) && count > 0 ? count : 0, 0);
        try {
          const seeded = await services.followerSeed.seed(opts.appid, count, (done) => bar.update(done));
          bar.stop();
          const seconds = (performance.now() - started) / 1000;
          const perSecond = Math.round(seeded / seconds);
          output(
            opts.json,
            { seeded, seconds: Number(seconds.toFixed(2)), perSecond },
            `seeded ${seeded} followers in ${seconds.toFixed(1)} s (${perSecond}/s)`,
          );
        } catch (error) {
          bar.stop();
          throw error;
        }
      });
    });
}
