import { type Dirent, lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { InvalidArgumentError } from '../src/errors.ts';
import { type EntityName, entityForFile } from './contract.ts';

/** A file found in the landing folder. */
export interface LandingFile {
  /** Name relative to the landing folder (also the ledger key). */
  readonly name: string;
  readonly path: string;
  /** The entity it belongs to, or null when its name matches none. */
  readonly entity: EntityName | null;
}

/** How the landing folder is listed. */
export interface LandingListOptions {
  /**
   * Follow a symlink whose target lies outside the landing folder; default false (it is
   * reported by {@link landingProblems} as `outside_landing` and never read).
   */
  readonly followSymlinks?: boolean;
}

/**
 * An entry of the landing folder named like a landing file that cannot be read as one: a
 * dangling symlink, a folder, a FIFO or another special file (`unreadable`), or a symlink out of
 * the folder (`outside_landing`). The runner rejects it alone, without opening it.
 */
export interface LandingProblem {
  readonly name: string;
  readonly path: string;
  readonly reason: 'unreadable' | 'outside_landing';
  /** What is wrong, starting with the entry's name. */
  readonly detail: string;
}

/** Compares strings by their UTF-8 bytes, the order files of one run are applied in. */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** What one entry of the folder is: a regular file to list, a problem, or nothing to list. */
type Entry =
  | { readonly kind: 'file' }
  | { readonly kind: 'problem'; readonly problem: LandingProblem }
  | null;

/** Names that look like a landing file (`.csv`, `.csv.gz`), for entries that cannot be one. */
const LANDING_NAME = /\.csv(\.gz)?$/i;

function readEntries(dir: string, caller: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    throw new InvalidArgumentError(`${caller}: landing folder ${dir} does not exist or cannot be read`);
  }
}

/**
 * Classifies one folder entry without opening it (no read can hang on a FIFO): `lstat` for the
 * link itself, `stat` for what it points to, `realpath` for where.
 */
function classify(dir: string, realDir: string, name: string, options: LandingListOptions): Entry {
  if (name.startsWith('.')) return null;
  const path = join(dir, name);
  const looksLikeFile = LANDING_NAME.test(name);
  const problem = (reason: LandingProblem['reason'], detail: string): Entry =>
    looksLikeFile ? { kind: 'problem', problem: { name, path, reason, detail: `${name}: ${detail}` } } : null;
  let link: ReturnType<typeof lstatSync>;
  try {
    link = lstatSync(path);
  } catch (error) {
    return problem('unreadable', `cannot be listed (${errorCode(error)})`);
  }
  let target: ReturnType<typeof statSync>;
  try {
    target = statSync(path);
  } catch (error) {
    return problem(
      'unreadable',
      !link.isSymbolicLink()
        ? `cannot be read (${errorCode(error)})`
        : errorCode(error) === 'ENOENT'
          ? 'is a symlink to nothing (ENOENT: its target does not exist)'
          : `is a symlink that cannot be followed (${errorCode(error)})`,
    );
  }
  if (target.isDirectory()) return problem('unreadable', 'is a folder, not a file');
  if (!target.isFile()) {
    return problem(
      'unreadable',
      `is ${target.isFIFO() ? 'a FIFO (named pipe)' : 'a special file'}, not a regular file`,
    );
  }
  if (link.isSymbolicLink() && options.followSymlinks !== true) {
    let real: string;
    try {
      real = realpathSync(path);
    } catch (error) {
      return problem('unreadable', `is a symlink that cannot be resolved (${errorCode(error)})`);
    }
    const inside = relative(realDir, real);
    if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || inside.startsWith(sep)) {
      // Named even when its name matches nothing: a link out of the folder is never read.
      return {
        kind: 'problem',
        problem: {
          name,
          path,
          reason: 'outside_landing',
          detail: `${name}: is a symlink to a file outside the landing folder and was not read; pass --follow-symlinks to allow it`,
        },
      };
    }
  }
  return { kind: 'file' };
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : String(error);
}

function realFolder(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}

/**
 * Lists the CSV files of a landing folder (not recursive), in byte order of their names, each
 * with the entity its name selects (contract §1). Hidden files are ignored; so are entries that
 * are not regular files, and symlinks out of the folder unless `followSymlinks`: those are what
 * {@link landingProblems} reports.
 *
 * @throws InvalidArgumentError when the folder does not exist.
 */
export function listLanding(dir: string, options: LandingListOptions = {}): LandingFile[] {
  const realDir = realFolder(dir);
  return readEntries(dir, 'listLanding')
    .map((d) => d.name)
    .filter((name) => classify(dir, realDir, name, options)?.kind === 'file')
    .sort(byteOrder)
    .map((name) => ({ name, path: join(dir, name), entity: entityForFile(name) }));
}

/**
 * The entries of a landing folder named like landing files (`.csv`, `.csv.gz`) that cannot be
 * read as files (dangling symlinks, folders, FIFOs), and the symlinks out of the folder unless
 * `followSymlinks`; in byte order of their names. None of them is opened.
 *
 * @throws InvalidArgumentError when the folder does not exist.
 */
export function landingProblems(dir: string, options: LandingListOptions = {}): LandingProblem[] {
  const realDir = realFolder(dir);
  const problems: LandingProblem[] = [];
  for (const d of readEntries(dir, 'landingProblems')) {
    const entry = classify(dir, realDir, d.name, options);
    if (entry?.kind === 'problem') problems.push(entry.problem);
  }
  return problems.sort((a, b) => byteOrder(a.name, b.name));
}

/**
 * Whether a file name matches a glob: `*` any run of characters but `/`, `**` any run, `?` one
 * character; everything else literal.
 *
 * @example matchesGlob('order_items_2025-03.csv', 'order_items_*') // true
 */
export function matchesGlob(name: string, glob: string): boolean {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        re += '.*';
        i++;
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`).test(name);
}
