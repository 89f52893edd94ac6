import { randomInt } from 'node:crypto';
import type { RealtimeBus } from '../../realtime/realtime-bus';
import { Topics } from '../../realtime/realtime-bus';
import type { Clock } from '../../shared/clock';
import { randomToken, sha256Hex } from '../../shared/ids';
import { AccountErrors } from '../accounts/account.errors';
import type { AccountService } from '../accounts/account.service';
import type { Account } from '../accounts/account.types';
import { isIpAllowed } from '../accounts/ip-whitelist';
import type { QuotaService } from '../quotas/quota.service';
import { TokenErrors } from './token.errors';
import type { StoredToken, TokenFamily, TokenRepo } from './token.repo';

/** Token lifetime, seconds (the `expires_in` WeChat returns). */
export const TOKEN_TTL_SECONDS = 7200;
/** How long a superseded token keeps working, and the stable token's re-issue threshold. */
export const TOKEN_GRACE_SECONDS = 300;
/** Forced stable refreshes closer together than this return the current token. */
export const FORCE_REFRESH_MIN_GAP_SECONDS = 30;

export interface TokenRequest {
  grantType: string | undefined;
  appid: string | undefined;
  secret: string | undefined;
  clientIp: string;
}

export interface IssuedToken {
  access_token: string;
  expires_in: number;
}

const CACHE_TTL_MS = 10_000;

/**
 * access_token issuance and checking, per spec/callback-protocol.md §7:
 * `cgi-bin/token` mints a new token on every call and leaves the previous one valid for five
 * minutes; `cgi-bin/stable_token` hands out the current token until fewer than five minutes
 * remain. The two families never affect each other. A token past its lifetime is `expired`
 * (42001, which every SDK refreshes on); an unknown or superseded one is `invalid` (40001).
 */
export class TokenService {
  /** Token value → stored token, with when it was read. */
  private readonly cache = new Map<string, { at: number; token: StoredToken }>();

  constructor(
    private readonly repo: TokenRepo,
    private readonly accounts: AccountService,
    private readonly quotas: QuotaService,
    private readonly clock: Clock,
    private readonly bus: RealtimeBus,
  ) {
    bus.subscribe(Topics.tokenSuperseded, (payload) => this.forget((payload as { hashes?: string[] }).hashes ?? []));
  }

  /** `GET cgi-bin/token`: checks the credentials and mints a new token. */
  async issue(req: TokenRequest): Promise<IssuedToken> {
    const account = await this.checkCredentials(req);
    await this.quotas.consume(account.id, '/cgi-bin/token');
    return this.mint(account, 'token');
  }

  /** `POST cgi-bin/stable_token`. */
  async issueStable(req: TokenRequest & { forceRefresh: boolean }): Promise<IssuedToken> {
    const account = await this.checkCredentials(req);
    await this.quotas.consume(account.id, '/cgi-bin/stable_token');
    const now = this.clock.nowMs();
    const current = await this.repo.latest(account.id, 'stable');
    const usable = current && current.supersededAt === null && current.expiresAt > now ? current : undefined;
    if (usable && usable.tokenValue) {
      const remaining = Math.floor((usable.expiresAt - now) / 1000);
      const recentlyIssued = now - usable.issuedAt < FORCE_REFRESH_MIN_GAP_SECONDS * 1000;
      if (req.forceRefresh ? recentlyIssued : remaining >= TOKEN_GRACE_SECONDS) {
        return { access_token: usable.tokenValue, expires_in: remaining };
      }
    }
    if (req.forceRefresh && usable) {
      await this.quotas.consume(account.id, '/cgi-bin/stable_token#force_refresh');
    }
    return this.mint(account, 'stable');
  }

  /**
   * Resolves an `access_token` query value to its account id, or throws
   * `token.missing` / `token.invalid` / `token.expired`.
   */
  async authenticate(accessToken: string | undefined): Promise<string> {
    if (!accessToken) throw TokenErrors.missing();
    if (accessToken.length > 1024) throw TokenErrors.invalid();
    const token = await this.lookup(accessToken);
    if (!token) throw TokenErrors.invalid();
    const now = this.clock.nowMs();
    if (token.supersededAt !== null && now >= token.supersededAt + TOKEN_GRACE_SECONDS * 1000) {
      throw TokenErrors.invalid();
    }
    if (now >= token.expiresAt) throw TokenErrors.expired();
    return token.accountId;
  }

  /** Invalidates every token of an account at once (after an AppSecret reset). */
  async revokeAll(accountId: string): Promise<void> {
    const hashes = await this.repo.revokeAll(accountId, this.clock.nowMs() - TOKEN_GRACE_SECONDS * 1000 - 1);
    this.forget(hashes);
    await this.bus.publish(Topics.tokenSuperseded, { hashes });
  }

  /** Housekeeping: drops tokens that expired more than a day ago. */
  purgeExpired(): Promise<number> {
    return this.repo.purgeExpired(this.clock.nowMs() - 86_400_000);
  }

  private async checkCredentials(req: TokenRequest): Promise<Account> {
    if (req.grantType !== 'client_credential') throw TokenErrors.grantTypeInvalid();
    if (!req.appid) throw AccountErrors.appidMissing();
    const account = /^wx[0-9a-f]{16}$/.test(req.appid) ? await this.accounts.getByAppId(req.appid) : undefined;
    if (!account) throw AccountErrors.appidInvalid();
    if (!req.secret) throw AccountErrors.secretMissing();
    if (!this.accounts.verifySecret(account, req.secret)) throw AccountErrors.secretInvalid();
    if (!isIpAllowed(account.ipWhitelist, req.clientIp)) throw AccountErrors.ipNotWhitelisted(req.clientIp);
    return account;
  }

  private async mint(account: Account, family: TokenFamily): Promise<IssuedToken> {
    const now = this.clock.nowMs();
    // Shaped like production tokens: a short numeric prefix, an underscore, then ~150 URL-safe chars.
    const value = `${randomInt(10, 99)}_${randomToken(150)}`;
    const token: StoredToken = {
      tokenHash: sha256Hex(value),
      accountId: account.id,
      family,
      tokenValue: family === 'stable' ? value : null,
      issuedAt: now,
      expiresAt: now + TOKEN_TTL_SECONDS * 1000,
      supersededAt: null,
    };
    const superseded = await this.repo.rotate(token, now);
    if (superseded.length) await this.bus.publish(Topics.tokenSuperseded, { hashes: superseded });
    return { access_token: value, expires_in: TOKEN_TTL_SECONDS };
  }

  /**
   * Finds a token, from memory when seen in the last few seconds. The cache is keyed by the token
   * itself so the hot path skips hashing; rotations elsewhere drop entries through the bus.
   */
  private async lookup(accessToken: string): Promise<StoredToken | undefined> {
    const at = performance.now();
    const hit = this.cache.get(accessToken);
    if (hit && at - hit.at < CACHE_TTL_MS) return hit.token;
    const token = await this.repo.findByHash(sha256Hex(accessToken));
    if (token) {
      if (this.cache.size > 50_000) this.cache.clear();
      this.cache.set(accessToken, { at, token });
    }
    return token;
  }

  private forget(hashes: string[]): void {
    if (!hashes.length) return;
    const gone = new Set(hashes);
    for (const [key, entry] of this.cache) if (gone.has(entry.token.tokenHash)) this.cache.delete(key);
  }
}
