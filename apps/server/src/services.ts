import { sql } from 'kysely';
import type { Config } from './config';
import type { Database } from './db/database';
import { AccountRepo } from './modules/accounts/account.repo';
import { AccountService } from './modules/accounts/account.service';
import { ApiLogService } from './modules/api-logs/api-log.service';
import { ArticleMedia } from './modules/articles/article-media';
import { ArticlePageService } from './modules/articles/article-page.service';
import { ArticleRepo } from './modules/articles/article.repo';
import { ArticleService } from './modules/articles/article.service';
import { ArticleUrls } from './modules/articles/article.urls';
import { AuthService } from './modules/auth/auth.service';
import { CallbackRepo } from './modules/callbacks/callback.repo';
import { CallbackService } from './modules/callbacks/callback.service';
import type { PushSender } from './modules/callbacks/push-sender';
import { JobResultPushes, type PushQueue } from './modules/callbacks/push-queue';
import type { BlobStore } from './modules/media/blob-store';
import { menuAndReplyUsage } from './modules/media/material-usage';
import { MediaRepo } from './modules/media/media.repo';
import { MediaService } from './modules/media/media.service';
import { BroadcastRepo } from './modules/broadcasts/broadcast.repo';
import { BroadcastService } from './modules/broadcasts/broadcast.service';
import { ConversationService } from './modules/conversations/conversation.service';
import { CustomMessageService } from './modules/kf/custom-message.service';
import { DEFAULT_WINDOW_RULES } from './modules/kf/service-window';
import { ServiceWindowRepo } from './modules/kf/service-window.repo';
import { OutboundContent } from './modules/messages/outbound-content';
import { FollowerRepo } from './modules/followers/follower.repo';
import { FollowerSeedService } from './modules/followers/follower-seed.service';
import { FollowerService } from './modules/followers/follower.service';
import { MenuRepo } from './modules/menus/menu.repo';
import { MenuService } from './modules/menus/menu.service';
import { MessageRepo } from './modules/messages/message.repo';
import { MessageService } from './modules/messages/message.service';
import { OrganisationService } from './modules/organisations/organisation.service';
import { QrcodeRepo } from './modules/qrcodes/qrcode.repo';
import { QrcodeService } from './modules/qrcodes/qrcode.service';
import { ShortLinkRepo } from './modules/qrcodes/shortlink.repo';
import { ShortLinkService } from './modules/qrcodes/shortlink.service';
import { QuotaRepo } from './modules/quotas/quota.repo';
import { QuotaService } from './modules/quotas/quota.service';
import { ReplyRepo } from './modules/replies/reply.repo';
import { ReplyService } from './modules/replies/reply.service';
import { ClockControlService } from './modules/sandbox/clock-control.service';
import { TagRepo } from './modules/tags/tag.repo';
import { TagService } from './modules/tags/tag.service';
import { TemplateRepo } from './modules/templates/template.repo';
import { TemplateService } from './modules/templates/template.service';
import { TokenRepo } from './modules/tokens/token.repo';
import { TokenService } from './modules/tokens/token.service';
import { BROADCAST_FANOUT_ATTEMPTS, fanOutJobId, JobNames } from './jobs/job-names';
import type { JobQueue } from './jobs/job-queue';
import type { RealtimeBus } from './realtime/realtime-bus';
import type { SandboxClock } from './shared/clock';

/** Everything a transport or a role needs: the modules' services over the chosen adapters. */
export interface Services {
  config: ServicesConfig;
  database: Database;
  clock: SandboxClock;
  bus: RealtimeBus;
  organisations: OrganisationService;
  accounts: AccountService;
  auth: AuthService;
  tokens: TokenService;
  quotas: QuotaService;
  apiLogs: ApiLogService;
  followers: FollowerService;
  followerSeed: FollowerSeedService;
  tags: TagService;
  qrcodes: QrcodeService;
  shortLinks: ShortLinkService;
  menus: MenuService;
  clockControl: ClockControlService;
  messages: MessageService;
  replies: ReplyService;
  callbacks: CallbackService;
  conversations: ConversationService;
  /** Temporary media, permanent materials, content images and news; public file URLs. */
  media: MediaService;
  /** Customer-service messages (message/custom/send, typing) and the follower's window. */
  customMessages: CustomMessageService;
  /** Drafts (draft/*), publishing (freepublish/*) and the article cards of mpnews messages. */
  articles: ArticleService;
  /** Article pages (`/mp/s/<key>`) and their read/share events. */
  articlePages: ArticlePageService;
  /** Broadcasts (群发) and their fan-out. */
  broadcasts: BroadcastService;
  /** Reports job results (template sends, broadcasts, publishing) to developer servers. */
  jobResults: JobResultPushes;
  /** Template notices: industries, private templates, message/template/send. */
  templates: TemplateService;
  jobs: JobQueue;
  pushSender: PushSender;
}

/** The slice of configuration the modules read. */
export type ServicesConfig = Pick<
  Config,
  | 'sandbox'
  | 'publicUrl'
  | 'quotaUtcOffsetMinutes'
  | 'callbackAttempts'
  | 'deliveryRetentionDays'
  | 'kfMessageQuota'
  | 'kfMessageWindowHours'
  | 'kfEventQuota'
  | 'kfEventWindowSeconds'
  | 'massThrottle'
  | 'massPageSize'
>;

/**
 * Composition root of the modules: builds every service over one database, clock and bus.
 * Used by `main.ts`, the CLI and tests alike, so all three run the same wiring.
 */
