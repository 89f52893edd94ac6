/**
 * The one source of time for every rule in gzh (token expiry, quotas, windows, QR expiry).
 *
 * Modules never call `Date.now()`; they receive a {@link Clock}. In sandbox mode the clock can be
 * frozen and advanced so that tests and scripted followers can cross a token's 7200 s lifetime or
 * a quota's midnight reset without sleeping.
 */
export interface Clock {
  /** Current instant in epoch milliseconds. */
  nowMs(): number;
}

/** Unix seconds of the clock, the unit WeChat puts on the wire (`CreateTime`, `expires_in`). */
export function nowSeconds(clock: Clock): number {
  return Math.floor(clock.nowMs() / 1000);
}

/** Wall-clock time; used when sandbox controls are disabled. */
export const systemClock: Clock = { nowMs: () => Date.now() };

/** Serializable state of a {@link SandboxClock}; persisted so the CLI and the server agree. */
export interface SandboxClockState {
  /** Milliseconds added to wall-clock time. */
  offsetMs: number;
  /** When set, time stands still at this instant (epoch ms). */
  frozenAtMs: number | null;
}

/**
 * A clock that can be frozen, unfrozen, advanced and set, on top of a base clock.
 *
 * Advancing a running clock shifts its offset; advancing a frozen clock moves the frozen instant.
 * Unfreezing resumes from the frozen instant (time does not jump forward by the pause).
 */
export class SandboxClock implements Clock {
  private state: SandboxClockState = { offsetMs: 0, frozenAtMs: null };

  constructor(private readonly base: Clock = systemClock) {}

  nowMs(): number {
    return this.state.frozenAtMs ?? this.base.nowMs() + this.state.offsetMs;
  }

  getState(): SandboxClockState {
    return { ...this.state };
  }

  setState(state: SandboxClockState): void {
    this.state = { ...state };
  }

  freeze(): void {
    if (this.state.frozenAtMs === null) this.state.frozenAtMs = this.nowMs();
  }

  unfreeze(): void {
    if (this.state.frozenAtMs === null) return;
    this.state = { offsetMs: this.state.frozenAtMs - this.base.nowMs(), frozenAtMs: null };
  }

  advance(ms: number): void {
    if (this.state.frozenAtMs !== null) this.state.frozenAtMs += ms;
    else this.state.offsetMs += ms;
  }

  /** Jumps to an absolute instant, keeping the frozen/running mode. */
  set(atMs: number): void {
    if (this.state.frozenAtMs !== null) this.state.frozenAtMs = atMs;
    else this.state.offsetMs = atMs - this.base.nowMs();
  }

  /** Back to wall-clock time. */
  reset(): void {
    this.state = { offsetMs: 0, frozenAtMs: null };
  }
}

/** A clock for unit tests: it only moves when told to. */
export class ManualClock implements Clock {
  constructor(private ms: number = Date.UTC(2026, 0, 1, 0, 0, 0)) {}
  nowMs(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  set(ms: number): void {
    this.ms = ms;
  }
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses a human duration such as `2h`, `90s`, `1d12h`, `300` (seconds) into milliseconds.
 * Returns `null` for anything it cannot read, so callers can report a clear error.
 */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim();
  if (/^-?\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const sign = trimmed.startsWith('-') ? -1 : 1;
  const body = trimmed.replace(/^-/, '');
  const parts = body.match(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g);
  if (!parts || parts.join('') !== body) return null;
  let total = 0;
  for (const part of parts) {
    const [, value, unit] = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/.exec(part)!;
    total += Number(value) * UNIT_MS[unit!]!;
  }
  return sign * Math.round(total);
}
