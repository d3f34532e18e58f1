import { reconnectDelay } from './backoff';

describe('reconnect backoff', () => {
  it('doubles from the first delay up to the cap', () => {
    const top = () => 1;
    expect([0, 1, 2, 3, 4, 5, 6, 10, 1000].map((n) => reconnectDelay(n, { firstMs: 100, maxMs: 5000 }, top))).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000]);
  });

  it('spreads each delay over its upper half so that instances do not reconnect in lock-step', () => {
    expect(reconnectDelay(3, { firstMs: 100, maxMs: 5000 }, () => 0)).toBe(400);
    expect(reconnectDelay(3, { firstMs: 100, maxMs: 5000 }, () => 0.5)).toBe(600);
    expect(reconnectDelay(-1, {}, () => 1)).toBe(100);
  });
});
