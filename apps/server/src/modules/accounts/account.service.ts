import { timingSafeEqual } from 'node:crypto';
import type { RealtimeBus } from '../../realtime/realtime-bus';
import { Topics } from '../../realtime/realtime-bus';
import type { Clock } from '../../shared/clock';
import { newAppId, newAppSecret, newId, newOriginalId, randomToken, sha256Hex } from '../../shared/ids';
import { isHttpUrl } from '../../shared/url';
import { AccountErrors } from './account.errors';
import type { AccountRepo } from './account.repo';
import type { Account, AccountType, CallbackMode } from './account.types';
import { validateWhitelist } from './ip-whitelist';

export interface CreateAccountInput {
  organisationId: string;
  type: AccountType;
  name: string;
  verified?: boolean;
  intro?: string;
  avatarUrl?: string;
  welcomeText?: string;
}

export interface ProfilePatch {
  name?: string;
  intro?: string;
  avatarUrl?: string;
  welcomeText?: string;
  verified?: boolean;
  type?: AccountType;
  ipWhitelist?: string[];
  reportLocation?: boolean;
}

export interface DeveloperConfigInput {
  url: string | null;
  token: string | null;
  encodingAesKey: string | null;
  mode: CallbackMode;
  enabled: boolean;
}

const CACHE_TTL_MS = 5_000;

/**
 * Accounts (公众号): creation with WeChat-shaped identifiers, secrets stored only as hashes,
 * profile and developer configuration. Lookups by AppID and id are cached briefly and dropped
 * across the bus whenever an account changes, so the token and user endpoints stay fast.
 */
export class AccountService {
  private readonly byAppId = new Map<string, { at: number; account: Account | undefined }>();
  private readonly byId = new Map<string, { at: number; account: Account | undefined }>();

  constructor(
    private readonly repo: AccountRepo,
    private readonly clock: Clock,
    private readonly bus: RealtimeBus,
  ) {
    bus.subscribe(Topics.accountChanged, () => this.dropCache());
  }

  /** Creates an account and returns it with its AppSecret, which is never retrievable again. */
  async create(input: CreateAccountInput): Promise<{ account: Account; secret: string }> {
    const name = checkName(input.name);
    const now = this.clock.nowMs();
    const secret = newAppSecret();
    const id = newId('acc');
    await this.repo.insert({
      id,
      organisation_id: input.organisationId,
      appid: newAppId(),
      secret_hash: sha256Hex(secret),
      secret_updated_at: now,
      original_id: newOriginalId(),
      name,
      type: input.type,
      verified: input.verified ? 1 : 0,
      avatar_url: input.avatarUrl ?? '',
      intro: checkIntro(input.intro ?? ''),
      welcome_text: input.welcomeText ?? '',
      openid_salt: randomToken(32),
      ip_whitelist: '[]',
      report_location: 0,
      callback_url: null,
      callback_token: null,
      encoding_aes_key: null,
      callback_mode: 'plain',
      callback_enabled: 0,
      created_at: now,
      updated_at: now,
    });
    const account = await this.repo.findById(id);
    return { account: account!, secret };
  }

  /** Issues a new AppSecret; the old one stops working at once. */
  async resetSecret(accountId: string): Promise<string> {
    const secret = newAppSecret();
    await this.repo.update(accountId, { secret_hash: sha256Hex(secret), secret_updated_at: this.clock.nowMs() });
    await this.changed();
    return secret;
  }

  /** Constant-time check of an AppSecret against the stored hash. */
  verifySecret(account: Account, secret: string): boolean {
    const a = Buffer.from(sha256Hex(secret), 'hex');
    const b = Buffer.from(account.secretHash, 'hex');
    return a.length === b.length && timingSafeEqual(a, b);
  }

  async getByAppId(appid: string): Promise<Account | undefined> {
    return this.cached(this.byAppId, appid, () => this.repo.findByAppId(appid));
  }

  async getById(id: string): Promise<Account | undefined> {
    return this.cached(this.byId, id, () => this.repo.findById(id));
  }

  /** Like {@link getByAppId} but throws `account.not_found`. */
  async requireByAppId(appid: string): Promise<Account> {
    const account = await this.getByAppId(appid);
    if (!account) throw AccountErrors.notFound(appid);
    return account;
  }

