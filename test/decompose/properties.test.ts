import { describe, expect, it } from 'vitest';
import { type DecomposeInput, type DecompositionResult, decomposeTotals } from '../../src/decompose/core.ts';
import { parsePeriod } from '../../src/decompose/periods.ts';
import { Rational } from '../../src/decompose/rational.ts';
import { segmentMix } from '../../src/decompose/segment-mix.ts';
import { twoFactorShapley } from '../../src/decompose/two-factor.ts';
import { mulberry32 } from '../support/prng.ts';
import { cents, sumCents } from './fixtures.ts';

/** A revenue of 4 decimals: zero, tiny (0.0001 ...), ordinary, or huge (around 1e13). */
function revenue(rand: () => number): string {
  const kind = rand();
  if (kind < 0.15) return '0.0000';
  const scale = kind < 0.3 ? 1 : kind < 0.85 ? 1e8 : 1e17; // in 1/10000ths
  const units = BigInt(Math.floor(rand() * scale) + 1);
  const text = units.toString().padStart(5, '0');
  return `${text.slice(0, -4)}.${text.slice(-4)}`;
}

function randomInput(rand: () => number): DecomposeInput {
  const n = Math.floor(rand() * 5); // 0 to 4 segments
  const side = () => {
    if (rand() < 0.25) return { count: 0, revenue: '0' }; // absent: new or lost segments
    return { count: Math.floor(rand() * 1000) + 1, revenue: revenue(rand) };
  };
  const segments = Array.from({ length: n }, (_, i) => ({
    key: [`s${i}`, rand() < 0.2 ? null : 'x'],
    start: side(),
    end: side(),
  }));
  const total = (which: 'start' | 'end') => {
    const orders = segments.reduce((a, s) => a + s[which].count, 0);
    const r = Rational.sum(segments.map((s) => Rational.fromDecimal(s[which].revenue)));
    const text = r.mul(Rational.of(10000n)).num.toString().padStart(5, '0');
    const customers = orders === 0 ? 0 : Math.max(1, Math.floor(orders * rand()));
    return { orders, revenue: `${text.slice(0, -4)}.${text.slice(-4)}`, customers, units: orders * 2 };
  };
  return {
    currency: 'EUR',
    from: parsePeriod('2025-08'),
    to: parsePeriod('2025-09'),
    start: total('start'),
    end: total('end'),
    by: ['channel', 'country'],
    basis: 'orders',
    segments,
  };
}

function swap(input: DecomposeInput): DecomposeInput {
  return {
    ...input,
    from: input.to,
    to: input.from,
    start: input.end,
    end: input.start,
    segments: input.segments.map((s) => ({ ...s, start: s.end, end: s.start })),
  };
}

const neg = (v: string): string => (v.startsWith('-') ? v.slice(1) : v === '0.00' ? v : `-${v}`);

function checkSums(r: DecompositionResult): void {
  const change = cents(r.change);
  expect(cents(r.end) - cents(r.start)).toBe(change);
  for (const m of [
    r.methods.shapley,
    r.methods.lmdi,
    r.methods.sequentialVolumeFirst,
    r.methods.sequentialAovFirst,
  ]) {
    if (m !== null) expect(sumCents([m.volume, m.aov])).toBe(change);
  }
  expect(sumCents(r.factors?.factors.map((f) => f.effect) ?? [r.change])).toBe(change);
  expect(sumCents(r.bridge.filter((b) => b.kind === 'effect').map((b) => b.value))).toBe(change);
  const seg = r.segments;
  if (seg === null) throw new Error('segments expected');
  const e = seg.effects;
  // reconciliation with the two-factor Shapley split, exactly in cents
  expect(e.volume).toBe(r.methods.shapley.volume);
  expect(sumCents([e.aov, e.mix, e.newSegments, e.lostSegments])).toBe(cents(r.methods.shapley.aov));
  // columns add up to the bridge, rows to their change, starts and ends to the totals
  const col = (k: 'volume' | 'aov' | 'mix' | 'new' | 'lost') => sumCents(seg.segments.map((s) => s[k]));
  expect([col('volume'), col('aov'), col('mix'), col('new'), col('lost')]).toEqual(
    [e.volume, e.aov, e.mix, e.newSegments, e.lostSegments].map(cents),
  );
  for (const s of seg.segments) {
    expect(sumCents([s.volume, s.aov, s.mix, s.new, s.lost])).toBe(cents(s.change));
    expect(cents(s.end.revenue) - cents(s.start.revenue)).toBe(cents(s.change));
  }
  expect(sumCents(seg.segments.map((s) => s.start.revenue))).toBe(cents(r.start));
  expect(sumCents(seg.segments.map((s) => s.end.revenue))).toBe(cents(r.end));
  expect(JSON.parse(JSON.stringify(r))).toEqual(r); // plain data
}

