/**
 * Explicit date formats of source mappings (`dd/mm/yyyy HH:MM`, `M/D/YY H:MM`, `iso`). A format
 * is split at its first space or `T` into a date part and a time part, so `M`/`MM` mean the month
 * before it and the minutes after it. A value that does not match the format exactly is never
 * guessed at: it is rejected as `bad_timestamp`.
 */

export interface DateFormat {
  /** The format as written in the mapping. */
  readonly source: string;
  /** DuckDB `strptime` format. */
  readonly strptime: string;
  /** Regular expression the whole value must match (digit counts of each token). */
  readonly pattern: string;
  /** Whether the format has a time of day. */
  readonly hasTime: boolean;
  /** Order of year, month and day in the date part, e.g. `day-month-year`; `iso` for ISO 8601. */
  readonly order: string;
}

interface Token {
  readonly spec: string;
  readonly pattern: string;
  readonly field: string;
}

const DATE_TOKENS: Readonly<Record<string, Token>> = {
  yyyy: { spec: '%Y', pattern: '\\d{4}', field: 'year' },
  yy: { spec: '%y', pattern: '\\d{2}', field: 'year' },
  mm: { spec: '%m', pattern: '\\d{2}', field: 'month' },
  m: { spec: '%m', pattern: '\\d{1,2}', field: 'month' },
  dd: { spec: '%d', pattern: '\\d{2}', field: 'day' },
  d: { spec: '%d', pattern: '\\d{1,2}', field: 'day' },
};

const TIME_TOKENS: Readonly<Record<string, Token>> = {
  hh: { spec: '%H', pattern: '\\d{2}', field: 'hour' },
  h: { spec: '%H', pattern: '\\d{1,2}', field: 'hour' },
  mm: { spec: '%M', pattern: '\\d{2}', field: 'minute' },
  ss: { spec: '%S', pattern: '\\d{2}', field: 'second' },
};

const SEPARATORS = new Set(['/', '-', '.', ':']);

/**
 * Parses a mapping's date format.
 *
 * @throws Error with a message for the mapping's reader (the caller adds file and line).
 * @example parseDateFormat('dd/mm/yyyy HH:MM').strptime // '%d/%m/%Y %H:%M'
 */
export function parseDateFormat(format: string): DateFormat {
  if (format.toLowerCase() === 'iso') {
    return { source: format, strptime: '', pattern: '', hasTime: true, order: 'iso' };
  }
  const cut = format.search(/[ T]/);
  const datePart = cut < 0 ? format : format.slice(0, cut);
  const timePart = cut < 0 ? null : format.slice(cut + 1);
  const date = tokenize(datePart, DATE_TOKENS, 'date', format);
  const time = timePart === null ? null : tokenize(timePart, TIME_TOKENS, 'time', format);
  requireFields(date.fields, ['year', 'month', 'day'], format);
  if (time !== null) requireFields(time.fields, ['hour', 'minute'], format);
  const joint = cut < 0 ? '' : (format[cut] as string);
  return {
    source: format,
    strptime: date.spec + (time === null ? '' : joint + time.spec),
    pattern: date.pattern + (time === null ? '' : escapeRegex(joint) + time.pattern),
    hasTime: time !== null,
    order: date.fields.join('-'),
  };
}

function tokenize(
  part: string,
  tokens: Readonly<Record<string, Token>>,
  what: string,
  whole: string,
): { spec: string; pattern: string; fields: string[] } {
  let spec = '';
  let pattern = '';
  const fields: string[] = [];
  let i = 0;
  while (i < part.length) {
    const ch = part[i] as string;
    if (SEPARATORS.has(ch)) {
      spec += ch;
      pattern += escapeRegex(ch);
      i++;
      continue;
    }
    let j = i;
    while (j < part.length && part[j]?.toLowerCase() === ch.toLowerCase()) j++;
    const run = part.slice(i, j).toLowerCase();
    const token = tokens[run];
    if (token === undefined) {
      throw new Error(
        `date format '${whole}': '${part.slice(i, j)}' is not a ${what} token (use ${Object.keys(tokens).join(', ')} in the ${what} part, separated by / - . :)`,
      );
    }
    if (fields.includes(token.field)) {
      throw new Error(`date format '${whole}': the ${token.field} appears twice`);
    }
    fields.push(token.field);
    spec += token.spec;
    pattern += token.pattern;
    i = j;
  }
  return { spec, pattern, fields };
}

function requireFields(fields: readonly string[], needed: readonly string[], whole: string): void {
  for (const f of needed) {
    if (!fields.includes(f)) throw new Error(`date format '${whole}' has no ${f}`);
  }
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
