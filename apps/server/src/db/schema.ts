import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types of the gzh database, shared by both dialects.
 *
 * Conventions that keep SQLite and PostgreSQL identical: times are epoch milliseconds in
 * `bigint` columns (parsed to `number`, exact below 2^53); flags are integers 0/1; JSON is `text`;
 * 64-bit WeChat ids (menuid, msgid) are `text` so they never pass through a JS number.
 */
export interface DatabaseSchema {
  settings: SettingsTable;
  organisations: OrganisationsTable;
  console_users: ConsoleUsersTable;
  console_sessions: ConsoleSessionsTable;
  api_keys: ApiKeysTable;
  accounts: AccountsTable;
  access_tokens: AccessTokensTable;
  api_quota_usage: ApiQuotaUsageTable;
  quota_clears: QuotaClearsTable;
  api_request_logs: ApiRequestLogsTable;
  persons: PersonsTable;
  followers: FollowersTable;
  tags: TagsTable;
  follower_tags: FollowerTagsTable;
  qrcodes: QrcodesTable;
  short_links: ShortLinksTable;
  menus: MenusTable;
  messages: MessagesTable;
  callback_deliveries: CallbackDeliveriesTable;
  reply_rules: ReplyRulesTable;
  media: MediaTable;
  jobs: JobsTable;
  drafts: DraftsTable;
  publications: PublicationsTable;
  published_articles: PublishedArticlesTable;
  article_events: ArticleEventsTable;
  template_industries: TemplateIndustriesTable;
  templates: TemplatesTable;
  template_sends: TemplateSendsTable;
  service_windows: ServiceWindowsTable;
  broadcasts: BroadcastsTable;
  broadcast_deliveries: BroadcastDeliveriesTable;
  broadcast_targets: BroadcastTargetsTable;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface OrganisationsTable {
  id: string;
  name: string;
  unionid_salt: string;
  created_at: number;
}

export interface ConsoleUsersTable {
  id: string;
  organisation_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  disabled: number;
  created_at: number;
  last_login_at: number | null;
}

export interface ConsoleSessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

export interface ApiKeysTable {
  id: string;
  organisation_id: string;
  user_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface AccountsTable {
  id: string;
  organisation_id: string;
  appid: string;
  secret_hash: string;
  secret_updated_at: number;
  original_id: string;
  name: string;
  type: string;
  verified: number;
  avatar_url: string;
  intro: string;
  welcome_text: string;
  openid_salt: string;
  /** JSON array of IPs / CIDR blocks; empty array = whitelist off. */
  ip_whitelist: string;
  callback_url: string | null;
  callback_token: string | null;
  encoding_aes_key: string | null;
  callback_mode: string;
  callback_enabled: number;
  /** 1 when followers' clients report their location (LOCATION pushes). */
  report_location: number;
  mass_speed: Generated<number>;
  created_at: number;
  updated_at: number;
}

export interface AccessTokensTable {
  token_hash: string;
  account_id: string;
  /** `token` (cgi-bin/token) or `stable` (cgi-bin/stable_token): independent families. */
  family: string;
  /** Plain value, kept only for the stable family, which must hand the same token out again. */
  token_value: string | null;
  issued_at: number;
  expires_at: number;
  superseded_at: number | null;
}

export interface ApiQuotaUsageTable {
  account_id: string;
  api: string;
  /** Local day (quota time zone) as `YYYY-MM-DD`. */
  day: string;
  used: number;
}

export interface QuotaClearsTable {
  id: string;
  account_id: string;
  /** `all` for clear_quota, otherwise the cgi path of openapi/quota/clear. */
  scope: string;
  /** Local month (quota time zone) as `YYYY-MM`. */
  month: string;
  cleared_at: number;
}

export interface ApiRequestLogsTable {
  rid: string;
  account_id: string | null;
  invoke_time: number;
  cost_in_ms: number;
  request_url: string;
  request_body: string;
  response_body: string;
  client_ip: string;
  errcode: number;
}

export interface PersonsTable {
  id: string;
  nickname: string;
  avatar_url: string;
  sex: number;
  country: string;
  province: string;
  city: string;
  language: string;
  /** Client platform for conditional menus: 1 iOS, 2 Android, 3 others. */
  platform: number;
  token_hash: string | null;
  created_at: number;
}

export interface FollowersTable {
  id: Generated<number>;
  account_id: string;
  person_id: string;
  openid: string;
  unionid: string;
  subscribed: number;
  subscribe_time: number;
  unsubscribe_time: number | null;
  subscribe_scene: string;
  qr_scene: number | null;
  qr_scene_str: string | null;
  remark: string;
  blacklisted: number;
  blacklisted_at: number | null;
  /** 1 when the follower refused the account's template notices (43101); migration 20261124010000. */
  blocks_notices: Generated<number>;
  created_at: number;
  updated_at: number;
}

export interface TagsTable {
  account_id: string;
  tag_id: number;
  name: string;
  created_at: number;
}

export interface FollowerTagsTable {
  account_id: string;
  tag_id: number;
  follower_id: number;
  created_at: number;
}

export interface QrcodesTable {
  ticket: string;
  account_id: string;
  /** Path segment of the code's URL (`<publicUrl>/q/<code>`). */
  code: string;
  action_name: string;
  scene_id: number | null;
  scene_str: string | null;
  permanent: number;
  expire_seconds: number | null;
  expires_at: number | null;
  created_at: number;
}

export interface ShortLinksTable {
  short_key: string;
  account_id: string;
  kind: string;
  long_data: string;
  created_at: number;
  expires_at: number | null;
}

export interface MenusTable {
  menuid: string;
  account_id: string;
  /** `default` or `conditional`. */
  kind: string;
  /** JSON of the normalised `button` array. */
  buttons: string;
  /** JSON of the matchrule (conditional menus only). */
  matchrule: string | null;
  created_at: number;
}

export interface MessagesTable {
  id: Generated<number>;
  account_id: string;
  follower_id: number;
  person_id: string;
  openid: string;
  /** `in` (follower → account) or `out`. */
  direction: string;
  msg_type: string;
  /** 64-bit MsgId of inbound messages, as text. */
  msgid: string | null;
  /** JSON of the message body. */
  body: string;
  source: string;
  reply_to: number | null;
  created_at: number;
}

export interface CallbackDeliveriesTable {
  id: string;
  account_id: string;
  push_id: string;
  kind: string;
  openid: string | null;
  message_id: number | null;
  attempt: number;
  mode: string;
  url: string;
  query: string;
  plain_body: string;
  sent_body: string;
  outcome: string;
  http_status: number | null;
  response_body: string | null;
  reply_type: string | null;
  error: string | null;
  latency_ms: number;
  replay_of: string | null;
  created_at: number;
}

/** Media, materials and news of an account; see migration 20261124000000-media. */
export interface MediaTable {
  /** 64 characters for temporary media, 43 for permanent ones (WeChat's shapes). */
  media_id: string;
  account_id: string;
  /** `image` | `voice` | `video` | `thumb` | `news`. */
  type: string;
  permanent: number;
  /** 1 when the row is in the material library (listed, counted, deletable). */
  material: number;
  filename: string;
  content_type: string;
  size: number;
  /** Key in the blob store; null for news. */
  blob_key: string | null;
  /** Last segment of the public URL `/mmbiz/<key>`; null for news. */
  public_key: string | null;
  title: string;
  description: string;
  /** JSON array of the articles of news; null for files. */
  articles: string | null;
  created_at: number;
  updated_at: number;
  expires_at: number | null;
  deleted_at: number | null;
}

export interface ReplyRulesTable {
  id: string;
  account_id: string;
  kind: string;
  name: string;
  /** JSON array of {text, match}. */
  keywords: string;
  /** JSON array of replies. */
  replies: string;
  reply_mode: string;
  enabled: number;
  position: number;
  created_at: number;
  updated_at: number;
}

export type AccountRow = Selectable<AccountsTable>;
export type NewAccountRow = Insertable<AccountsTable>;
export type AccountUpdate = Updateable<AccountsTable>;
export type FollowerRow = Selectable<FollowersTable>;
export type PersonRow = Selectable<PersonsTable>;

/** A row of the embedded job queue (`jobs/db-job-queue.ts`); see migration 20261123000000-jobs. */
export interface JobsTable {
  name: string;
  id: string;
  /** JSON of the job's payload. */
  payload: string;
  /** `queued`, `active`, `completed` or `failed` (`delayed` is a queued row not yet due). */
  state: string;
  /** Runs started so far. */
  attempts: number;
  max_attempts: number;
  /** `fixed` or `exponential`. */
  backoff_type: string;
  backoff_ms: number;
  /** Queued: when it may start. Active: when its lease expires. Finished: last due time. */
  due_at: number;
  /** Token of the run holding the lease; a late write from an expired run does not match it. */
  lease_token: string | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export interface ServiceWindowsTable {
  account_id: string;
  follower_id: number;
  message_at: number | null;
  message_used: Generated<number>;
  event_at: number | null;
  event_used: Generated<number>;
  typing_until: number | null;
}

export interface BroadcastsTable {
  id: Generated<number>;
  account_id: string;
  msg_type: string;
  body: string;
  media_id: string | null;
  msg_data_id: number | null;
  audience: string;
  tag_id: number | null;
  client_msg_id: string | null;
  status: string;
  total_count: number;
  filter_count: number;
  sent_count: number;
  error_count: number;
  cursor: number;
  speed: number;
  deleted_articles: string;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

export interface BroadcastDeliveriesTable {
  broadcast_id: number;
  follower_id: number;
  status: number;
}

export interface BroadcastTargetsTable {
  broadcast_id: number;
  follower_id: number;
}

/** An account's template industries (codes 1–41); see migration 20261124010000-templates. */
export interface TemplateIndustriesTable {
  account_id: string;
  primary_id: number;
  secondary_id: number;
  /** When the pair last changed: a new change waits for the next calendar month (43100). */
  changed_at: number;
}

/** A private template of an account, copied from the library when added. */
export interface TemplatesTable {
  /** 43 characters of `[A-Za-z0-9_-]`, WeChat's shape. */
  template_id: string;
  account_id: string;
  /** Library id it was added from (`TM00015`, `OPENTM200654400`, `47123`). */
  short_id: string;
  industry_id: number;
  title: string;
  primary_industry: string;
  deputy_industry: string;
  /** Body with `{{name.DATA}}` placeholders. */
  content: string;
  example: string;
  /** JSON array of chosen keyword names (category templates), `[]` otherwise. */
  keywords: string;
  created_at: number;
}

/** One `message/template/send`. */
export interface TemplateSendsTable {
  /** Decimal msgid below 2^53. */
  msgid: string;
  account_id: string;
  template_id: string;
  follower_id: number;
  openid: string;
  /** Idempotency key while its window lasts; null afterwards or when none was sent. */
  client_msg_id: string | null;
  /** JSON of the follower-facing notice body. */
  body: string;
  /** `pending`, `success`, or a TEMPLATESENDJOBFINISH failure status. */
  status: string;
  message_id: number | null;
  created_at: number;
  updated_at: number;
}

/** A draft of the draft box (草稿箱); migration 20261124020000-articles. */
export interface DraftsTable {
  media_id: string;
  account_id: string;
  /** JSON array of the validated, sanitised articles. */
  articles: string;
  /** Bumped by every update. */
  revision: number;
  /** Random key of the draft's preview pages (`/mp/s/<key>?idx=N`). */
  preview_key: string;
  created_at: number;
  updated_at: number;
}

/** A publish task (`freepublish/submit`) or the pages made for a draft sent as mpnews. */
export interface PublicationsTable {
  /** Decimal string, as `publish_id` on the wire. */
  publish_id: string;
  account_id: string;
  /** `publish` or `card`. */
  kind: string;
  /** `publish_status`: 0 success, 1 publishing, 3 failed, 5 deleted. */
  status: number;
  article_id: string | null;
  /** Decimal `msg_data_id`. */
  msg_data_id: string;
  draft_media_id: string;
  /** `<media_id>:<revision>` of card publications, null otherwise. */
  source_key: string | null;
  /** JSON array of failing 1-based indexes. */
  fail_idx: string;
  created_at: number;
  updated_at: number;
  published_at: number | null;
}

/** One article of a publication, with the key of its page. */
export interface PublishedArticlesTable {
  key: string;
  account_id: string;
  publish_id: string;
  article_id: string;
  /** 1-based. */
  idx: number;
  /** JSON of the article as published. */
  article: string;
  thumb_url: string;
  /** JSON array of newspic image URLs. */
  image_urls: string;
  deleted: Generated<number>;
  deleted_at: number | null;
  created_at: number;
}

/** A read, read-through or share of an article page. */
export interface ArticleEventsTable {
  id: Generated<number>;
  account_id: string;
  article_key: string;
  article_id: string;
  idx: number;
  kind: string;
  person_id: string | null;
  created_at: number;
}
