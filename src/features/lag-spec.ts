/**
 * What a lag / window feature is: the {@link WindowSpec} data type, its command-line syntax
 * ({@link parseWindowSpec}, {@link formatWindowSpec}) and the name of the column it makes
 * ({@link windowFeatureName}).
 */
import { InvalidArgumentError } from '../errors.ts';
import { validateIdentifier } from '../warehouse/identifiers.ts';

/** The operations of a window feature (see {@link WindowSpec}). */
export type WindowOp =
  | 'lag'
  | 'lead'
  | 'sum'
  | 'mean'
  | 'count'
  | 'min'
  | 'max'
  | 'expanding_sum'
  | 'expanding_mean'
  | 'expanding_count'
  | 'days_since_previous';

/** The rolling aggregates, which take a `window`. */
export const ROLLING_OPS = ['sum', 'mean', 'count', 'min', 'max'] as const;
/** The expanding aggregates (everything of the group so far), which take no argument. */
export const EXPANDING_OPS = ['expanding_sum', 'expanding_mean', 'expanding_count'] as const;

/**
 * One lag / window feature over the rows of a group, ordered by the row's date.
 *
 * - `lag` / `lead`: the value `k` rows back / ahead (`k` counts rows, not days; default 1).
 * - `sum`, `mean`, `count`, `min`, `max`: over a rolling `window` of `{ days }` (calendar days, a
 *   RANGE on the date, so days without rows are a gap) or `{ rows }` (the last N rows).
 * - `expanding_sum`, `expanding_mean`, `expanding_count`: over all earlier rows of the group.
 * - `days_since_previous`: calendar days since the group's previous row (no `value`).
 *
 * `count` counts non-null values of `value`. `value` and `by` are column names as the table
 * spells them (checked and quoted by the builder). An empty `by` makes the table one group.
 */
export interface WindowSpec {
  readonly value: string;
  readonly by: readonly string[];
  readonly op: WindowOp;
  readonly k?: number;
  readonly window?: { readonly days: number } | { readonly rows: number };
}

/** The largest `k`, day count or row count a spec accepts. */
export const MAX_WINDOW_SIZE = 100_000;

const ACCEPTED_FORMS = [
  'lag:<value>[:<k>]@<by>[,<by>...]        e.g. lag:revenue:1@customer_id',
  'lead:<value>[:<k>]@<by>                 e.g. lead:revenue:2@customer_id (not in training mode)',
  '<sum|mean|count|min|max>:<value>:<N>d@<by>   N calendar days, e.g. sum:revenue:7d@customer_id',
  '<sum|mean|count|min|max>:<value>:<N>r@<by>   N rows, e.g. mean:revenue:3r@customer_id,channel',
  '<expanding_sum|expanding_mean|expanding_count>:<value>@<by>   e.g. expanding_sum:revenue@customer_id',
  'days_since_previous@<by>                e.g. days_since_previous@customer_id',
  '(omit @<by> to treat the whole table as one group; k and N are integers 1..100000)',
].join('\n  ');

function invalid(text: string, why: string): InvalidArgumentError {
  return new InvalidArgumentError(
    `parseWindowSpec: ${why} in ${JSON.stringify(text)}; accepted forms:\n  ${ACCEPTED_FORMS}`,
  );
}

function parseSize(text: string, raw: string, what: string): number {
  if (!/^[0-9]+$/.test(raw))
    throw invalid(text, `${what} must be a positive integer, got ${JSON.stringify(raw)}`);
  const n = Number(raw);
  if (n < 1 || n > MAX_WINDOW_SIZE) throw invalid(text, `${what} must be 1..${MAX_WINDOW_SIZE}, got ${n}`);
  return n;
}

function parseBy(text: string, raw: string | undefined): string[] {
  if (raw === undefined) return [];
  const by = raw.split(',').map((part) => part.trim());
  if (by.some((part) => part === '')) throw invalid(text, 'an empty group column');
  return by;
}

/**
 * Parses the command-line form of a window feature (forms listed below; spaces around parts are
 * ignored). Column names containing `:`, `@` or `,` cannot be written this way: use the library.
 *
 * ```text
 * lag:<value>[:<k>]@<by>[,<by>...]      lead:<value>[:<k>]@<by>
 * <sum|mean|count|min|max>:<value>:<N>d@<by>   (N calendar days)
 * <sum|mean|count|min|max>:<value>:<N>r@<by>   (N rows)
 * <expanding_sum|expanding_mean|expanding_count>:<value>@<by>
 * days_since_previous@<by>
 * ```
 *
 * @throws InvalidArgumentError naming the text and listing the accepted forms.
 * @example parseWindowSpec('sum:revenue:7d@customer_id') // { op: 'sum', value: 'revenue', by: ['customer_id'], window: { days: 7 } }
 */
