import { afterAll, describe, expect, it } from 'vitest';
import type { EtlProgress } from '../../etl/runner.ts';
import { BASE_DIMENSIONS, EtlFixture } from '../support/fixtures.ts';

let fx: EtlFixture;
afterAll(() => fx?.cleanup());

describe('progress', () => {
  it('long steps report DuckDB progress with their name; files, rows and layers are reported too', async () => {
    const items = ['order_id,line_number,product_id,quantity,unit_price,discount_amount'];
    for (let i = 0; i < 600_000; i++) items.push(`o${i % 1000},${i},p${1 + (i % 2)},1,2.50,`);
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders.csv': `order_id,customer_id,order_ts,status\n${Array.from({ length: 1000 }, (_, i) => `o${i},u1,2025-01-01,placed`).join('\n')}\n`,
      'order_items.csv': `${items.join('\n')}\n`,
    });
    const events: EtlProgress[] = [];
    // Polled every 5 ms, even this small load reports DuckDB's progress on it.
    const result = await fx.run({ onProgress: (e) => events.push(e), progressEveryMs: 5 });
    expect(result.exitCode).toBe(0);
    const progress = events.filter((e) => e.kind === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    for (const e of progress) {
      expect(e.percent).toBeGreaterThan(0);
      expect(e.percent).toBeLessThanOrEqual(100);
      expect(e.step).toMatch(
        /^(loading [a-z_]+ \(\d+ files?\)|building (silver|gold|temp)\.[a-z_]+|preparing silver and gold)$/,
      );
    }
    expect(
      events.filter((e) => e.kind === 'loaded').map((e) => (e.kind === 'loaded' ? e.file : '')),
    ).toContain('order_items.csv');
    expect(events.some((e) => e.kind === 'layer' && e.model === 'gold.monthly_kpis')).toBe(true);
  });
});
