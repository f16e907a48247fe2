import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PSI_EMPTY_BIN_FLOOR, populationStabilityIndex } from '../../src/eda/psi.ts';
import { InvalidArgumentError } from '../../src/errors.ts';

interface CountCase {
  name: string;
  a: number[];
  b: number[];
  floor: number;
  psi: number;
}
/** Source: test/eda/reference-drift/psi_reference.py (numpy), run with /usr/bin/python3. */
const reference = JSON.parse(
  readFileSync(new URL('./reference-drift/psi_reference.json', import.meta.url), 'utf8'),
) as { counts: CountCase[] };

function expectClose(actual: number, expected: number, rel: number): void {
  const scale = Math.max(Math.abs(expected), Number.MIN_VALUE);
  expect(Math.abs(actual - expected) / scale, `${actual} vs ${expected}`).toBeLessThanOrEqual(rel);
}

describe('populationStabilityIndex by hand', () => {
  it('two bins, 50/50 against 25/75: (0.25 - 0.5) ln 0.5 + (0.75 - 0.5) ln 1.5 = 0.25 ln 3', () => {
    const r = populationStabilityIndex([50, 50], [25, 75], ['x', 'y']);
    expectClose(r?.value ?? Number.NaN, 0.25 * Math.log(3), 1e-15);
    expect(r?.bins).toEqual([
      { label: 'x', a: 0.5, b: 0.25 },
      { label: 'y', a: 0.5, b: 0.75 },
    ]);
    expect(r?.rule).toBe(
      "PSI = sum((b - a) ln(b / a)) over 2 bins of the shares of each slice; an empty bin's share is taken as 0.0001",
    );
  });

  it('a bin empty in B counts with the floor 0.0001; the reported share stays 0', () => {
    const r = populationStabilityIndex([30, 30, 40], [50, 0, 50], ['lo', 'mid', 'hi']);
    const byHand =
      (0.5 - 0.3) * Math.log(0.5 / 0.3) +
      (0.0001 - 0.3) * Math.log(0.0001 / 0.3) +
      (0.5 - 0.4) * Math.log(0.5 / 0.4);
    expectClose(r?.value ?? Number.NaN, byHand, 1e-14);
    expect(r?.bins[1]).toEqual({ label: 'mid', a: 0.3, b: 0 });
    expect(PSI_EMPTY_BIN_FLOOR).toBe(0.0001);
  });

  it('is symmetric in A and B and zero for the same shares', () => {
    const ab = populationStabilityIndex([1, 2, 3], [3, 2, 1], ['p', 'q', 'r'])?.value;
    const ba = populationStabilityIndex([3, 2, 1], [1, 2, 3], ['p', 'q', 'r'])?.value;
    expect(ab).toBe(ba);
    expect(populationStabilityIndex([1, 2, 3], [10, 20, 30], ['p', 'q', 'r'])?.value).toBe(0);
  });

  it('empty-ish inputs: a slice without counts gives null; one bin gives 0', () => {
    expect(populationStabilityIndex([0, 0], [1, 2], ['x', 'y'])).toBeNull();
    expect(populationStabilityIndex([1, 2], [0, 0], ['x', 'y'])).toBeNull();
    expect(populationStabilityIndex([5], [7], ['all'])?.value).toBe(0);
  });

  it.each([
    [[], [], [], 'needs the same number (at least 1) of counts in A and B and labels, got 0, 0 and 0'],
    [[1, 2], [1], ['x', 'y'], 'got 2, 1 and 2'],
    [[1, -1], [1, 1], ['x', 'y'], 'counts must be finite and not negative, got -1 in A bin "y"'],
    [[1, 1], [Number.NaN, 1], ['x', 'y'], 'got NaN in B bin "x"'],
  ])('refuses bad counts %j / %j', (a, b, labels, message) => {
    expect(() => populationStabilityIndex(a, b, labels)).toThrow(InvalidArgumentError);
    expect(() => populationStabilityIndex(a, b, labels)).toThrow(message);
  });

  it.each([0, 1, -0.1, Number.NaN])('refuses the floor %s', (floor) => {
    expect(() => populationStabilityIndex([1], [1], ['x'], floor)).toThrow(
      `floor must be in (0, 1), got ${floor}`,
    );
  });
});

describe('populationStabilityIndex against numpy', () => {
  it.each(reference.counts.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const labels = c.a.map((_, i) => `bin ${i}`);
    const r = populationStabilityIndex(c.a, c.b, labels, c.floor);
    if (c.psi === 0) expect(r?.value).toBe(0);
    else expectClose(r?.value ?? Number.NaN, c.psi, 1e-12);
  });
});
