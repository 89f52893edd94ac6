/**
 * A limit on work in flight per account: at most `perAccount` at once, the rest wait in arrival
 * order. Pushes go through it so that one slow developer server holds up its own account's
 * pushes only, never another account's.
 */
export class AccountLanes {
  private readonly lanes = new Map<string, { active: number; waiting: (() => void)[] }>();

  constructor(private readonly perAccount: number) {}

  async run<T>(accountId: string, work: () => Promise<T>): Promise<T> {
    let lane = this.lanes.get(accountId);
    if (!lane) this.lanes.set(accountId, (lane = { active: 0, waiting: [] }));
    if (lane.active >= this.perAccount) await new Promise<void>((resolve) => lane.waiting.push(resolve));
    lane.active++;
    try {
      return await work();
    } finally {
      lane.active--;
      const next = lane.waiting.shift();
      if (next) next();
      else if (lane.active === 0) this.lanes.delete(accountId);
    }
  }
}
