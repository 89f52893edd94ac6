import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../db/schema';
import type { SandboxClock, SandboxClockState } from '../../shared/clock';
import { parseDuration } from '../../shared/clock';
import { AppError } from '../../shared/errors';

export type ClockActionName = 'freeze' | 'unfreeze' | 'advance' | 'set' | 'reset';

export interface ClockView {
  sandbox: boolean;
  nowMs: number;
  now: string;
  frozen: boolean;
  offsetMs: number;
}

const SETTINGS_KEY = 'sandbox.clock';

/**
 * Sandbox control of the server clock: freeze, advance, set, reset. The state is stored in the
 * database so that `gzh clock advance 2h` from the CLI moves the clock of a server running on the
 * same data directory; the server re-reads it every second (and immediately after its own
 * changes).
 */
export class ClockControlService {
  private timer: NodeJS.Timeout | undefined;
  private lastSeen = '';

  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly clock: SandboxClock,
    private readonly enabled: boolean,
  ) {}

  /** Loads the persisted state and starts following changes made by other processes. */
  async start(pollMs = 1000): Promise<void> {
    if (!this.enabled) return;
    await this.reload();
    this.timer ??= setInterval(() => void this.reload().catch(() => undefined), pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  view(): ClockView {
    const state = this.clock.getState();
    const nowMs = this.clock.nowMs();
    return {
      sandbox: this.enabled,
      nowMs,
      now: new Date(nowMs).toISOString(),
      frozen: state.frozenAtMs !== null,
      offsetMs: state.frozenAtMs === null ? state.offsetMs : 0,
    };
  }

  /** Applies an action and persists it. `by` is a duration (`2h`), `to` an ISO time or epoch ms. */
  async apply(action: ClockActionName, options: { by?: string; to?: string | number } = {}): Promise<ClockView> {
    if (!this.enabled) throw new AppError('sandbox.disabled', 'sandbox clock controls are disabled (GZH_SANDBOX=false)');
    await this.reload();
    switch (action) {
      case 'freeze':
        this.clock.freeze();
        break;
      case 'unfreeze':
        this.clock.unfreeze();
        break;
      case 'reset':
        this.clock.reset();
        break;
      case 'advance': {
        const ms = options.by === undefined ? null : parseDuration(options.by);
        if (ms === null)
          throw new AppError('sandbox.invalid_duration', `cannot read duration "${options.by ?? ''}" (try 2h, 90s, 1d12h)`);
        this.clock.advance(ms);
        break;
      }
      case 'set': {
        const at = typeof options.to === 'number' ? options.to : options.to ? Date.parse(options.to) : NaN;
        if (!Number.isFinite(at)) throw new AppError('sandbox.invalid_time', `cannot read time "${String(options.to ?? '')}"`);
        this.clock.set(at);
        break;
      }
      default:
        throw new AppError('sandbox.invalid_action', `unknown clock action ${String(action)}`);
    }
    await this.persist(this.clock.getState());
    return this.view();
  }

  private async reload(): Promise<void> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
    const text = row?.value ?? '';
    if (text === this.lastSeen) return;
    this.lastSeen = text;
    this.clock.setState(text ? (JSON.parse(text) as SandboxClockState) : { offsetMs: 0, frozenAtMs: null });
  }

  private async persist(state: SandboxClockState): Promise<void> {
    const value = JSON.stringify(state);
    await this.db
      .insertInto('settings')
      .values({ key: SETTINGS_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
    this.lastSeen = value;
  }
}
