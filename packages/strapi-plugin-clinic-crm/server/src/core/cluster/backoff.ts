/**
 * How long to wait before reconnecting after the `attempt`-th failure in a row (0 = the first):
 * `firstMs` doubling up to `maxMs`, then spread over [½, 1] of that so that instances that lost
 * the database together do not come back in lock-step.
 */
export const reconnectDelay = (attempt: number, { firstMs = 100, maxMs = 5000 }: { firstMs?: number; maxMs?: number } = {}, random: () => number = Math.random): number => {
  const ceiling = Math.min(maxMs, firstMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.round(ceiling * (0.5 + 0.5 * Math.min(1, Math.max(0, random()))));
};