  listForOrganisation(organisationId: string): Promise<Account[]> {
    return this.repo.listByOrganisation(organisationId);
  }

  search(query: string, limit = 20): Promise<Account[]> {
    return this.repo.search(query, Math.min(Math.max(limit, 1), 50));
  }

  async updateProfile(accountId: string, patch: ProfilePatch): Promise<Account> {
    const set: Parameters<AccountRepo['update']>[1] = { updated_at: this.clock.nowMs() };
    if (patch.name !== undefined) set.name = checkName(patch.name);
    if (patch.intro !== undefined) set.intro = checkIntro(patch.intro);
    if (patch.avatarUrl !== undefined) set.avatar_url = patch.avatarUrl;
    if (patch.welcomeText !== undefined) {
      if (patch.welcomeText.length > 600) throw AccountErrors.invalidField('welcome text is limited to 600 characters');
      set.welcome_text = patch.welcomeText;
    }
    if (patch.verified !== undefined) set.verified = patch.verified ? 1 : 0;
    if (patch.type !== undefined) set.type = patch.type;
    if (patch.reportLocation !== undefined) set.report_location = patch.reportLocation ? 1 : 0;
    if (patch.ipWhitelist !== undefined) {
      const problems = validateWhitelist(patch.ipWhitelist);
      if (problems.length) throw AccountErrors.invalidField(problems.join('; '));
      set.ip_whitelist = JSON.stringify(patch.ipWhitelist.map((e) => e.trim()));
    }
    await this.repo.update(accountId, set);
    await this.changed();
    return (await this.repo.findById(accountId))!;
  }

  /**
   * Stores the developer configuration after checking its formats (Token 3–32 letters/digits,
   * EncodingAESKey 43 letters/digits, http(s) URL). Verification against the developer server
   * happens in the callbacks module before this is called.
   */
  async setDeveloperConfig(accountId: string, input: DeveloperConfigInput): Promise<Account> {
    if (input.url !== null && !isHttpUrl(input.url)) {
      throw AccountErrors.invalidField('callback URL must start with http:// or https://');
    }
    if (input.token !== null && !/^[A-Za-z0-9]{3,32}$/.test(input.token)) {
      throw AccountErrors.invalidField('Token must be 3-32 letters or digits');
    }
    if (input.encodingAesKey !== null && !/^[A-Za-z0-9]{43}$/.test(input.encodingAesKey)) {
      throw AccountErrors.invalidField('EncodingAESKey must be exactly 43 letters or digits');
    }
    if (input.mode !== 'plain' && !input.encodingAesKey) {
      throw AccountErrors.invalidField(`${input.mode} mode needs an EncodingAESKey`);
    }
    if (input.enabled && (!input.url || !input.token)) {
      throw AccountErrors.invalidField('enabling the developer server needs a URL and a Token');
    }
    await this.repo.update(accountId, {
      callback_url: input.url,
      callback_token: input.token,
      encoding_aes_key: input.encodingAesKey,
      callback_mode: input.mode,
      callback_enabled: input.enabled ? 1 : 0,
      updated_at: this.clock.nowMs(),
    });
    await this.changed();
    return (await this.repo.findById(accountId))!;
  }

  private async changed(): Promise<void> {
    this.dropCache();
    await this.bus.publish(Topics.accountChanged, {});
  }

  private dropCache(): void {
    this.byAppId.clear();
    this.byId.clear();
  }

  private async cached(
    map: Map<string, { at: number; account: Account | undefined }>,
    key: string,
    load: () => Promise<Account | undefined>,
  ): Promise<Account | undefined> {
    // Real time, not the sandbox clock: cache freshness is an operational concern, not a rule.
    const now = performance.now();
    const hit = map.get(key);
    if (hit && now - hit.at < CACHE_TTL_MS) return hit.account;
    const account = await load();
    if (map.size > 10_000) map.clear();
    map.set(key, { at: now, account });
    return account;
  }
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 30) throw AccountErrors.invalidField('account name must be 1-30 characters');
  return trimmed;
}

function checkIntro(intro: string): string {
  if (intro.length > 120) throw AccountErrors.invalidField('intro is limited to 120 characters');
  return intro;
}
