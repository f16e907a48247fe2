import { describe, expect, it } from 'vitest';
import { type DecomposeInput, decomposeTotals } from '../../src/decompose/core.ts';
import { selectDrivers } from '../../src/decompose/drivers.ts';
import { parsePeriod } from '../../src/decompose/periods.ts';
import { Rational } from '../../src/decompose/rational.ts';
import { monthsInput } from './fixtures.ts';

const I = (n: number): Rational => Rational.fromInt(n);

describe('segment mix, hand-computed (fixtures.ts)', () => {
  it('July to August: no volume; web AOV +550, web mix +1050, app mix -600; mixed (AOV 55 % < 60 %)', () => {
    // N = 200 both months, N̄ = 200, ΔN = 0 so every volume is 0.
    // web: w 0.5 -> 0.6, a 50 -> 55. aov = 200 x (0.5 + 0.6) / 2 x 5 = 550; mix = 200 x (50 + 55) / 2 x 0.1 = 1050.
    // app: w 0.5 -> 0.4, a 30 -> 30. aov = 0; mix = 200 x 30 x -0.1 = -600.
    // Totals: aov 550 + mix 450 = 1000 = the two-factor AOV effect.
    const r = decomposeTotals(monthsInput('Jul', 'Aug'));
    expect(r.segments?.effects).toEqual({
      volume: '0.00',
      aov: '550.00',
      mix: '450.00',
      newSegments: '0.00',
      lostSegments: '0.00',
    });
    const web = r.segments?.segments.find((s) => s.key[0] === 'web');
    expect(web).toMatchObject({
      status: 'continuing',
      change: '1600.00',
      aov: '550.00',
      mix: '1050.00',
      rank: 1,
    });
    expect(r.segments?.segments.find((s) => s.key[0] === 'app')).toMatchObject({
      change: '-600.00',
      mix: '-600.00',
    });
    expect(r.verdict).toMatchObject({ verdict: 'mixed', shares: { volume: 0, aov: 0.55, mix: 0.45 } });
    // drivers of a +1000 rise: web +1600 alone is >= 800
    expect(r.drivers?.segments.map((d) => d.label)).toEqual(['channel web']);
    expect(r.drivers?.explained).toBe(1.6);
  });

  it('August to September: web volume -1375, mix -1925; app volume -750, mix +1050; volume-driven, concentrated in web', () => {
    // N 200 -> 150, ΔN = -50, N̄ = 175. web: w 0.6 -> 0.4, a = 55: volume = -50 x (33 + 22) / 2 = -1375,
    // mix = 175 x 55 x -0.2 = -1925 (sum -3300). app: w 0.4 -> 0.6, a = 30: volume = -50 x (12 + 18) / 2 = -750,
    // mix = 175 x 30 x 0.2 = 1050 (sum +300). Volume -2125 = two-factor volume; aov 0 + mix -875 = two-factor AOV.
    const r = decomposeTotals(monthsInput('Aug', 'Sep'));
    expect(r.segments?.effects).toEqual({
      volume: '-2125.00',
      aov: '0.00',
      mix: '-875.00',
      newSegments: '0.00',
      lostSegments: '0.00',
    });
    expect(r.segments?.segments.map((s) => [s.label, s.volume, s.mix, s.change, s.driver])).toEqual([
      ['channel web', '-1375.00', '-1925.00', '-3300.00', true],
      ['channel app', '-750.00', '1050.00', '300.00', false],
    ]);
    expect(r.verdict.verdict).toBe('volume-driven'); // 2125 / (2125 + 0 + 875) = 70.8 %
    expect(r.bridge.map((b) => [b.name, b.value])).toEqual([
      ['start', '9000.00'],
      ['volume', '-2125.00'],
      ['aov', '0.00'],
      ['mix', '-875.00'],
      ['newSegments', '0.00'],
      ['lostSegments', '0.00'],
      ['end', '6000.00'],
    ]);
    expect(r.sentence).toBe(
      'September 2025 revenue fell 33.3 % (-3.0k EUR) vs August 2025: fewer orders explain -2.1k, mix shift -875; the drop is volume-driven, concentrated in channel web (-3.3k).',
    );
  });
});

/** Aug: web 100 / 5000, app 100 / 3000. Sep: web 100 / 5000, market 50 / 2000 (new); app is lost. */
function newAndLost(): DecomposeInput {
  return {
    currency: 'EUR',
    from: parsePeriod('2025-08'),
    to: parsePeriod('2025-09'),
    start: { orders: 200, revenue: '8000.0000', customers: 150, units: 400 },
    end: { orders: 150, revenue: '7000.0000', customers: 120, units: 300 },
    by: ['channel'],
    basis: 'orders',
    segments: [
      {
        key: ['web'],
        start: { count: 100, revenue: '5000.0000' },
        end: { count: 100, revenue: '5000.0000' },
      },
      { key: ['app'], start: { count: 100, revenue: '3000.0000' }, end: { count: 0, revenue: '0' } },
      { key: ['market'], start: { count: 0, revenue: '0' }, end: { count: 50, revenue: '2000.0000' } },
    ],
  };
}

