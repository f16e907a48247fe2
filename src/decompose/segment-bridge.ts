import { allocateCents, allocateTable, formatCents } from './cents.ts';
import { DRIVER_RULE, selectDrivers } from './drivers.ts';
import { Rational } from './rational.ts';
import type { Drivers, SegmentBridge } from './result.ts';
import { SEGMENT_RULE, type SegmentTotals, segmentMix } from './segment-mix.ts';

/** The segment bridge in cents, its drivers, and the exact effect families the verdict weighs. */
export interface SegmentPart {
  readonly bridge: SegmentBridge;
  readonly drivers: Drivers;
  /** Sum of within-segment AOV effects, exact. */
  readonly familyAov: Rational;
  /** Mix + new + lost, exact. */
  readonly familyMix: Rational;
}

/** `'channel web, country IN'`; a null member reads `(none)`. */
export function segmentLabel(by: readonly string[], key: readonly (string | null)[]): string {
  return by.map((d, i) => `${d} ${key[i] ?? '(none)'}`).join(', ');
}

const NOTES = {
  orders:
    'Order-level dimensions split orders exactly: the count is valid orders, and this bridge reconciles with the two-factor Shapley split: the same volume effect, and AOV effect = aov (within segments) + mix + newSegments + lostSegments.',
  units:
    'Line-level dimensions do not split orders (an order can hold several categories, brands or products): the count is units, and this bridge decomposes revenue = units x revenue per unit, so its volume effect is a units effect and it does not reconcile with the orders x AOV split; its effects add up to the same change.',
};

/**
 * Builds the segment bridge from exact segment totals (see `segment-mix.ts`): the effects are
 * rounded to cents nested so that both reconciliations hold exactly in cents (volume and the rest
 * first, then the rest into aov, mix, new and lost), segment starts and ends are allocated to the
 * rounded totals, and each segment's effects to its own change and to the columns.
 */
export function buildSegmentBridge(
  by: readonly string[],
  basis: 'orders' | 'units',
  all: readonly SegmentTotals[],
  startCents: bigint,
  endCents: bigint,
  share: number,
): SegmentPart {
  const segments = all.filter((s) => !(s.start.count.isZero() && s.end.count.isZero()));
  const rows = segmentMix(segments);
  const total = (pick: (r: (typeof rows)[number]) => Rational): Rational => Rational.sum(rows.map(pick));
  const [volume, aov, mix, gained, lost] = [
    total((r) => r.volume),
    total((r) => r.aov),
    total((r) => r.mix),
    total((r) => r.new),
    total((r) => r.lost),
  ];
  const change = endCents - startCents;
  const [volumeC = 0n, restC = 0n] = allocateCents([volume, aov.add(mix).add(gained).add(lost)], change);
  const columnTotals = [volumeC, ...allocateCents([aov, mix, gained, lost], restC)];
  const starts = allocateCents(
    segments.map((s) => s.start.revenue),
    startCents,
  );
  const ends = allocateCents(
    segments.map((s) => s.end.revenue),
    endCents,
  );
  const rowTotals = segments.map((_, i) => (ends[i] ?? 0n) - (starts[i] ?? 0n));
  const table = allocateTable(
    rows.map((r) => [r.volume, r.aov, r.mix, r.new, r.lost]),
    rowTotals,
    columnTotals,
  );
  const exactChange = Rational.sum(rows.map((r) => r.change));
  const selection = selectDrivers(
    rows.map((r) => r.change),
    exactChange,
    share,
  );
  const rank = new Map(selection.order.map((i, k) => [i, k + 1]));
  const driverSet = new Set(selection.drivers);
  const f = formatCents;
  const lines = rows.map((r, i) => {
    const seg = segments[i] as SegmentTotals;
    const cells = table[i] ?? [];
    return {
      key: [...r.key],
      label: segmentLabel(by, r.key),
      status: r.status,
      rank: rank.get(i) ?? i + 1,
      driver: driverSet.has(i),
      start: { count: Number(seg.start.count.num), revenue: f(starts[i] ?? 0n) },
      end: { count: Number(seg.end.count.num), revenue: f(ends[i] ?? 0n) },
      change: f(rowTotals[i] ?? 0n),
      volume: f(cells[0] ?? 0n),
      aov: f(cells[1] ?? 0n),
      mix: f(cells[2] ?? 0n),
      new: f(cells[3] ?? 0n),
      lost: f(cells[4] ?? 0n),
    };
  });
  const [v, a, m, n, l] = columnTotals.map(f);
  return {
    bridge: {
      by: [...by],
      basis,
      note: NOTES[basis],
      rule: SEGMENT_RULE,
      effects: {
        volume: v ?? '0.00',
        aov: a ?? '0.00',
        mix: m ?? '0.00',
        newSegments: n ?? '0.00',
        lostSegments: l ?? '0.00',
      },
      segments: selection.order.map((i) => lines[i]).filter((x) => x !== undefined),
    },
    drivers: {
      share,
      rule: DRIVER_RULE,
      explained: selection.explained?.toNumber() ?? null,
      segments: selection.drivers.map((i) => ({
        key: [...(rows[i]?.key ?? [])],
        label: lines[i]?.label ?? '',
        change: lines[i]?.change ?? '0.00',
      })),
    },
    familyAov: aov,
    familyMix: mix.add(gained).add(lost),
  };
}
