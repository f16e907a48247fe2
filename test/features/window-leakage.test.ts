import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeatureContext } from '../../src/features/types.ts';
import { parseWindowSpec, windowFeatures } from '../../src/features/windows.ts';
import { Warehouse } from '../../src/warehouse/index.ts';
import { mulberry32 } from '../support/prng.ts';
import { contextOf, featureRows } from './window-fixture.ts';

// Property test: on random tables (seeded), every training feature equals the same aggregate
// computed here in TypeScript over the rows of the same group strictly before the row's date.
// The oracle shares no code with src/features.

interface Row {
  id: number;
  g: string;
  ch: string;
  day: number; // days since 2024-01-01
  v: number | null;
}

function randomRows(seed: number, n: number): Row[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    g: pick(['a', 'b', 'c']),
    ch: pick(['x', 'y']),
    day: Math.floor(rnd() * 60), // 3 groups x 60 days x n rows: gaps and same-day rows both occur
    v: rnd() < 0.1 ? null : Math.floor(rnd() * 151) - 50,
  }));
}

function isoDay(day: number): string {
  return new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
}

type Agg = 'sum' | 'mean' | 'count' | 'min' | 'max';

function aggregate(agg: Agg, rows: readonly Row[]): number | null {
  const xs = rows.map((r) => r.v).filter((v): v is number => v !== null);
  if (agg === 'count') return xs.length;
  if (xs.length === 0) return null;
  if (agg === 'sum') return xs.reduce((a, b) => a + b, 0);
  if (agg === 'mean') return xs.reduce((a, b) => a + b, 0) / xs.length;
  return agg === 'min' ? Math.min(...xs) : Math.max(...xs);
}

/** The oracle: the expected value of one spec text for one row, training or not (day windows / expanding only). */
function expected(spec: string, row: Row, all: readonly Row[], training: boolean): number | null {
  const [head = '', byText = ''] = spec.split('@');
  const by = byText.split(',') as ('g' | 'ch')[];
  const group = all
    .filter((r) => by.every((col) => r[col] === row[col]))
    .sort((p, q) => p.day - q.day || p.id - q.id);
  const earlier = group.filter((r) => (training ? r.day < row.day : r.day <= row.day));
  const [op = '', , arg = ''] = head.split(':');
  if (op === 'days_since_previous') {
    const last = earlier.at(-1);
    return last === undefined ? null : row.day - last.day;
  }
  if (op === 'lag') return earlier[earlier.length - Number(arg)]?.v ?? null;
  if (op.startsWith('expanding_')) return aggregate(op.slice('expanding_'.length) as Agg, earlier);
  const n = Number(arg.slice(0, -1));
  if (arg.endsWith('d')) {
    const from = training ? row.day - n : row.day - n + 1;
    return aggregate(
      op as Agg,
      earlier.filter((r) => r.day >= from),
    );
  }
  return aggregate(op as Agg, earlier.slice(-n));
}

const AGGS = ['sum', 'mean', 'count', 'min', 'max'];
const TRAINING_SPECS = [
  'lag:v:1@g',
  'lag:v:3@g',
  'lag:v:2@g,ch',
  ...AGGS.map((a) => `${a}:v:7d@g`),
  ...AGGS.map((a) => `${a}:v:3r@g`),
  ...AGGS.map((a) => `${a}:v:1d@g,ch`),
  'expanding_sum:v@g',
  'expanding_mean:v@g',
  'expanding_count:v@g,ch',
  'days_since_previous@g',
];
const INCLUSIVE_SPECS = [...AGGS.map((a) => `${a}:v:7d@g`), 'expanding_sum:v@g', 'expanding_count:v@g,ch'];

let wh: Warehouse;
afterEach(() => wh.close());
beforeEach(async () => {
  wh = await Warehouse.open(':memory:');
});

async function load(rows: readonly Row[]): Promise<FeatureContext> {
  const values = rows
    .map((r) => `(${r.id}, '${r.g}', '${r.ch}', date '${isoDay(r.day)}', ${r.v === null ? 'null' : r.v})`)
    .join(', ');
  await wh.run(`create or replace table o (id integer, g varchar, ch varchar, d date, v integer)`);
  await wh.run(`insert into o values ${values}`);
  return contextOf(wh, 'o', 'd');
}

function check(
  spec: string,
  rows: readonly Row[],
  got: readonly Record<string, unknown>[],
  name: string,
  training: boolean,
): void {
  rows.forEach((row, i) => {
    const want = expected(spec, row, rows, training);
    const actual = got[i]?.[name];
    const where = `${spec} row ${row.id}`;
    if (want === null) expect(actual, where).toBeNull();
    else expect(Number(actual), where).toBeCloseTo(want, 9);
  });
}

describe('windowFeatures training mode never sees the current date or later', () => {
  it.each([1, 2, 3, 4, 5])(
    'equals the aggregate over the group rows strictly before the date (seed %i)',
    async (seed) => {
      const rows = randomRows(seed, 120);
      const ctx = await load(rows);
      const set = windowFeatures(ctx, TRAINING_SPECS.map(parseWindowSpec), { training: true, order: 'id' });
      const got = await featureRows(wh, set);
      for (const [j, spec] of TRAINING_SPECS.entries())
        check(spec, rows, got, set.columns[j]?.name ?? '', true);
      // group boundaries: the first date of each group has no lag and nothing before it
      for (const row of rows) {
        const first = !rows.some((r) => r.g === row.g && r.day < row.day);
        if (first) expect(got[row.id - 1]?.v_lag_1_by_g, `row ${row.id}`).toBeNull();
        if (first) expect(got[row.id - 1]?.v_expanding_sum_by_g, `row ${row.id}`).toBeNull();
      }
    },
  );

  it.each([6, 7])(
    'outside training, day windows and expanding aggregates include the whole date (seed %i)',
    async (seed) => {
      const rows = randomRows(seed, 120);
      const ctx = await load(rows);
      const set = windowFeatures(ctx, INCLUSIVE_SPECS.map(parseWindowSpec), { order: 'id' });
      const got = await featureRows(wh, set);
      for (const [j, spec] of INCLUSIVE_SPECS.entries())
        check(spec, rows, got, set.columns[j]?.name ?? '', false);
    },
  );

  it('a feature does not change when later rows are added (no leakage by construction)', async () => {
    const rows = randomRows(11, 100);
    const cut = 30;
    const ctx = await load(rows.filter((r) => r.day < cut));
    const set = windowFeatures(ctx, TRAINING_SPECS.map(parseWindowSpec), { training: true, order: 'id' });
    const before = await featureRows(wh, set);
    await load(rows);
    const after = (await featureRows(wh, set)).filter((r) => (rows[Number(r.id) - 1]?.day ?? cut) < cut);
    expect(after).toEqual(before);
  });
});
