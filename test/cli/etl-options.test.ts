import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseMaxRejected } from '../../src/cli/etl.ts';
import { InvalidArgumentError } from '../../src/errors.ts';
import { shopstat } from '../support/cli.ts';
import { BASE_DIMENSIONS, EtlFixture, tempDir } from '../support/fixtures.ts';

const ORDERS_HEADER = 'order_id,customer_id,order_ts,channel,payment_method,status,currency\n';
/** 120 records, every one a day-first timestamp (bad_timestamp): past the default 25% from 100 records. */
const ALL_BAD = `${ORDERS_HEADER}${Array.from({ length: 120 }, (_, i) => `o${i},u1,15/01/2025 10:00,web,card,placed,EUR\n`).join('')}`;

let fx: EtlFixture | null = null;
afterEach(() => {
  fx?.cleanup();
  fx = null;
});

describe('parseMaxRejected', () => {
  it.each([
    ['10%', 0.1],
    ['0.25', 0.25],
    ['0', 0],
    ['1', 1],
    ['100%', 1],
    ['.5', 0.5],
  ])('%s is a share of %s, with the default minimum rows and rows kept', (text, share) => {
    expect(parseMaxRejected(text)).toEqual({ share, minRows: 100, keep: 100 });
  });

  it.each(['abc', '150%', '1.5', '-0.1', '', '10 %%', 'NaN'])('%j is refused naming the value', (text) => {
    expect(() => parseMaxRejected(text)).toThrow(InvalidArgumentError);
    expect(() => parseMaxRejected(text)).toThrow(
      `etl: --max-rejected must be a share from 0 to 1 or a percentage from 0% to 100% (e.g. 0.1 or 10%), got ${JSON.stringify(text)}`,
    );
  });
});

describe('shopstat etl options', () => {
  it('--help states the default of --max-rejected and offers --follow-symlinks', () => {
    const r = shopstat('etl', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('from 100 rows on (default: "25%")');
    expect(r.stdout).toContain('--follow-symlinks');
  });

  it('--max-rejected with a bad value is a usage error (exit 2) naming it', () => {
    fx = new EtlFixture(BASE_DIMENSIONS);
    const r = shopstat('etl', '--landing', fx.landing, '--warehouse', fx.warehouse, '--max-rejected', '2');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--max-rejected must be a share from 0 to 1');
    expect(r.stderr).toContain('got "2"');
  });

  it('--max-rejected 100% loads a file whose every row is rejected row by row, which the default rejects whole', () => {
    fx = new EtlFixture({ ...BASE_DIMENSIONS, 'orders.csv': ALL_BAD });
    const lifted = shopstat(
      'etl',
      '--landing',
      fx.landing,
      '--warehouse',
      fx.warehouse,
      '--json',
      '--max-rejected',
      '100%',
    );
    expect(lifted.code).toBe(0);
    const result = JSON.parse(lifted.stdout);
    expect(result.options.maxRejected).toEqual({ share: 1, minRows: 100, keep: 100 });
    expect(result.files.find((f: { file: string }) => f.file === 'orders.csv')).toMatchObject({
      action: 'load',
      rowsRejected: 120,
    });
    const other = new EtlFixture({ ...BASE_DIMENSIONS, 'orders.csv': ALL_BAD });
    try {
      const byDefault = shopstat(
        'etl',
        '--landing',
        other.landing,
        '--warehouse',
        other.warehouse,
        '--quiet',
      );
      expect(byDefault.code).toBe(2);
      expect(byDefault.stdout).toContain('reject     orders.csv: 120 of its 120 rows (100%) were rejected');
    } finally {
      other.cleanup();
    }
  });

  it('--follow-symlinks reads a symlink out of the landing folder, which is rejected without it', () => {
    const outside = tempDir();
    try {
      writeFileSync(
        join(outside.dir, 'orders.csv'),
        `${ORDERS_HEADER}o1,u1,2025-01-15 10:00:00,web,card,placed,EUR\n`,
      );
      fx = new EtlFixture(BASE_DIMENSIONS);
      symlinkSync(join(outside.dir, 'orders.csv'), join(fx.landing, 'orders.csv'));
      const refused = shopstat('etl', '--landing', fx.landing, '--warehouse', fx.warehouse, '--quiet');
      expect(refused.code).toBe(2);
      expect(refused.stdout).toContain(
        'reject     orders.csv: is a symlink to a file outside the landing folder',
      );
      const followed = shopstat(
        'etl',
        '--landing',
        fx.landing,
        '--warehouse',
        fx.warehouse,
        '--quiet',
        '--follow-symlinks',
      );
      expect(followed.code).toBe(0);
      expect(followed.stdout).toContain('load       orders.csv: 1 read, 1 accepted, 0 quarantined');
    } finally {
      outside.cleanup();
    }
  });

  it("the summary keeps this run's rows apart from the checks over the whole warehouse", () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders_1.csv': `${ORDERS_HEADER}o1,u1,2025-01-15 10:00:00,web,card,lost,EUR\n`,
    });
    shopstat('etl', '--landing', fx.landing, '--warehouse', fx.warehouse, '--quiet');
    writeFileSync(
      join(fx.landing, 'orders_2.csv'),
      `${ORDERS_HEADER}o2,u1,2025-01-15 10:00:00,web,card,placed,EUR\n`,
    );
    const r = shopstat('etl', '--landing', fx.landing, '--warehouse', fx.warehouse, '--quiet');
    expect(r.code).toBe(0);
    // This run quarantined nothing; quarantine holds the first run's row.
    expect(r.stdout).toContain('this run: 1 rows read, 1 accepted, 0 quarantined;');
    expect(r.stdout).toContain(
      'checks over the whole warehouse (all runs):\n  warn  rows rejected to quarantine: 1',
    );
  });
});
