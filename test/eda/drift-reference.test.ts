import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareSlices } from '../../src/eda/drift.ts';
import { Warehouse } from '../../src/warehouse/index.ts';

/** Source: test/eda/reference-drift/psi_reference.py (numpy), run with /usr/bin/python3. */
const reference = JSON.parse(
  readFileSync(new URL('./reference-drift/psi_reference.json', import.meta.url), 'utf8'),
).numeric as {
  a: number[];
  b: number[];
  edges: number[];
  countsA: number[];
  countsB: number[];
  psi: number;
  meanA: number;
  meanB: number;
  quantilesA: number[];
  quantilesB: number[];
};

const close = (actual: number | null | undefined, expected: number, rel: number) => {
  expect(actual, `expected ${expected}`).not.toBeNull();
  const scale = Math.max(Math.abs(expected), 1e-300);
  expect(Math.abs((actual as number) - expected) / scale, `${actual} vs ${expected}`).toBeLessThanOrEqual(
    rel,
  );
};

let wh: Warehouse;
beforeEach(async () => {
  wh = await Warehouse.open(':memory:');
});
afterEach(() => {
  wh.close();
});

describe('compareSlices against numpy', () => {
  it('200 against 150 values: bins at the deciles of A, PSI, means and quantiles', async () => {
    await wh.run('create table t (s varchar, v decimal(10,2))');
    await wh.run('insert into t select $s, unnest($v::decimal(10,2)[])', {
      s: 'a',
      v: JSON.stringify(reference.a),
    });
    await wh.run('insert into t select $s, unnest($v::decimal(10,2)[])', {
      s: 'b',
      v: JSON.stringify(reference.b),
    });
    const r = await compareSlices(wh, 't', { column: 's', a: 'a', b: 'b' });
    expect(r.rows).toEqual({ a: reference.a.length, b: reference.b.length });
    const [v] = r.columns;
    const bins = v?.psi?.bins ?? [];
    expect(bins.map((b) => Math.round(b.a * reference.a.length))).toEqual(reference.countsA);
    expect(bins.map((b) => Math.round(b.b * reference.b.length))).toEqual(reference.countsB);
    close(v?.psi?.value, reference.psi, 1e-12);
    close(v?.meanShift, reference.meanB - reference.meanA, 1e-12);
    v?.quantileShifts?.forEach((q, i) => {
      close(q.a, reference.quantilesA[i] as number, 1e-12);
      close(q.b, reference.quantilesB[i] as number, 1e-12);
    });
  });
});
