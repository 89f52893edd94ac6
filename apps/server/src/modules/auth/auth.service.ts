import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../db/schema';
import type { Clock } from '../../shared/clock';
import { newId, randomToken, sha256Hex } from '../../shared/ids';
import { AuthErrors } from './auth.errors';
import { LoginLimiter } from './login-limiter';
import { hashPassword, verifyPassword } from './password';
import { ROLES, type ConsoleRole } from './permissions';

export interface ConsoleUser {
  id: string;
  organisationId: string;
  organisationName: string;
  username: string;
  displayName: string;
  role: ConsoleRole;
}

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  createdAt: number;
  lastUsedAt: number | null;
}

/** Session lifetime. */
export const SESSION_TTL_MS = 7 * 86_400_000;
const API_KEY_PREFIX = 'gzh_';

/**
 * Console users, cookie sessions and API keys. Passwords are scrypt hashes; session ids and API
 * keys are random and stored only as SHA-256 hashes, so a database leak does not leak logins.
 */
export class AuthService {
  private readonly limiter: LoginLimiter;

  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly clock: Clock,
  ) {
    this.limiter = new LoginLimiter(() => clock.nowMs());
  }

  async createUser(input: {
    organisationId: string;
    username: string;
    password: string;
    role: ConsoleRole;
    displayName?: string;
  }): Promise<ConsoleUser> {
    const username = input.username.trim();
    if (!/^[A-Za-z0-9_.@-]{3,64}$/.test(username)) {
      throw AuthErrors.invalidUser('username must be 3-64 letters, digits or _ . @ -');
    }
    if (input.password.length < 8) throw AuthErrors.invalidUser('password must be at least 8 characters');
    if (!ROLES.includes(input.role)) throw AuthErrors.invalidUser(`role must be one of ${ROLES.join(', ')}`);
    if (await this.db.selectFrom('console_users').select('id').where('username', '=', username).executeTakeFirst()) {
      throw AuthErrors.usernameTaken(username);
    }
    const id = newId('u');
    await this.db
      .insertInto('console_users')
      .values({
        id,
        organisation_id: input.organisationId,
        username,
        display_name: input.displayName?.trim() || username,
        password_hash: await hashPassword(input.password),
        role: input.role,
        disabled: 0,
        created_at: this.clock.nowMs(),
        last_login_at: null,
      })
      .execute();
    return (await this.userById(id))!;
  }

  /** Users of one organisation, for the console's user management. */
  async listUsers(organisationId: string): Promise<ConsoleUser[]> {
    const rows = await this.db
      .selectFrom('console_users')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .where('disabled', '=', 0)
      .orderBy('created_at')
      .execute();
    const users = await Promise.all(rows.map((r) => this.userById(r.id)));
    return users.filter((u): u is ConsoleUser => u !== undefined);
  }

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('console_users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Checks credentials (rate limited per user and IP) and opens a session. */
  async login(
    username: string,
    password: string,
    ip: string,
  ): Promise<{ user: ConsoleUser; sessionToken: string; csrfToken: string }> {
    const wait = this.limiter.retryAfter(username, ip);
    if (wait > 0) throw AuthErrors.rateLimited(wait);
    const row = await this.db
      .selectFrom('console_users')
      .select(['id', 'password_hash', 'disabled'])
      .where('username', '=', username.trim())
      .executeTakeFirst();
    const ok = row ? await verifyPassword(password, row.password_hash) : await verifyPassword(password, DUMMY_HASH);
    if (!row || !ok || row.disabled) {
      this.limiter.fail(username, ip);
      throw AuthErrors.badCredentials();
    }
    this.limiter.succeed(username, ip);
    const sessionToken = randomToken(43);
    const csrfToken = randomToken(32);
    const now = this.clock.nowMs();
    await this.db
      .insertInto('console_sessions')
      .values({
        id_hash: sha256Hex(sessionToken),
        user_id: row.id,
        csrf_token: csrfToken,
        created_at: now,
        expires_at: now + SESSION_TTL_MS,
      })
      .execute();
    await this.db.updateTable('console_users').set({ last_login_at: now }).where('id', '=', row.id).execute();
    return { user: (await this.userById(row.id))!, sessionToken, csrfToken };
  }

  /** Resolves a session cookie; `undefined` when unknown or expired. */
  async session(sessionToken: string | undefined): Promise<{ user: ConsoleUser; csrfToken: string } | undefined> {
    if (!sessionToken || sessionToken.length > 200) return undefined;
    const row = await this.db
      .selectFrom('console_sessions')
      .select(['user_id', 'csrf_token', 'expires_at'])
      .where('id_hash', '=', sha256Hex(sessionToken))
      .executeTakeFirst();
    if (!row || row.expires_at <= this.clock.nowMs()) return undefined;
    const user = await this.userById(row.user_id);
    return user && { user, csrfToken: row.csrf_token };
  }

  async logout(sessionToken: string | undefined): Promise<void> {
    if (!sessionToken) return;
    await this.db.deleteFrom('console_sessions').where('id_hash', '=', sha256Hex(sessionToken)).execute();
  }

  /** Creates an API key for automation; the key is returned once. */
  async createApiKey(user: ConsoleUser, name: string): Promise<{ key: string; view: ApiKeyView }> {
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 64) throw AuthErrors.invalidUser('API key name must be 1-64 characters');
    const key = API_KEY_PREFIX + randomToken(40);
    const view: ApiKeyView = {
      id: newId('key'),
      name: trimmed,
      prefix: key.slice(0, 10),
      createdAt: this.clock.nowMs(),
      lastUsedAt: null,
    };
    await this.db
      .insertInto('api_keys')
      .values({
        id: view.id,
        organisation_id: user.organisationId,
        user_id: user.id,
        name: view.name,
        prefix: view.prefix,
        key_hash: sha256Hex(key),
        created_at: view.createdAt,
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    return { key, view };
  }

  async listApiKeys(organisationId: string): Promise<ApiKeyView[]> {
    const rows = await this.db
      .selectFrom('api_keys')
      .select(['id', 'name', 'prefix', 'created_at', 'last_used_at'])
      .where('organisation_id', '=', organisationId)
      .where('revoked_at', 'is', null)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, prefix: r.prefix, createdAt: r.created_at, lastUsedAt: r.last_used_at }));
  }

  async revokeApiKey(organisationId: string, id: string): Promise<void> {
    const res = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: this.clock.nowMs() })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw AuthErrors.apiKeyNotFound();
  }

  /** Resolves an API key (acts as the user who created it). */
  async authenticateApiKey(key: string): Promise<ConsoleUser | undefined> {
    if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) return undefined;
    const row = await this.db
      .selectFrom('api_keys')
      .select(['id', 'user_id'])
      .where('key_hash', '=', sha256Hex(key))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) return undefined;
    await this.db.updateTable('api_keys').set({ last_used_at: this.clock.nowMs() }).where('id', '=', row.id).execute();
    return this.userById(row.user_id);
  }

  async userById(id: string): Promise<ConsoleUser | undefined> {
    const row = await this.db
      .selectFrom('console_users')
      .innerJoin('organisations', 'organisations.id', 'console_users.organisation_id')
      .select([
        'console_users.id',
        'console_users.organisation_id',
        'organisations.name as organisation_name',
        'console_users.username',
        'console_users.display_name',
        'console_users.role',
        'console_users.disabled',
      ])
      .where('console_users.id', '=', id)
      .executeTakeFirst();
    if (!row || row.disabled) return undefined;
    return {
      id: row.id,
      organisationId: row.organisation_id,
      organisationName: row.organisation_name,
      username: row.username,
      displayName: row.display_name,
      role: row.role as ConsoleRole,
    };
  }
}

/** Verified against when the username does not exist, so timing does not reveal usernames. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
