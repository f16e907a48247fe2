import { once } from 'node:events';
import { type Command, Option } from 'commander';
import { InvalidArgumentError, WarehouseBusyError, WarehouseError } from '../errors.ts';
import { displayWidth, printable } from '../terminal-text.ts';
import type { ColumnInfo, JsonValue, ResultWarning, Row, Warehouse } from '../warehouse/index.ts';
import type { CliState } from './commands.ts';
import { lockTimeoutOption, type ResourceFlags, warehouseOptions } from './options.ts';

interface SqlFlags extends ResourceFlags {
  warehouse: string;
  csv?: boolean;
  json?: boolean;
}

/** `shopstat sql`: one read-only query against a warehouse, as a table, CSV or JSON. */
export function registerSql(program: Command, _state: CliState): void {
  program
    .command('sql')
    .description(
      'run one read-only query against a warehouse and print the result (a table, CSV or JSON); DECIMAL values are printed exactly',
    )
    .argument('<query>', 'the SQL query, e.g. "select * from gold.monthly_kpis order by month"')
    .requiredOption('--warehouse <file>', 'DuckDB warehouse file (opened read-only; never created)')
    .addOption(
      new Option(
        '--csv',
        "print RFC 4180 CSV (CRLF line ends); a text cell starting with = + - @, a tab or a CR gets a leading ' so that Excel keeps it as text",
      ).conflicts('json'),
    )
    .addOption(new Option('--json', 'print {columns, rows, warnings} as JSON').conflicts('csv'))
    .addOption(lockTimeoutOption('reader'))
    .option('--memory-limit <size>', 'DuckDB memory limit', '1GB')
    .option('--threads <n>', 'DuckDB threads', '2')
    .addHelpText(
      'after',
      [
        '',
        'One statement; it reads only the warehouse: writing statements, ATTACH, COPY ... TO and reading other files fail.',
        'A query that starts with "-" (a comment) goes after "--": shopstat sql --warehouse shop.duckdb -- "$(cat report.sql)"',
        'Exit codes: 0 ok, 2 a bad query, a missing warehouse or one still in use after --lock-timeout.',
      ].join('\n'),
    )
    .action(async (query: string, flags: SqlFlags) => {
      const { withWarehouse } = await import('../warehouse/index.ts');
      // A reader that goes away (`| head`) ends the output quietly, as other command-line tools do.
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') throw error;
      });
      await withWarehouse(flags.warehouse, { ...warehouseOptions(flags), readOnly: true }, async (wh) => {
        // Nothing but the warehouse: no ATTACH, no COPY ... TO, no other files.
        await wh.run('set enable_external_access = false');
        const statements = await runUserQuery(() => wh.statementCount(query));
        if (statements !== 1) {
          throw new InvalidArgumentError(
            statements === 0 ? 'sql: the query is empty' : `sql: give one statement, got ${statements}`,
          );
        }
        if (flags.csv) await writeCsv(wh, query);
        else if (flags.json) {
          const result = await runUserQuery(() => wh.query(query));
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        } else {
          const result = await runUserQuery(() => wh.query(query));
          process.stdout.write(formatTable(result.columns, result.rows));
          writeWarnings(result.warnings);
        }
      });
    });
}

/** Runs the user's query; DuckDB's complaint about it is an input error (exit code 2) with its message. */
async function runUserQuery<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof WarehouseError && !(error instanceof WarehouseBusyError)) {
      throw new InvalidArgumentError(`sql: ${error.message.replace(/^Warehouse: /, '')}`, { cause: error });
    }
    throw error;
  }
}

/**
 * Streams the result as CSV, one DuckDB chunk at a time, waiting for stdout to drain before the
 * next chunk, so a large result never sits in memory.
 */
async function writeCsv(wh: Warehouse, query: string): Promise<void> {
  let header = false;
  const warnings: ResultWarning[] = [];
  const stream = runUserQuery(async () => {
    for await (const batch of wh.stream(query)) {
      let out = '';
      if (!header) {
        out += csvLine(batch.columns.map((c) => csvCell(c.name, true)));
        header = true;
      }
      const text = batch.columns.map((c) => !NUMERIC.test(c.type));
      for (const row of batch.rows) {
        out += csvLine(batch.columns.map((c, i) => csvCell(row[c.name] ?? null, text[i] === true)));
      }
      if (!process.stdout.write(out)) await once(process.stdout, 'drain');
      warnings.push(...batch.warnings);
    }
  });
  try {
    await stream;
  } catch (error) {
    // The reader went away (`| head`): stop reading, as other command-line tools do.
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return;
    throw error;
  }
  writeWarnings(warnings);
}

const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL\(\d+,\d+\))$/;

/** Starts of a text cell that Excel and other spreadsheets would read as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field (RFC 4180): NULL is empty; a field with a comma, quote, CR or LF is quoted, its
 * quotes doubled. A text field that would start a formula in a spreadsheet (`=`, `+`, `-`, `@`, a
 * tab or a CR) gets a leading `'`, so it stays text; values of numeric columns (`-5`, DECIMAL
 * `'-0.0500'`) are numbers and left as they are.
 */
function csvCell(value: JsonValue, isText: boolean): string {
  if (value === null) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (isText && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvLine(cells: readonly string[]): string {
  return `${cells.join(',')}\r\n`;
}

/**
 * The result as an aligned text table: a header, a rule, one line per row, and the row count.
 * Numbers (numeric columns) are right-aligned; NULL is shown as `NULL`; control characters and
 * bidirectional overrides in text are shown escaped (`\n`, `\t`, `\u001b`, `\u202e`), so a value can
 * neither break the layout, drive the terminal, nor reorder what is shown.
 */
function formatTable(columns: readonly ColumnInfo[], rows: readonly Row[]): string {
  const right = columns.map((c) => NUMERIC.test(c.type));
  const cells = rows.map((row) => columns.map((c) => displayCell(row[c.name] ?? null)));
  const header = columns.map((c) => displayCell(c.name));
  const widths = header.map(displayWidth);
  for (const r of cells) {
    for (let i = 0; i < r.length; i++) widths[i] = Math.max(widths[i] ?? 0, displayWidth(r[i] ?? ''));
  }
  const pad = (text: string, i: number) => {
    const fill = ' '.repeat((widths[i] ?? 0) - displayWidth(text));
    return right[i] ? fill + text : text + fill;
  };
  const line = (r: readonly string[]) => `${r.map(pad).join(' | ')}`.trimEnd();
  const lines = [line(header), widths.map((w) => '-'.repeat(w)).join('-+-'), ...cells.map(line)];
  lines.push(`(${rows.length.toLocaleString('en-US')} ${rows.length === 1 ? 'row' : 'rows'})`);
  return `${lines.join('\n')}\n`;
}

function displayCell(value: JsonValue): string {
  if (value === null) return 'NULL';
  return printable(typeof value === 'object' ? JSON.stringify(value) : String(value));
}

function writeWarnings(warnings: readonly ResultWarning[]): void {
  for (const w of warnings) process.stderr.write(`warning: ${w.code}: ${w.message}\n`);
}
