import type { Command } from 'commander';
import { JobNames } from '../../jobs/job-names';
import { processDeliverCallback } from '../../jobs/processors/deliver-callback.job';
import { inDeveloperMode } from '../../modules/callbacks/callback.service';
import type { Message } from '../../modules/messages/message.types';
import type { Services } from '../../services';
import { output, withServices, type StorageFlags } from '../context';

type Flags = StorageFlags & { json?: boolean; appid: string; openid: string; timeout?: string };

/**
 * `gzh follower send` and `gzh follower click`: act as a follower from a script and print what
 * the account answers. In developer mode the push is queued like any other; this process also
 * works the queue while it waits, so the command works with or without a running server.
 */
export function registerFollowerChat(follower: Command): void {
  const common = (cmd: Command) =>
    cmd
      .requiredOption('--appid <appid>', 'account AppID')
      .requiredOption('--openid <openid>', 'the follower (OpenID for this account)')
      .option('--timeout <seconds>', 'how long to wait for the answer', '20')
      .option('--data <dir>', 'SQLite data directory')
      .option('--database-url <url>', 'PostgreSQL URL')
      .option('--json', 'print {"message","replies"}');

  common(follower.command('send').description('send a message as a follower and print the reply'))
    .requiredOption('--text <text>', 'the text to send')
    .action(async (opts: Flags & { text: string }) => {
      await withServices(opts, async (services) => {
        const { account, follower: f } = await resolve(services, opts);
        const since = services.clock.nowMs();
        const message = await services.conversations.send(f.personId, account.appid, { type: 'text', content: opts.text });
        const shown = await waitForAnswer(services, account, f.id, `msg-${message.id}`, since, seconds(opts.timeout));
        // Only answers to this message: a queued welcome may be delivered meanwhile.
        print(
          opts.json,
          message,
          shown.filter((m) => m.replyTo === message.id),
        );
      });
    });

  common(follower.command('click').description('tap a menu button as a follower and print the reply'))
    .requiredOption('--key <key>', 'the button key (click, scancode_*, pic_*, location_select buttons)')
    .option('--type <type>', 'button type', 'click')
    .action(async (opts: Flags & { key: string; type: string }) => {
      await withServices(opts, async (services) => {
        const { account, follower: f } = await resolve(services, opts);
        const since = services.clock.nowMs();
        await services.conversations.clickMenu(f.personId, account.appid, { type: opts.type, key: opts.key });
        const replies = await waitForAnswer(services, account, f.id, null, since, seconds(opts.timeout));
        print(opts.json, null, replies);
      });
    });
}

async function resolve(services: Services, opts: Flags) {
  const account = await services.accounts.requireByAppId(opts.appid);
  const follower = await services.followers.getByOpenId(account.id, opts.openid);
  return { account, follower };
}

function seconds(value: string | undefined): number {
  const n = Number(value ?? 20);
  return Number.isFinite(n) && n > 0 ? n : 20;
}

/**
 * Waits until the push (if any) is settled, then returns what the follower was shown since
 * `since`. Editor-mode answers are already stored when this starts.
 */
async function waitForAnswer(
  services: Services,
  account: Awaited<ReturnType<Services['accounts']['requireByAppId']>>,
  followerId: number,
  pushId: string | null,
  since: number,
  timeoutSeconds: number,
): Promise<Message[]> {
  if (inDeveloperMode(account)) {
    processDeliverCallback(services.jobs, services);
    const deadline = performance.now() + timeoutSeconds * 1000;
    for (;;) {
      const settled = pushId
        ? await pushSettled(services, pushId)
        : await anyOutboundSince(services, account.id, followerId, since);
      if (settled || performance.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const recent = await services.messages.conversation(account.id, followerId, undefined, 50);
  return recent.filter((m) => m.direction === 'out' && m.createdAt >= since).reverse();
}

async function pushSettled(services: Services, pushId: string): Promise<boolean> {
  const job = await services.jobs.getJob(JobNames.deliverCallback, pushId);
  return !job || job.state === 'completed' || job.state === 'failed';
}

async function anyOutboundSince(services: Services, accountId: string, followerId: number, since: number): Promise<boolean> {
  const recent = await services.messages.conversation(accountId, followerId, undefined, 10);
  return recent.some((m) => m.direction === 'out' && m.createdAt >= since);
}

function print(json: boolean | undefined, message: Message | null, replies: Message[]): void {
  const view = (m: Message) => ({ id: m.id, msgid: m.msgid, source: m.source, body: m.body });
  output(
    json,
    { ...(message ? { message: view(message) } : {}), replies: replies.map(view) },
    replies.length
      ? replies.map((r) => (r.body.type === 'text' || r.body.type === 'notice' ? r.body.content : `[${r.body.type}]`)).join('\n')
      : '(no reply)',
  );
}