describe('invariants over 300 seeded random cases (zeros, new and lost segments, tiny and huge values)', () => {
  const rand = mulberry32(20250901);
  const cases = Array.from({ length: 300 }, () => randomInput(rand));
  const factors = ['customers', 'frequency', 'basket', 'price'] as const;

  it('every list of effects adds up exactly to the change in cents, and the segment bridge reconciles', () => {
    for (const input of cases) checkSums(decomposeTotals(input, { factors }));
  });

  it('swapping the periods negates every Shapley and factor effect, and swaps the sequential orders', () => {
    for (const input of cases) {
      const a = decomposeTotals(input, { factors });
      const b = decomposeTotals(swap(input), { factors });
      expect(b.change).toBe(neg(a.change));
      expect(b.methods.shapley).toEqual({
        volume: neg(a.methods.shapley.volume),
        aov: neg(a.methods.shapley.aov),
      });
      expect(b.methods.sequentialVolumeFirst).toEqual({
        volume: neg(a.methods.sequentialAovFirst.volume),
        aov: neg(a.methods.sequentialAovFirst.aov),
      });
      expect(b.factors?.factors.map((f) => f.effect)).toEqual(a.factors?.factors.map((f) => neg(f.effect)));
    }
  });

  it('scaling revenue by k scales every exact effect by k, and swapping negates the exact segment effects', () => {
    const k = Rational.of(7n, 3n);
    for (const input of cases) {
      const segs = input.segments.map((s) => ({
        key: s.key,
        start: { count: Rational.fromInt(s.start.count), revenue: Rational.fromDecimal(s.start.revenue) },
        end: { count: Rational.fromInt(s.end.count), revenue: Rational.fromDecimal(s.end.revenue) },
      }));
      const scaled = segs.map((s) => ({
        ...s,
        start: { ...s.start, revenue: s.start.revenue.mul(k) },
        end: { ...s.end, revenue: s.end.revenue.mul(k) },
      }));
      const base = segmentMix(segs);
      segmentMix(scaled).forEach((row, i) => {
        const b = base[i];
        for (const f of ['volume', 'aov', 'mix', 'new', 'lost'] as const)
          expect(row[f].equals(b?.[f].mul(k) ?? Rational.ZERO)).toBe(true);
      });
      segmentMix(segs.map((s) => ({ ...s, start: s.end, end: s.start }))).forEach((row, i) => {
        const b = base[i];
        expect(row.volume.equals(b?.volume.neg() ?? Rational.ZERO)).toBe(true);
        expect(row.mix.equals(b?.mix.neg() ?? Rational.ZERO)).toBe(true);
        expect(row.new.equals(b?.lost.neg() ?? Rational.ZERO)).toBe(true);
      });
      const total = (which: 'start' | 'end', scale: Rational) => ({
        count: Rational.fromInt(input[which].orders),
        revenue: Rational.fromDecimal(input[which].revenue).mul(scale),
      });
      const t1 = twoFactorShapley(total('start', Rational.ONE), total('end', Rational.ONE));
      const tk = twoFactorShapley(total('start', k), total('end', k));
      expect(tk.volume.equals(t1.volume.mul(k)) && tk.aov.equals(t1.aov.mul(k))).toBe(true);
    }
  });
});