export function parseWindowSpec(text: string): WindowSpec {
  const at = text.indexOf('@');
  const head = (at === -1 ? text : text.slice(0, at)).trim();
  const by = parseBy(text, at === -1 ? undefined : text.slice(at + 1));
  const parts = head.split(':').map((part) => part.trim());
  const [op, value, arg, ...rest] = parts;
  if (rest.length > 0) throw invalid(text, 'too many ":" parts');
  const known = ['lag', 'lead', 'days_since_previous', ...ROLLING_OPS, ...EXPANDING_OPS] as readonly string[];
  if (!known.includes(op ?? '')) throw invalid(text, `unknown operation ${JSON.stringify(op)}`);
  if (op === 'days_since_previous') {
    if (parts.length !== 1) throw invalid(text, 'days_since_previous takes no value column');
    return { op, value: '', by };
  }
  if (value === undefined || value === '')
    throw invalid(text, `a missing value column after ${JSON.stringify(op)}`);
  if (op === 'lag' || op === 'lead') {
    return { op, value, by, k: arg === undefined ? 1 : parseSize(text, arg, 'k') };
  }
  if ((EXPANDING_OPS as readonly string[]).includes(op ?? '')) {
    if (arg !== undefined) throw invalid(text, `${op} takes no window`);
    return { op: op as WindowOp, value, by };
  }
  if ((ROLLING_OPS as readonly string[]).includes(op ?? '')) {
    const match = /^([0-9]+)([dr])$/.exec(arg ?? '');
    if (match === null) throw invalid(text, `${op} needs a window <N>d (days) or <N>r (rows)`);
    const size = parseSize(text, match[1] ?? '', 'N');
    const window = match[2] === 'd' ? { days: size } : { rows: size };
    return { op: op as WindowOp, value, by, window };
  }
  throw invalid(text, `unknown operation ${JSON.stringify(op)}`);
}

/** The command-line form of a spec; `parseWindowSpec(formatWindowSpec(s))` gives `s` back. */
export function formatWindowSpec(spec: WindowSpec): string {
  const by = spec.by.length === 0 ? '' : `@${spec.by.join(',')}`;
  if (spec.op === 'days_since_previous') return `days_since_previous${by}`;
  if (spec.op === 'lag' || spec.op === 'lead') return `${spec.op}:${spec.value}:${spec.k ?? 1}${by}`;
  if (spec.window === undefined) return `${spec.op}:${spec.value}${by}`;
  const size = 'days' in spec.window ? `${spec.window.days}d` : `${spec.window.rows}r`;
  return `${spec.op}:${spec.value}:${size}${by}`;
}

/** A column name as a lowercase snake-case name part: `Umsatz (€)` becomes `umsatz`. */
export function namePart(column: string): string {
  const slug = column
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (slug === '') return 'col';
  return /^[0-9]/.test(slug) ? `c_${slug}` : slug;
}

/**
 * The name of a spec's feature column: `<value>_<op>[_<k> | _<N>d | _<N>r]_by_<by>_<by>`, each
 * column as {@link namePart}; `days_since_previous_by_<by>`; without `by`, no `_by_` part.
 * Examples: `revenue_lag_1_by_customer_id`, `revenue_sum_7d_by_customer_id`,
 * `revenue_mean_3r_by_customer_id_channel`, `revenue_expanding_sum_by_customer_id`.
 *
 * @throws InvalidArgumentError when the name is not a valid identifier (longer than 63 characters).
 */
export function windowFeatureName(spec: WindowSpec): string {
  const by = spec.by.length === 0 ? '' : `_by_${spec.by.map(namePart).join('_')}`;
  let base: string;
  if (spec.op === 'days_since_previous') base = 'days_since_previous';
  else if (spec.op === 'lag' || spec.op === 'lead')
    base = `${namePart(spec.value)}_${spec.op}_${spec.k ?? 1}`;
  else if (spec.window === undefined) base = `${namePart(spec.value)}_${spec.op}`;
  else {
    const size = 'days' in spec.window ? `${spec.window.days}d` : `${spec.window.rows}r`;
    base = `${namePart(spec.value)}_${spec.op}_${size}`;
  }
  return validateIdentifier(`${base}${by}`, `feature name of ${formatWindowSpec(spec)}`);
}
