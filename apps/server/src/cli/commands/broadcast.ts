import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { Broadcast } from '../../modules/broadcasts/broadcast.types';
import type { BroadcastRequest } from '../../modules/broadcasts/broadcast.service';
import { CommonErrors } from '../../shared/errors';
import type { Services } from '../../services';
import { output, withServices, type StorageFlags } from '../context';

type Flags = StorageFlags & { json?: boolean; appid: string };

/** How often `--wait` / `--watch` read the broadcast's progress. */
const POLL_MS = 200;

/** What `--json` prints for a broadcast. */
function present(b: Broadcast) {
  return {
    msgId: b.id,
    status: b.status,
    msgType: b.msgType,
    audience: b.audience,
    ...(b.tagId !== null ? { tagId: b.tagId } : {}),
    totalCount: b.totalCount,
    filterCount: b.filterCount,
    sentCount: b.sentCount,
    errorCount: b.errorCount,
    createdAt: new Date(b.createdAt).toISOString(),
    finishedAt: b.finishedAt === null ? null : new Date(b.finishedAt).toISOString(),
  };
}

function human(b: Broadcast): string {
  return (
    `broadcast ${b.id} ${b.status}: ${b.msgType} to ${b.audience === 'tag' ? `tag ${b.tagId}` : b.audience}, ` +
    `total ${b.totalCount}, after filter ${b.filterCount}, sent ${b.sentCount}, errors ${b.errorCount}`
  );
}

/** The audience of a stored broadcast, for the expected total of a progress bar. */
function audienceOf(b: Broadcast): BroadcastRequest['audience'] | null {
  if (b.audience === 'all') return { kind: 'all' };
  if (b.audience === 'tag') return { kind: 'tag', tagId: b.tagId };
  return null;
}

/**
 * Follows a broadcast until its fan-out ends, with a progress bar on stderr. The fan-out runs in
 * the worker of the server on the same data; the CLI only reads its progress.
 */
async function watch(services: Services, accountId: string, msgId: number, quiet: boolean): Promise<Broadcast> {
  let b = await services.broadcasts.get(accountId, msgId);
  if (b.status !== 'SENDING') return b;
  const audience = audienceOf(b);
  const expected = audience ? (await services.broadcasts.estimate(accountId, audience)).reachable : 0;
  const bar = quiet
    ? null
    : new SingleBar(
        {
          format: 'sending {bar} {percentage}% | {value}/{total} followers | {eta_formatted} left',
          hideCursor: true,
          stream: process.stderr,
        },
        Presets.shades_classic,
      );
  bar?.start(Math.max(expected, 1), 0);
  let idle = 0;
  let last = -1;
  try {
    while (b.status === 'SENDING') {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      b = await services.broadcasts.get(accountId, msgId);
      bar?.update(Math.min(b.sentCount, Math.max(expected, 1)));
      idle = b.sentCount === last && b.startedAt === null ? idle + 1 : 0;
      last = b.sentCount;
      // Nothing picked the job up: no worker runs on this data (start one with `gzh start`).
      if (idle * POLL_MS > 30_000) {
        throw CommonErrors.conflict(
          `broadcast ${msgId} is queued but no worker has started it; is \`gzh start\` running on this data?`,
        );
      }
    }
    bar?.update(b.sentCount);
  } finally {
    bar?.stop();
  }
  return b;
}

/** `gzh broadcast …`: send a broadcast (群发) and follow its fan-out from the command line. */
export function registerBroadcast(program: Command): void {
  const broadcast = program.command('broadcast').description('broadcasts (群发): send, watch progress, list');

  broadcast
    .command('send')
    .description('broadcast to all followers, a tag or an openid list (the running server fans it out)')
    .requiredOption('--appid <appid>', 'account AppID')
    .option('--text <content>', 'text to send')
    .option('--msgtype <type>', 'mpnews | image | voice | mpvideo (with --media-id)')
    .option('--media-id <id>', 'media id of an mpnews, image, voice or mpvideo broadcast')
    .option('--tag <id>', 'only followers with this tag')
    .option('--openids <list>', 'comma-separated OpenIDs (2-10,000)')
    .option('--client-msg-id <id>', 'idempotency key (clientmsgid)')
    .option('--wait', 'show progress until the fan-out ends')
    .option('--data <dir>', 'SQLite data directory')
    .option('--database-url <url>', 'PostgreSQL URL')
    .option('--json', 'print the broadcast as JSON')
    .action(
      async (
        opts: Flags & {
          text?: string;
          msgtype?: string;
          mediaId?: string;
          tag?: string;
          openids?: string;
          clientMsgId?: string;
          wait?: boolean;
        },
      ) => {
        await withServices(opts, async (services) => {
          const account = await services.accounts.requireByAppId(opts.appid);
          const msgtype = opts.text !== undefined ? 'text' : opts.msgtype;
          const payload =
            msgtype === 'text' ? { text: { content: opts.text } } : msgtype ? { [msgtype]: { media_id: opts.mediaId } } : {};
          const audience: BroadcastRequest['audience'] = opts.openids
            ? { kind: 'list', openids: opts.openids.split(',').map((o) => o.trim()) }
            : opts.tag !== undefined
              ? { kind: 'tag', tagId: opts.tag }
              : { kind: 'all' };
          let b = await services.broadcasts.submit(account.id, { audience, msgtype, payload, clientMsgId: opts.clientMsgId });
          if (opts.wait) b = await watch(services, account.id, b.id, !!opts.json);
          output(opts.json, present(b), human(b));
        });
      },
    );

  broadcast
    .command('status')
    .description("one broadcast's status and counts; --watch follows it until the fan-out ends")
    .requiredOption('--appid <appid>', 'account AppID')
    .requiredOption('--msg-id <id>', 'the broadcast msg_id')
    .option('--watch', 'show progress until the fan-out ends')
    .option('--data <dir>', 'SQLite data directory')
    .option('--database-url <url>', 'PostgreSQL URL')
    .option('--json', 'print the broadcast as JSON')
    .action(async (opts: Flags & { msgId: string; watch?: boolean }) => {
      await withServices(opts, async (services) => {
        const account = await services.accounts.requireByAppId(opts.appid);
        const b = opts.watch
          ? await watch(services, account.id, Number(opts.msgId), !!opts.json)
          : await services.broadcasts.get(account.id, opts.msgId);
        output(opts.json, present(b), human(b));
      });
    });

  broadcast
    .command('list')
    .description('recent broadcasts of an account, newest first')
    .requiredOption('--appid <appid>', 'account AppID')
    .option('--limit <n>', 'how many', '20')
    .option('--data <dir>', 'SQLite data directory')
    .option('--database-url <url>', 'PostgreSQL URL')
    .option('--json', 'print a JSON array')
    .action(async (opts: Flags & { limit: string }) => {
      await withServices(opts, async (services) => {
        const account = await services.accounts.requireByAppId(opts.appid);
        const list = await services.broadcasts.list(account.id, undefined, Number(opts.limit) || 20);
        output(opts.json, list.map(present), list.map(human).join('\n') || 'no broadcasts');
      });
    });
}
