import { describe, expect, it } from 'vitest';
import { coalescedRefresh } from './upload.ts';

describe('coalescedRefresh', () => {
  it('runs once for a caller alone, and once more for all who came while it ran', async () => {
    let runs = 0;
    const releases: (() => void)[] = [];
    const refresh = coalescedRefresh(
      () =>
        new Promise<void>((resolve) => {
          runs++;
          releases.push(resolve);
        }),
    );
    const first = refresh();
    expect(runs).toBe(1);
    // three uploads land while the first rebuild runs: they share the next one
    const later = [refresh(), refresh(), refresh()];
    expect(runs).toBe(1);
    releases.shift()!();
    await first;
    await new Promise((r) => setImmediate(r));
    expect(runs).toBe(2);
    releases.shift()!();
    await Promise.all(later);
    expect(runs).toBe(2);
    // idle again: the next caller starts its own
    const again = refresh();
    expect(runs).toBe(3);
    releases.shift()!();
    await again;
  });

  it('still runs for the waiting callers when the running rebuild failed', async () => {
    let runs = 0;
    const refresh = coalescedRefresh(async () => {
      runs++;
      if (runs === 1) throw new Error('disk full');
    });
    const first = refresh();
    const second = refresh();
    await expect(first).rejects.toThrow('disk full');
    await expect(second).resolves.toBeUndefined();
    expect(runs).toBe(2);
  });
});
