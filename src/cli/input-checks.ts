import { statSync } from 'node:fs';
import { InvalidArgumentError } from '../errors.ts';

/** The most DuckDB threads a command accepts (`--threads`). */
export const MAX_THREADS = 64;

/**
 * The smallest `--memory-limit` accepted, in bytes (128 MB). Measured: an `etl` of a 2,000-order
 * demo fails with DuckDB's "could not allocate block of size 30.5 MiB" at 64MB and loads at 128MB.
 */
export const MIN_MEMORY_LIMIT_BYTES = 128e6;

/** Bytes per unit of a DuckDB size (`1GB`, `512MiB`), keyed by the lower-cased unit. */
const SIZE_UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** Commands that create the warehouse they are given; every other command reads an existing one. */
const CREATES_WAREHOUSE: ReadonlySet<string> = new Set(['etl']);

/**
 * Checks a command's options before its action runs, so that a wrong value is reported by the
 * command and option the user typed, not by a function deep inside (`listLanding: ...`,
 * `Warehouse.open: ...`). Options are recognised by name, whichever command declares them:
 *
 * - `--landing`: an existing folder;
 * - `--mapping`: an existing file;
 * - `--out`: a folder, or nothing yet (for `features`, whose output is one file: a file, replaced,
 *   or nothing yet, never a folder);
 * - `--warehouse`: a file, or nothing yet for a command that creates it (`etl`); every other
 *   command reads an existing warehouse and must not create one;
 * - `--threads`: a whole number from 1 to {@link MAX_THREADS};
 * - `--memory-limit`: a DuckDB size (`512MB`, `4GB`, `1.5GiB`) of at least 128MB.
 *
 * @param command The command as typed, e.g. `etl` or `mapping check`; starts every message.
 * @param options The parsed options (`command.opts()`), keyed by commander's camelCase names.
 * @throws InvalidArgumentError naming the command, the option and the bad value.
 * @example checkCommandInput('etl', { threads: '999999' })
 * // throws 'etl: --threads must be a whole number from 1 to 64, got "999999"'
 */
export function checkCommandInput(command: string, options: Readonly<Record<string, unknown>>): void {
  const { landing, out, warehouse, mapping, threads, memoryLimit } = options;
  if (typeof landing === 'string') checkFolder(command, '--landing', landing, 'of exports');
  if (typeof mapping === 'string') checkMappingFile(command, mapping);
  if (typeof out === 'string' && kindOf(out) !== 'missing') {
    if (command !== 'features') checkFolder(command, '--out', out, 'to write into');
    else if (kindOf(out) !== 'file') {
      throw new InvalidArgumentError(
        `${command}: --out ${out} is a folder or device, not a file to write (.csv or .parquet)`,
      );
    }
  }
  if (typeof warehouse === 'string') checkWarehouse(command, warehouse);
  if (typeof threads === 'string') checkThreads(command, threads);
  if (typeof memoryLimit === 'string') checkMemoryLimit(command, memoryLimit);
}

/** `--threads`: a whole number from 1 to {@link MAX_THREADS}. */
export function checkThreads(command: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_THREADS) {
    throw new InvalidArgumentError(
      `${command}: --threads must be a whole number from 1 to ${MAX_THREADS}, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

/** `--memory-limit`: a DuckDB size of at least {@link MIN_MEMORY_LIMIT_BYTES}; returns its bytes. */
export function checkMemoryLimit(command: string, value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(value);
  const perUnit = match === null ? undefined : SIZE_UNITS[(match[2] as string).toLowerCase()];
  if (match === null || perUnit === undefined) {
    throw new InvalidArgumentError(
      `${command}: --memory-limit must be a size such as 512MB, 4GB or 1.5GiB (units B, KB, MB, GB, TB, KiB, MiB, GiB, TiB), got ${JSON.stringify(value)}`,
    );
  }
  const bytes = Number(match[1]) * perUnit;
  if (bytes < MIN_MEMORY_LIMIT_BYTES) {
    throw new InvalidArgumentError(
      `${command}: --memory-limit must be at least 128MB (below it DuckDB runs out of memory loading even a small file), got ${JSON.stringify(value)}`,
    );
  }
  return bytes;
}

type PathKind = 'missing' | 'folder' | 'file' | 'other';

function kindOf(path: string): PathKind {
  try {
    const stat = statSync(path);
    return stat.isDirectory() ? 'folder' : stat.isFile() ? 'file' : 'other';
  } catch {
    return 'missing';
  }
}

function checkFolder(command: string, option: string, path: string, purpose: string): void {
  const kind = kindOf(path);
  if (kind === 'folder') return;
  const problem =
    kind === 'missing'
      ? 'does not exist'
      : kind === 'file'
        ? `is a file, not a folder ${purpose}`
        : `is not a folder ${purpose}`;
  throw new InvalidArgumentError(`${command}: ${option} ${path} ${problem}`);
}

function checkMappingFile(command: string, path: string): void {
  const kind = kindOf(path);
  if (kind === 'file') return;
  const problem = kind === 'missing' ? 'does not exist' : 'is not a file';
  throw new InvalidArgumentError(
    `${command}: --mapping ${path} ${problem}; pass a mapping file (YAML), e.g. etl/mappings/olist.yaml`,
  );
}

function checkWarehouse(command: string, path: string): void {
  const kind = kindOf(path);
  if (kind === 'file' || (kind === 'missing' && CREATES_WAREHOUSE.has(command))) return;
  if (kind === 'missing') {
    throw new InvalidArgumentError(
      `${command}: --warehouse ${path} does not exist; build it first with: shopstat etl --landing DIR --warehouse ${path}`,
    );
  }
  throw new InvalidArgumentError(
    `${command}: --warehouse ${path} is ${kind === 'folder' ? 'a folder' : 'not a file'}, not a DuckDB warehouse file`,
  );
}
