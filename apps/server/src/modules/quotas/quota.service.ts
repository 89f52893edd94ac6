import type { Clock } from '../../shared/clock';
import { CLEAR_QUOTA_MONTHLY_LIMIT, dailyLimitOf, quotaKeyOf } from './quota.limits';
import { QuotaErrors } from './quota.errors';
import type { QuotaRepo } from './quota.repo';

export interface QuotaStatus {
  daily_limit: number;
  used: number;
  remain: number;
}

interface Counter {
  /** Calls counted, including ones not yet written to the database. */
  used: number;
  /** Calls not yet written. */
  pending: number;
}

/**
 * Per-account, per-API daily quotas (45009), counted exactly and reset at local midnight of the
 * configured UTC offset (Beijing time by default, as on WeChat).
 *
 * Counting sits on every open-API call, so counters live in memory and are written behind to the
 * database about once a second; a restart loses at most that second. Several nodes sharing one
 * PostgreSQL database each add their own increments to the same rows, so totals stay right, but a
 * node only sees other nodes' calls when it loads a counter — exact cross-node enforcement is the
 * Redis adapter's job.
 */
export class QuotaService {
  private readonly counters = new Map<string, Counter>();
  private readonly loading = new Map<string, Promise<Counter>>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly repo: QuotaRepo,
    private readonly clock: Clock,
    private readonly utcOffsetMinutes: number,
  ) {}

  /** Starts the write-behind timer. */
  start(intervalMs = 1000): void {
    this.timer ??= setInterval(() => void this.flush().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and writes every pending count. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  /** Counts one call of `api`; throws `quota.daily_exceeded` (45009) once the day's limit is used. */
  async consume(accountId: string, path: string): Promise<void> {
    const api = quotaKeyOf(path);
    const day = this.dayKey();
    const key = `${accountId}|${api}|${day}`;
    // Loaded counters are counted without a microtask hop: this runs on every open-API call.
    const counter = this.counters.get(key) ?? (await this.load(key, accountId, api, day));
    if (counter.used >= dailyLimitOf(api)) throw QuotaErrors.dailyExceeded(api);
    counter.used++;
    counter.pending++;
  }

  /** Today's usage of one API (`openapi/quota/get`). */
  async status(accountId: string, path: string): Promise<QuotaStatus> {
    const api = quotaKeyOf(path);
    const day = this.dayKey();
    const key = `${accountId}|${api}|${day}`;
    const counter = this.counters.get(key) ?? (await this.load(key, accountId, api, day));
    const limit = dailyLimitOf(api);
    return { daily_limit: limit, used: counter.used, remain: Math.max(0, limit - counter.used) };
  }

  /**
   * `clear_quota`: resets every counter of the account for today; at most
   * {@link CLEAR_QUOTA_MONTHLY_LIMIT} times a calendar month (48006 beyond).
   * With `api`, resets one API's counter (`openapi/quota/clear`), with its own monthly allowance.
   */
  async clear(accountId: string, path?: string): Promise<void> {
    const api = path === undefined ? undefined : quotaKeyOf(path);
    const scope = api ?? 'all';
    const month = this.dayKey().slice(0, 7);
    if ((await this.repo.countClears(accountId, month, scope)) >= CLEAR_QUOTA_MONTHLY_LIMIT) {
      throw QuotaErrors.clearLimit();
    }
    await this.flush();
    const day = this.dayKey();
    await this.repo.reset(accountId, day, api);
    await this.repo.recordClear(accountId, month, scope, this.clock.nowMs());
    for (const key of [...this.counters.keys()]) {
      const [acc, keyApi, keyDay] = key.split('|');
      if (acc === accountId && keyDay === day && (!api || keyApi === api)) this.counters.delete(key);
    }
  }

  /** Clears allowed this month for a scope (shown in the console). */
  async clearsLeft(accountId: string, api?: string): Promise<number> {
    const month = this.dayKey().slice(0, 7);
    return CLEAR_QUOTA_MONTHLY_LIMIT - (await this.repo.countClears(accountId, month, api ?? 'all'));
  }

  /** Writes pending counts; also forgets counters of past days. */
  async flush(): Promise<void> {
    const today = this.dayKey();
    for (const [key, counter] of this.counters) {
      const [accountId, api, day] = key.split('|') as [string, string, string];
      if (counter.pending > 0) {
        const delta = counter.pending;
        counter.pending = 0;
        try {
          await this.repo.add(accountId, api, day, delta);
        } catch (error) {
          counter.pending += delta;
          throw error;
        }
      }
      if (day !== today) this.counters.delete(key);
    }
  }

  /** Local date `YYYY-MM-DD` in the quota time zone (cached until the clock leaves that day). */
  dayKey(): string {
    const local = this.clock.nowMs() + this.utcOffsetMinutes * 60_000;
    if (local < this.day.from || local >= this.day.to) {
      const from = local - (((local % 86_400_000) + 86_400_000) % 86_400_000);
      this.day = { key: new Date(from).toISOString().slice(0, 10), from, to: from + 86_400_000 };
    }
    return this.day.key;
  }

  private day = { key: '', from: 0, to: 0 };

  private load(key: string, accountId: string, api: string, day: string): Promise<Counter> {
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.repo
        .used(accountId, api, day)
        .then((used) => {
          const counter = this.counters.get(key) ?? { used, pending: 0 };
          this.counters.set(key, counter);
          return counter;
        })
        .finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }
}
