import { Rational } from './rational.ts';
import type { CountRevenue } from './two-factor.ts';

/** A segment's exact figures in both periods (count = orders or units, by basis). */
export interface SegmentTotals {
  readonly key: readonly (string | null)[];
  readonly start: CountRevenue;
  readonly end: CountRevenue;
}

/** Whether a segment has a count in both periods, only the end one (new) or only the start one (lost). */
export type SegmentStatus = 'continuing' | 'new' | 'lost';

/** One segment's exact effects: they add up to its revenue change. */
export interface SegmentEffects {
  readonly key: readonly (string | null)[];
  readonly status: SegmentStatus;
  readonly change: Rational;
  readonly volume: Rational;
  readonly aov: Rational;
  readonly mix: Rational;
  readonly new: Rational;
  readonly lost: Rational;
}

/** The rule of the segment bridge as recorded in results. */
export const SEGMENT_RULE =
  'With N the total count, w_s = N_s / N the share of segment s, a_s = R_s / N_s its average and N̄ = (N0 + N1) / 2: a continuing segment has volume = ΔN (w0 a0 + w1 a1) / 2, aov = N̄ (w0 + w1) / 2 Δa, mix = N̄ (a0 + a1) / 2 Δw; a new segment has volume = ΔN w1 a1 / 2 and new = N̄ w1 a1; a lost segment has volume = ΔN w0 a0 / 2 and lost = -N̄ w0 a0. Each segment’s effects add up to its revenue change; summed over segments, volume equals the two-factor Shapley volume ΔN (A0 + A1) / 2 and aov + mix + new + lost equals the two-factor AOV effect N̄ ΔA. When one period has no count at all, every segment’s change is volume (the two-factor zero rule).';

const HALF = Rational.of(1n, 2n);

/**
 * The Shapley-consistent segment-mix decomposition of revenue = N x sum_s w_s a_s: first the
 * two-factor Shapley split of each segment's revenue N (w_s a_s) into volume and "average"
 * effects, then the midpoint split of Δ(w_s a_s) into a within-segment average effect and a mix
 * (share) effect. Segments present in one period only get an explicit new or lost line instead of
 * aov and mix. Exact in rationals. See {@link SEGMENT_RULE} for the formulas and reconciliation.
 * Reference: the two-level (nested) Shapley decomposition of Shorrocks (2013), section 5;
 * the midpoint (Marshall-Edgeworth) split of a product of shares and averages as in Sun (1998).
 *
 * Segments with a zero count in both periods carry no revenue and are left out.
 *
 * @example segmentMix([{ key: ['web'], start: {...}, end: {...} }, ...]) // one SegmentEffects per segment
 */
export function segmentMix(segments: readonly SegmentTotals[]): SegmentEffects[] {
  const n0 = Rational.sum(segments.map((s) => s.start.count));
  const n1 = Rational.sum(segments.map((s) => s.end.count));
  const dN = n1.sub(n0);
  const nBar = n0.add(n1).mul(HALF);
  const emptyPeriod = n0.isZero() || n1.isZero();
  const out: SegmentEffects[] = [];
  for (const s of segments) {
    const has0 = !s.start.count.isZero();
    const has1 = !s.end.count.isZero();
    if (!has0 && !has1) continue;
    const status: SegmentStatus = has0 && has1 ? 'continuing' : has1 ? 'new' : 'lost';
    const change = s.end.revenue.sub(s.start.revenue);
    const zero = Rational.ZERO;
    if (emptyPeriod) {
      out.push({ key: s.key, status, change, volume: change, aov: zero, mix: zero, new: zero, lost: zero });
      continue;
    }
    const wa0 = s.start.revenue.div(n0); // w0 a0 = R0_s / N0 (zero for a new segment)
    const wa1 = s.end.revenue.div(n1);
    const volume = dN.mul(wa0.add(wa1)).mul(HALF);
    if (status === 'new') {
      out.push({ key: s.key, status, change, volume, aov: zero, mix: zero, new: nBar.mul(wa1), lost: zero });
    } else if (status === 'lost') {
      out.push({
        key: s.key,
        status,
        change,
        volume,
        aov: zero,
        mix: zero,
        new: zero,
        lost: nBar.mul(wa0).neg(),
      });
    } else {
      const w0 = s.start.count.div(n0);
      const w1 = s.end.count.div(n1);
      const a0 = s.start.revenue.div(s.start.count);
      const a1 = s.end.revenue.div(s.end.count);
      const aov = nBar.mul(w0.add(w1)).mul(HALF).mul(a1.sub(a0));
      const mix = nBar.mul(a0.add(a1)).mul(HALF).mul(w1.sub(w0));
      out.push({ key: s.key, status, change, volume, aov, mix, new: zero, lost: zero });
    }
  }
  return out;
}
