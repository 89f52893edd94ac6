/**
 * Counts failed console logins per (username, IP) and per IP, and refuses further attempts for a
 * while once a limit is reached. In memory: a restart forgets, which only ever helps the owner.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly now: () => number,
    private readonly maxPerUser = 5,
    private readonly maxPerIp = 20,
    private readonly windowMs = 15 * 60_000,
  ) {}

  /** Seconds to wait before another attempt is allowed, or 0. */
  retryAfter(username: string, ip: string): number {
    const user = this.recent(`u:${username.toLowerCase()}|${ip}`);
    const host = this.recent(`ip:${ip}`);
    const blocking = [
      user.length >= this.maxPerUser ? user[user.length - this.maxPerUser]! : 0,
      host.length >= this.maxPerIp ? host[host.length - this.maxPerIp]! : 0,
    ].filter(Boolean);
    if (!blocking.length) return 0;
    return Math.max(1, Math.ceil((Math.max(...blocking) + this.windowMs - this.now()) / 1000));
  }

  fail(username: string, ip: string): void {
    for (const key of [`u:${username.toLowerCase()}|${ip}`, `ip:${ip}`]) {
      const list = this.recent(key);
      list.push(this.now());
      this.failures.set(key, list);
    }
    if (this.failures.size > 100_000) this.failures.clear();
  }

  succeed(username: string, ip: string): void {
    this.failures.delete(`u:${username.toLowerCase()}|${ip}`);
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > cutoff);
  }
}
