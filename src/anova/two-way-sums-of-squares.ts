/**
 * Sums of squares of Types I, II and III for a two-way layout (internal), from weighted least
 * squares on the cell means.
 */
import { sequentialEffects } from './linear-algebra.ts';
import type { CellLayout } from './two-way-cells.ts';
import type { SsType } from './two-way-types.ts';

/** A model term. */
export type Term = 'intercept' | 'a' | 'b' | 'interaction';

/** Degrees of freedom and sum of squares of one term; `sumSq` `null` when not estimable. */
export interface TermSumSq {
  readonly df: number;
  readonly sumSq: number | null;
}

/** The sums of squares of one ANOVA table. */
export interface TwoWaySums {
  /** In table order; `intercept` only for Type III. */
  readonly terms: readonly { readonly term: Term; readonly ss: TermSumSq }[];
  readonly residual: { readonly df: number; readonly sumSq: number };
  /** True when the model has aliased coefficients (empty cells, or a disconnected design). */
  readonly aliased: boolean;
}

/**
 * Design columns with `contr.sum` coding (level k of L < L: +1; level L: -1 on every column),
 * each row weighted by sqrt(n) of its cell; the interaction columns are products of the main
 * effects' columns. Only non-empty cells are rows.
 */
function designBlocks(layout: CellLayout): Record<Term, number[][]> {
  const sums = (count: number, level: number) =>
    Array.from({ length: count - 1 }, (_, k) => (level === k ? 1 : level === count - 1 ? -1 : 0));
  const rowsA = layout.cells.map((c) => sums(layout.aLevels.length, c.a));
  const rowsB = layout.cells.map((c) => sums(layout.bLevels.length, c.b));
  const weights = layout.cells.map((c) => Math.sqrt(c.n));
  const columns = (rows: number[][], width: number) =>
    Array.from({ length: width }, (_, k) => rows.map((r, i) => (r[k] ?? 0) * (weights[i] ?? 0)));
  const rowsAB = rowsA.map((ra, i) => ra.flatMap((x) => (rowsB[i] ?? []).map((y) => x * y)));
  return {
    intercept: [weights],
    a: columns(rowsA, layout.aLevels.length - 1),
    b: columns(rowsB, layout.bLevels.length - 1),
    interaction: columns(rowsAB, (layout.aLevels.length - 1) * (layout.bLevels.length - 1)),
  };
}

interface OrderedFit {
  readonly byTerm: ReadonlyMap<Term, TermSumSq & { readonly aliasedColumns: number }>;
  readonly rank: number;
  readonly residualSumSq: number;
}

/** Sequential sums of squares of the terms in the order given (a Type I decomposition). */
function fitInOrder(
  blocks: Record<Term, number[][]>,
  order: readonly Term[],
  y: readonly number[],
): OrderedFit {
  const fit = sequentialEffects(
    order.flatMap((t) => blocks[t]),
    y,
  );
  const byTerm = new Map<Term, TermSumSq & { aliasedColumns: number }>();
  let at = 0;
  for (const t of order) {
    let df = 0;
    let sumSq = 0;
    let aliasedColumns = 0;
    for (let k = 0; k < blocks[t].length; k++, at++) {
      if (fit.aliased[at]) aliasedColumns++;
      else {
        df++;
        sumSq += fit.squaredEffects[at] ?? 0;
      }
    }
    byTerm.set(t, { df, sumSq, aliasedColumns });
  }
  return { byTerm, rank: fit.rank, residualSumSq: fit.residualSumSq };
}

function pick(fit: OrderedFit, term: Term): TermSumSq {
  const t = fit.byTerm.get(term);
  return { df: t?.df ?? 0, sumSq: t?.sumSq ?? 0 };
}

/**
 * The ANOVA sums of squares of the chosen type.
 *
 * Method: every model of the table is a weighted least-squares fit of the cell means with
 * weights n_ij, because SS_residual(model) = sum_ij n_ij (mean_ij - fitted_ij)^2 + SS_within.
 * Each term's sum of squares is read off one sequential QR fit (`sequentialEffects`) in which
 * the term comes after exactly the terms it is adjusted for: Type I the order A, B, A:B;
 * Type II A after B, B after A, A:B after both; Type III each term after all the others, with
 * `contr.sum` coding, the intercept on the uncentered means. The response is the centered cell
 * means (the intercept absorbs the centering), so a large common offset costs no digits.
 * With the interaction the residual is the pooled within-cell SS, exactly; without it, that plus
 * the lack of fit of the additive model.
 */
export function twoWaySums(layout: CellLayout, ssType: SsType, interaction: boolean): TwoWaySums {
  const blocks = designBlocks(layout);
  const centered = layout.cells.map((c) => Math.sqrt(c.n) * c.centeredMean);
  const main: readonly Term[] = interaction
    ? ['intercept', 'a', 'b', 'interaction']
    : ['intercept', 'a', 'b'];
  const forward = fitInOrder(blocks, main, centered);
  const residual = {
    df: layout.n - forward.rank,
    sumSq: layout.ssWithin + (interaction ? 0 : forward.residualSumSq),
  };
  const aliasedIn = (ts: readonly Term[]) => ts.some((t) => (forward.byTerm.get(t)?.aliasedColumns ?? 0) > 0);
  const aliased = aliasedIn(main);
  const mainAliased = aliasedIn(['intercept', 'a', 'b']);
  const effects: readonly Term[] = main.slice(1);
  let terms: { term: Term; ss: TermSumSq }[];
  if (ssType === 'I') {
    terms = effects.map((term) => ({ term, ss: pick(forward, term) }));
  } else if (ssType === 'II') {
    const backward = fitInOrder(blocks, ['intercept', 'b', 'a'], centered);
    terms = effects.map((term) => ({ term, ss: pick(term === 'a' ? backward : forward, term) }));
  } else {
    const raw = layout.cells.map((c) => Math.sqrt(c.n) * c.mean);
    terms = main.map((term) => {
      const others = main.filter((t) => t !== term);
      const last = fitInOrder(blocks, [...others, term], term === 'intercept' ? raw : centered);
      const ss = pick(last, term);
      // With aliased coefficients only the interaction (adjusted for the main effects, as in
      // Types I and II) keeps its meaning; the other rows depend on how the aliasing is resolved.
      const estimable = !aliased || (term === 'interaction' && !mainAliased);
      const df = blocks[term].length - (forward.byTerm.get(term)?.aliasedColumns ?? 0);
      return { term, ss: estimable ? ss : { df, sumSq: null } };
    });
  }
  return { terms, residual, aliased };
}
