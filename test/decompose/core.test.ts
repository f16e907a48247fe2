import { describe, expect, it } from 'vitest';
import { type DecomposeInput, decomposeTotals } from '../../src/decompose/core.ts';
import { formatDecomposition } from '../../src/decompose/format.ts';
import { parsePeriod } from '../../src/decompose/periods.ts';
import { InvalidArgumentError } from '../../src/errors.ts';
import { monthsInput } from './fixtures.ts';

const zero = { orders: 0, revenue: '0', customers: 0, units: 0 };

describe('decomposeTotals: bad input', () => {
  const input = monthsInput('Aug', 'Sep');
  it('rejects unknown factors, methods and shares outside (0, 1], naming the value', () => {
    // @ts-expect-error an unknown factor, as the CLI may pass it
    expect(() => decomposeTotals(input, { factors: ['visits'] })).toThrow(
      'decomposeTotals: unknown factor "visits"; choose from customers, frequency, basket, price',
    );
    expect(() => decomposeTotals(input, { factors: ['price', 'price'] })).toThrow(InvalidArgumentError);
    expect(() => decomposeTotals(input, { factors: [] })).toThrow(InvalidArgumentError);
    // @ts-expect-error an unknown method
    expect(() => decomposeTotals(input, { method: 'fisher' })).toThrow(
      'decomposeTotals: unknown method "fisher"',
    );
    for (const share of [0, -0.1, 1.01, Number.NaN]) {
      expect(() => decomposeTotals(input, { driverShare: share })).toThrow(
        `decomposeTotals: driverShare must be in (0, 1], got ${share}`,
      );
    }
    expect(decomposeTotals(input, { driverShare: 1 }).options.driverShare).toBe(1);
  });

  it('rejects figures that cannot belong together and segments that do not add up', () => {
    expect(() => decomposeTotals({ ...input, start: { ...input.start, revenue: '12,5' } })).toThrow(
      `decomposeTotals: start.revenue must be exact decimal text such as '1234.5000', got "12,5"`,
    );
    expect(() => decomposeTotals({ ...input, start: { ...zero, revenue: '5.0000' } })).toThrow(
      InvalidArgumentError,
    );
    expect(() => decomposeTotals({ ...input, end: { ...input.end, orders: 151 } })).toThrow(
      'decomposeTotals: segments add up to 150 orders and revenue 6000 at end, but the totals are 151 and 6000',
    );
    expect(() => decomposeTotals({ ...input, basis: null })).toThrow(InvalidArgumentError);
    const twice = { ...input, segments: [...input.segments, ...input.segments] };
    expect(() => decomposeTotals(twice)).toThrow('is listed twice');
  });
});

describe('decomposeTotals: empty-ish inputs', () => {
  const base: DecomposeInput = {
    currency: 'EUR',
    from: parsePeriod('2025-08'),
    to: parsePeriod('2025-09'),
    start: zero,
    end: zero,
    by: [],
    basis: null,
    segments: [],
  };

  it('two periods without orders: all zero, flat, AOV null, warnings', () => {
    const r = decomposeTotals(base, { factors: ['customers', 'frequency', 'basket', 'price'] });
    expect([r.start, r.end, r.change, r.changeRatio]).toEqual(['0.00', '0.00', '0.00', null]);
    expect(r.effects).toEqual({ volume: '0.00', aov: '0.00' });
    expect(r.methods.lmdi).toMatchObject({ volume: '0.00', aov: '0.00' });
    expect(r.factors?.factors.map((f) => f.effect)).toEqual(['0.00', '0.00', '0.00', '0.00']);
    expect(r.verdict.verdict).toBe('flat');
    expect(r.figures.start.aov).toBeNull();
    expect(r.warnings.filter((w) => w.code === 'empty_period')).toHaveLength(2);
    expect(r.sentence).toBe('September 2025 revenue was flat at 0.00 EUR vs August 2025.');
  });

  it('segments asked for but none found (no orders): an empty segment bridge, no drivers', () => {
    const r = decomposeTotals({ ...base, by: ['channel'], basis: 'orders' });
    expect(r.segments?.segments).toEqual([]);
    expect(r.drivers?.segments).toEqual([]);
  });

  it('one segment: all its change, no mix', () => {
    const r = decomposeTotals({
      ...base,
      start: { orders: 10, revenue: '100.0000', customers: 5, units: 10 },
      end: { orders: 12, revenue: '150.0000', customers: 6, units: 12 },
      by: ['channel'],
      basis: 'orders',
      segments: [
        { key: ['web'], start: { count: 10, revenue: '100.0000' }, end: { count: 12, revenue: '150.0000' } },
      ],
    });
    // volume = 2 x (10 + 12.5) / 2 = 22.5; AOV = 11 x 2.5 = 27.5
    expect(r.segments?.effects).toEqual({
      volume: '22.50',
      aov: '27.50',
      mix: '0.00',
      newSegments: '0.00',
      lostSegments: '0.00',
    });
    expect(r.drivers?.segments.map((d) => d.change)).toEqual(['50.00']);
  });

  it('equal revenue with offsetting effects is flat with both effects named', () => {
    const r = decomposeTotals({
      ...base,
      start: { orders: 10, revenue: '100.0000', customers: 5, units: 10 },
      end: { orders: 20, revenue: '100.0000', customers: 6, units: 20 },
    });
    expect(r.effects).toEqual({ volume: '75.00', aov: '-75.00' }); // 10 x (10 + 5) / 2; 15 x -5
    expect(r.verdict.verdict).toBe('mixed');
    expect(r.sentence).toBe(
      'September 2025 revenue was flat at 100.00 EUR vs August 2025: more orders explain +75, lower AOV -75, offsetting each other.',
    );
  });

  it('LMDI asked for with negative revenue falls back to Shapley and says so', () => {
    const r = decomposeTotals(
      {
        ...base,
        start: { orders: 1, revenue: '-5.0000', customers: 1, units: 1 },
        end: { orders: 2, revenue: '10.0000', customers: 1, units: 2 },
      },
      { method: 'lmdi' },
    );
    expect(r.method).toBe('shapley');
    expect(r.options.method).toBe('lmdi');
    expect(r.methods.lmdi).toBeNull();
    expect(r.warnings.map((w) => w.code).filter((c) => c.startsWith('lmdi'))).toEqual([
      'lmdi_not_computable',
      'lmdi_headline_fallback',
    ]);
  });
});

describe('formatDecomposition', () => {
  it('renders the bridge, methods, factors, segments and verdict as text (snapshot)', () => {
    const r = decomposeTotals(monthsInput('Aug', 'Sep'), {
      factors: ['customers', 'frequency', 'basket', 'price'],
    });
    expect(formatDecomposition(r)).toMatchSnapshot();
  });
});
