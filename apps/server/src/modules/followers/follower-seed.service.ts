import type { Insertable } from 'kysely';
import type { FollowersTable, PersonsTable } from '../../db/schema';
import type { Clock } from '../../shared/clock';
import { deriveOpenId, deriveUnionId, newId } from '../../shared/ids';
import type { AccountService } from '../accounts/account.service';
import type { OrganisationService } from '../organisations/organisation.service';
import { FollowerErrors } from './follower.errors';
import type { FollowerRepo } from './follower.repo';
import type { SubscribeScene } from './follower.types';

/** Rows per INSERT statement: 2,000 × 15 columns stays under SQLite's 32,766 bound parameters. */
const ROWS_PER_STATEMENT = 2_000;
/** Rows per transaction. */
const ROWS_PER_TRANSACTION = 20_000;
const MAX_SEED = 10_000_000;

const SCENES: SubscribeScene[] = ['ADD_SCENE_SEARCH', 'ADD_SCENE_QR_CODE', 'ADD_SCENE_PROFILE_CARD', 'ADD_SCENE_OTHERS'];

/** Runs work inside one database transaction; supplied by the composition root. */
export type InTransaction = <T>(work: (repo: FollowerRepo) => Promise<T>) => Promise<T>;

/**
 * Adds synthetic followers in bulk (load tests, demos, fan-out benchmarks): one new person per
 * follower, multi-row inserts inside large transactions, OpenIDs derived exactly as for real
 * follows. Subscribe times spread over the past year.
 */
export class FollowerSeedService {
  constructor(
    private readonly accounts: AccountService,
    private readonly organisations: OrganisationService,
    private readonly inTransaction: InTransaction,
    private readonly clock: Clock,
    /** Updates the planner's statistics after a bulk load (PostgreSQL; see services.ts). */
    private readonly refreshStatistics: () => Promise<void> = () => Promise.resolve(),
  ) {}

  async seed(appid: string, count: number, onProgress?: (done: number, total: number) => void): Promise<number> {
    if (!Number.isSafeInteger(count) || count < 1 || count > MAX_SEED) {
      throw FollowerErrors.invalidPerson(`count must be between 1 and ${MAX_SEED}`);
    }
    const account = await this.accounts.requireByAppId(appid);
    const organisation = (await this.organisations.findById(account.organisationId))!;
    const now = this.clock.nowMs();
    const batchTag = newId('s', 6).slice(2);
    let done = 0;
    while (done < count) {
      const size = Math.min(ROWS_PER_TRANSACTION, count - done);
      const persons: Insertable<PersonsTable>[] = [];
      const followers: Insertable<FollowersTable>[] = [];
      for (let i = 0; i < size; i++) {
        const ordinal = done + i + 1;
        const personId = `p_${batchTag}${ordinal.toString(36).padStart(6, '0')}`;
        const subscribedAt = now - Math.floor(Math.random() * 365 * 86_400_000);
        persons.push({
          id: personId,
          nickname: `粉丝${ordinal}`,
          avatar_url: '',
          sex: 0,
          country: '',
          province: '',
          city: '',
          language: 'zh_CN',
          platform: 1 + (ordinal % 3),
          token_hash: null,
          created_at: subscribedAt,
        });
        followers.push({
          account_id: account.id,
          person_id: personId,
          openid: deriveOpenId(account.openidSalt, personId),
          unionid: deriveUnionId(organisation.unionidSalt, personId),
          subscribed: 1,
          subscribe_time: subscribedAt,
          unsubscribe_time: null,
          subscribe_scene: SCENES[ordinal % SCENES.length]!,
          qr_scene: null,
          qr_scene_str: null,
          remark: '',
          blacklisted: 0,
          blacklisted_at: null,
          created_at: subscribedAt,
          updated_at: subscribedAt,
        });
      }
      // OpenIDs are random: inserting them in order walks the index once instead of hopping.
      followers.sort((a, b) => (a.openid < b.openid ? -1 : 1));
      await this.inTransaction(async (repo) => {
        for (let offset = 0; offset < size; offset += ROWS_PER_STATEMENT) {
          await repo.insertPersons(persons.slice(offset, offset + ROWS_PER_STATEMENT));
        }
        for (let offset = 0; offset < size; offset += ROWS_PER_STATEMENT) {
          await repo.insertFollowers(followers.slice(offset, offset + ROWS_PER_STATEMENT));
        }
      });
      done += size;
      onProgress?.(done, count);
    }
    await this.refreshStatistics();
    return done;
  }
}
