/** A copy of `list` with the items at `from` and `to` exchanged; unchanged when either is out of range. */
export function swap<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const a = next[from];
  const b = next[to];
  if (a === undefined || b === undefined) return next;
  next[from] = b;
  next[to] = a;
  return next;
}