export function createServices(deps: {
  config: ServicesConfig;
  database: Database;
  clock: SandboxClock;
  bus: RealtimeBus;
  jobs: JobQueue;
  pushSender: PushSender;
  /** Where media files are kept (local directory by default). */
  blobs: BlobStore;
}): Services {
  const { database, clock, bus, config, jobs, pushSender, blobs } = deps;
  const db = database.db;
  const organisations = new OrganisationService(db, clock);
  const accounts = new AccountService(new AccountRepo(db), clock, bus);
  const quotas = new QuotaService(new QuotaRepo(db), clock, config.quotaUtcOffsetMinutes);
  const tokens = new TokenService(new TokenRepo(db), accounts, quotas, clock, bus);
  const followerRepo = new FollowerRepo(db, database.hot);
  const followers = new FollowerService(followerRepo, accounts, organisations, clock, bus);
  const followerSeed = new FollowerSeedService(
    accounts,
    organisations,
    (work) => db.transaction().execute((trx) => work(new FollowerRepo(trx))),
    clock,
    // A bulk load leaves PostgreSQL's statistics describing the table before it; plans of the
    // hot reads (inbox, user/info) go wrong until autovacuum analyses. SQLite needs nothing.
    async () => {
      if (database.dialect === 'postgres') await sql`ANALYZE persons, followers`.execute(db);
    },
  );
  const tags = new TagService(new TagRepo(db), followers, clock);
  const qrcodes = new QrcodeService(new QrcodeRepo(db), clock, config.publicUrl);
  followers.useQrResolver(qrcodes);
  const menus = new MenuService(new MenuRepo(db), followers, tags, clock);
  const messages = new MessageService(new MessageRepo(db, database.hot), clock, bus);
  const replies = new ReplyService(new ReplyRepo(db), clock);
  const media = new MediaService(new MediaRepo(db), blobs, clock, config.publicUrl, menuAndReplyUsage(menus, replies));
  const callbacks = new CallbackService(
    new CallbackRepo(db, database.hot),
    accounts,
    pushSender,
    clock,
    config.deliveryRetentionDays * 86_400_000,
  );
  // Pushes leave through the job queue so a restart loses nothing; the job id is the push id.
  const pushQueue: PushQueue = {
    enqueue: async (push) => {
      await jobs.enqueue(JobNames.deliverCallback, push, {
        jobId: push.id,
        maxAttempts: config.callbackAttempts,
        backoff: { type: 'fixed', delayMs: 0 },
      });
    },
  };
  const conversations = new ConversationService(accounts, followers, messages, replies, menus, pushQueue, clock);
  followers.useFollowListener(conversations);
  callbacks.useListener(conversations);
  const jobResults = new JobResultPushes(accounts, pushQueue, clock);
  const templates = new TemplateService(new TemplateRepo(db), accounts, followers, messages, jobResults, clock, {
    utcOffsetMinutes: config.quotaUtcOffsetMinutes,
  });
  const articleRepo = new ArticleRepo(db);
  // Covers and newspic images are permanent materials of the media module.
  const articleMedia = new ArticleMedia(media);
  const articleUrls = new ArticleUrls(config.publicUrl);
  const articles = new ArticleService(
    articleRepo,
    articleMedia,
    articleUrls,
    {
      enqueue: async (accountId, publishId) => {
        await jobs.enqueue(JobNames.publishArticle, { accountId, publishId }, { jobId: publishId, maxAttempts: 5 });
      },
    },
    jobResults,
    clock,
  );
  const content = new OutboundContent(media, articles);
  const customMessages = new CustomMessageService(
    new ServiceWindowRepo(db, database.hot),
    followers,
    messages,
    content,
    bus,
    clock,
    {
      ...DEFAULT_WINDOW_RULES,
      messageQuota: config.kfMessageQuota,
      messageWindowMs: Math.round(config.kfMessageWindowHours * 3_600_000),
      eventQuota: config.kfEventQuota,
      eventWindowMs: config.kfEventWindowSeconds * 1000,
    },
  );
  conversations.useInteractionListener(customMessages);
  const broadcasts = new BroadcastService(
    new BroadcastRepo(db, database.hot, database.dialect),
    accounts,
    followers,
    tags,
    messages,
    content,
    articles,
    jobResults,
    bus,
    clock,
    { throttle: config.massThrottle, pageSize: config.massPageSize, utcOffsetMinutes: config.quotaUtcOffsetMinutes },
  );
  broadcasts.useQueue({
    enqueue: async (broadcastId) => {
      await jobs.enqueue(
        JobNames.broadcastFanOut,
        { broadcastId },
        { jobId: fanOutJobId(broadcastId), maxAttempts: BROADCAST_FANOUT_ATTEMPTS, backoff: { type: 'fixed', delayMs: 1000 } },
      );
    },
  });
  return {
    config,
    database,
    clock,
    bus,
    organisations,
    accounts,
    auth: new AuthService(db, clock),
    tokens,
    quotas,
    apiLogs: new ApiLogService(db, clock),
    followers,
    followerSeed,
    tags,
    qrcodes,
    shortLinks: new ShortLinkService(new ShortLinkRepo(db), clock, config.publicUrl),
    menus,
    clockControl: new ClockControlService(db, clock, config.sandbox),
    messages,
    replies,
    callbacks,
    conversations,
    media,
    customMessages,
    articles,
    articlePages: new ArticlePageService(articleRepo, accounts, articleMedia, articleUrls, clock),
    broadcasts,
    jobResults,
    templates,
    jobs,
    pushSender,
  };
}
