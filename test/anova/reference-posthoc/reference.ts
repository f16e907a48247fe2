import { readFileSync } from 'node:fs';
import type { GroupSample } from '../../../src/anova/types.ts';

/** One pair of a reference comparison; which fields are present depends on the method. */
export interface ReferencePair {
  readonly a: string;
  readonly b: string;
  readonly [field: string]: number | string | null;
}

export interface ReferenceComparison {
  readonly confidenceLevel?: number;
  readonly df?: number;
  readonly meanSquareError?: number;
  readonly criticalValue?: number;
  readonly criticalValueRoot?: number;
  readonly sumTiesCubedMinusTies?: number;
  readonly n?: number;
  readonly rankSums?: readonly number[];
  readonly pairs: readonly ReferencePair[];
}

/** One data set of reference.json (R output of reference.R, %.17g). */
export interface PosthocReference {
  readonly name: string;
  readonly groups: readonly GroupSample[];
  readonly tukey: ReferenceComparison;
  readonly tukey90: ReferenceComparison;
  readonly gamesHowell: ReferenceComparison;
  readonly dunn: ReferenceComparison;
}

const json = JSON.parse(readFileSync(new URL('./reference.json', import.meta.url), 'utf8')) as {
  source: string;
  pAdjust: Record<'p' | 'holm' | 'bonferroni' | 'bh', number[]>;
  datasets: PosthocReference[];
};

export const POSTHOC_REFERENCE: readonly PosthocReference[] = json.datasets;
export const P_ADJUST_REFERENCE = json.pAdjust;

/** A number field of a reference pair. */
export function field(pair: ReferencePair, key: string): number {
  const v = pair[key];
  if (typeof v !== 'number') throw new Error(`reference pair ${pair.a}-${pair.b} has no number ${key}`);
  return v;
}

/** A reference data set by name. */
export function dataset(name: string): PosthocReference {
  const d = POSTHOC_REFERENCE.find((x) => x.name === name);
  if (d === undefined) throw new Error(`no reference data set ${name}`);
  return d;
}