describe('segments that appear or vanish', () => {
  it('get explicit new and lost lines, and the bridge reconciles in cents', () => {
    // ΔN = -50, N̄ = 175, A 40 -> 46.67. web: w0 a0 = 25, w1 a1 = 33.33: volume = -50 x 58.33 / 2 = -1458.33,
    // mix = 175 x 50 x (2/3 - 1/2) = 1458.33. app (lost): volume = -50 x 15 / 2 = -375, lost = -175 x 15 = -2625.
    // market (new): volume = -50 x 13.33 / 2 = -333.33, new = 175 x 13.33 = 2333.33.
    // Two-factor: volume = -50 x (40 + 46.67) / 2 = -2166.67, AOV = 175 x 6.67 = 1166.67 = 1458.33 - 2625 + 2333.33.
    // Cents: aov + mix + new + lost must make 1166.67, their roundings make 1166.66: the cent goes to the tie
    // (both .333) with the larger amount, new (2333.34). Rows: web -1458.34 + 1458.33 and market -333.33 +
    // 2333.34 are off by a cent each way, so one volume cent moves from market to web.
    const r = decomposeTotals(newAndLost());
    expect(r.effects).toEqual({ volume: '-2166.67', aov: '1166.67' });
    expect(r.segments?.effects).toEqual({
      volume: '-2166.67',
      aov: '0.00',
      mix: '1458.33',
      newSegments: '2333.34',
      lostSegments: '-2625.00',
    });
    expect(
      r.segments?.segments.map((s) => [s.label, s.status, s.volume, s.mix, s.new, s.lost, s.change]),
    ).toEqual([
      ['channel app', 'lost', '-375.00', '0.00', '0.00', '-2625.00', '-3000.00'],
      ['channel web', 'continuing', '-1458.33', '1458.33', '0.00', '0.00', '0.00'],
      ['channel market', 'new', '-333.34', '0.00', '2333.34', '0.00', '2000.00'],
    ]);
    expect(r.drivers?.segments.map((d) => d.label)).toEqual(['channel app']);
    // families: volume 2166.67, aov 0, mix + new + lost 1166.67: volume 65 %
    expect(r.verdict.verdict).toBe('volume-driven');
  });

  it('a period with no orders makes every segment change volume, with a warning', () => {
    const input = newAndLost();
    const empty: DecomposeInput = {
      ...input,
      start: { orders: 0, revenue: '0', customers: 0, units: 0 },
      segments: input.segments.map((s) => ({ ...s, start: { count: 0, revenue: '0' } })),
    };
    const r = decomposeTotals(empty);
    expect(r.effects).toEqual({ volume: '7000.00', aov: '0.00' });
    expect(r.segments?.effects).toMatchObject({ volume: '7000.00', newSegments: '0.00', mix: '0.00' });
    expect(r.segments?.segments.map((s) => s.status)).toEqual(['new', 'new']);
    expect(r.figures.start.aov).toBeNull();
    expect(r.changeRatio).toBeNull();
    expect(r.warnings.map((w) => w.code)).toContain('empty_period');
    expect(r.sentence).toBe(
      'September 2025 revenue rose (+7.0k EUR) vs August 2025: more orders explain +7.0k; the rise is volume-driven, concentrated in channel web (+5.0k) and channel market (+2.0k).',
    );
  });
});

describe('drivers', () => {
  it('takes the shortest same-direction prefix reaching the share; offsetting segments never count', () => {
    // total -50: -40 is exactly 80 % of it
    expect(selectDrivers([I(-40), I(-15), I(5)], I(-50), 0.8)).toMatchObject({
      order: [0, 1, 2],
      drivers: [0],
    });
    expect(selectDrivers([I(-40), I(-15), I(5)], I(-50), 0.81).drivers).toEqual([0, 1]);
    // +100 and -60 offset: total +40; share 1 of 40 is reached by +100 alone
    expect(selectDrivers([I(-60), I(100)], I(40), 1)).toMatchObject({ order: [1, 0], drivers: [1] });
    // flat: ranked by size, no drivers
    expect(selectDrivers([I(-3), I(5), I(-2)], I(0), 0.8)).toEqual({
      order: [1, 0, 2],
      drivers: [],
      explained: null,
    });
    expect(selectDrivers([], I(0), 0.8)).toEqual({ order: [], drivers: [], explained: null });
  });
});

describe('line-level dimensions (basis units)', () => {
  it('decompose revenue = units x revenue per unit and say so', () => {
    const r = decomposeTotals({
      ...monthsInput('Aug', 'Sep', false),
      start: { orders: 200, revenue: '9000.0000', customers: 160, units: 520 },
      end: { orders: 150, revenue: '6000.0000', customers: 120, units: 400 },
      by: ['category'],
      basis: 'units',
      segments: [
        {
          key: ['shoes'],
          start: { count: 320, revenue: '6000.0000' },
          end: { count: 200, revenue: '4000.0000' },
        },
        {
          key: [null],
          start: { count: 200, revenue: '3000.0000' },
          end: { count: 200, revenue: '2000.0000' },
        },
      ],
    });
    expect(r.segments?.basis).toBe('units');
    expect(r.segments?.note).toMatch(/revenue = units x revenue per unit/);
    expect(r.warnings.map((w) => w.code)).toContain('units_basis');
    expect(r.segments?.segments.map((s) => s.label)).toEqual(['category shoes', 'category (none)']);
    expect(r.bridge.map((b) => b.name)).toEqual(['start', 'volume', 'aov', 'end']); // the orders x AOV bridge
    const e = r.segments?.effects ?? { volume: '', aov: '', mix: '', newSegments: '', lostSegments: '' };
    const sum = [e.volume, e.aov, e.mix, e.newSegments, e.lostSegments].reduce((a, v) => a + Number(v), 0);
    expect(sum.toFixed(2)).toBe('-3000.00');
    // units 520 -> 400 (ΔU = -120), revenue per unit 17.31 -> 15: volume = -120 x (9000/520 + 15) / 2
    expect(e.volume).toBe('-1938.46');
  });
});
