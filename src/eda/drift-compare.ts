import { InvalidArgumentError } from '../errors.ts';

/** What `--compare col=A,B` asks: the column and its two values, as the user typed them. */
export interface CompareSpec {
  readonly column: string;
  readonly a: string;
  readonly b: string;
}

const USAGE =
  'expected column=A,B, a value holding a comma or starting with a quote in double quotes (region="Bayern, DE",Berlin; a quote inside doubled: "say ""hi""")';

/**
 * Reads the text of `--compare`: `column=A,B`. The column is everything before the first `=`; the
 * two values are separated by a comma. A value that holds a comma (or starts with a double quote)
 * is written in double quotes, a quote inside doubled, as in CSV: `region="Bayern, DE","Berlin"`.
 * Spaces around the column, the values and the comma are dropped; inside quotes they are kept.
 *
 * @throws InvalidArgumentError quoting the text, for anything else: no `=`, an empty column or
 *   value, one value or three, an unclosed quote, or A equal to B.
 * @example parseCompare('month=2025-09,2025-10') // { column: 'month', a: '2025-09', b: '2025-10' }
 */
export function parseCompare(text: string): CompareSpec {
  const fail = (why: string): never => {
    throw new InvalidArgumentError(`parseCompare: ${why} in ${JSON.stringify(text)}; ${USAGE}`);
  };
  const eq = text.indexOf('=');
  if (eq < 0) fail('no "="');
  const column = text.slice(0, eq).trim();
  if (column === '') fail('no column before "="');
  const values: string[] = [];
  let i = eq + 1;
  for (;;) {
    while (text[i] === ' ') i++;
    let value: string;
    if (text[i] === '"') {
      value = '';
      i++;
      for (;;) {
        if (i >= text.length) return fail('an unclosed quote');
        if (text[i] === '"' && text[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else {
          value += text[i];
          i++;
        }
      }
      while (text[i] === ' ') i++;
      if (i < text.length && text[i] !== ',') fail('text after a closing quote');
    } else {
      const comma = text.indexOf(',', i);
      const end = comma < 0 ? text.length : comma;
      value = text.slice(i, end).trim();
      if (value === '') fail(`an empty value ${['A', 'B'][values.length] ?? 'after B'}`);
      i = end;
    }
    values.push(value);
    if (i >= text.length) break;
    i++; // the comma
  }
  if (values.length !== 2) fail(`${values.length} value(s) instead of 2`);
  const [a, b] = values as [string, string];
  return checkCompare({ column, a, b }, 'parseCompare');
}

/**
 * Checks a compare spec given as an object: a non-empty column and two different values.
 *
 * @throws InvalidArgumentError naming the function and the values.
 */
export function checkCompare(spec: CompareSpec, caller: string): CompareSpec {
  if (spec.column === '') throw new InvalidArgumentError(`${caller}: the compare column is empty`);
  if (spec.a === spec.b) {
    throw new InvalidArgumentError(
      `${caller}: A and B are the same value ${JSON.stringify(spec.a)} of column ${JSON.stringify(spec.column)}; compare two different values`,
    );
  }
  return spec;
}

/** A slice's condition in SQL, with the values it binds. */
export interface SliceCondition {
  readonly sql: string;
  readonly params: Readonly<Record<string, string>>;
  /** How the value was read: an exact value, or a whole month of a date or timestamp column. */
  readonly reading: 'value' | 'month';
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE_TYPES = /^(DATE|TIMESTAMP|TIMESTAMP_S|TIMESTAMP_MS|TIMESTAMP_NS|TIMESTAMP WITH TIME ZONE)$/;

/**
 * The condition selecting one slice: `column = cast($a as <type>)`, the value bound as a
 * parameter and cast by DuckDB to the column's type. For a DATE or TIMESTAMP column a value
 * `YYYY-MM` means that whole month: `column >= <first day> and column < <first day of the next
 * month>` (for TIMESTAMP WITH TIME ZONE, months in UTC). `name` (`a` or `b`) names the parameters.
 */
export function sliceCondition(
  columnSql: string,
  type: string,
  value: string,
  name: 'a' | 'b',
): SliceCondition {
  const month = MONTH.exec(value);
  if (month !== null && DATE_TYPES.test(type)) {
    const year = Number(month[1]);
    const m = Number(month[2]);
    const next = m === 12 ? { year: year + 1, m: 1 } : { year, m: m + 1 };
    const zone = type === 'TIMESTAMP WITH TIME ZONE' ? ' 00:00:00+00' : '';
    const day = (y: number, mm: number) =>
      `${String(y).padStart(4, '0')}-${String(mm).padStart(2, '0')}-01${zone}`;
    return {
      sql: `${columnSql} >= cast($${name}_from as ${type}) and ${columnSql} < cast($${name}_to as ${type})`,
      params: { [`${name}_from`]: day(year, m), [`${name}_to`]: day(next.year, next.m) },
      reading: 'month',
    };
  }
  return { sql: `${columnSql} = cast($${name} as ${type})`, params: { [name]: value }, reading: 'value' };
}

/** Whether a column of this type can split the rows into slices: scalar types only. */
export function isScalarType(type: string): boolean {
  return !/\[|^(STRUCT|MAP|UNION|LIST)\b/.test(type);
}
