import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
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

/** Compares strings by their UTF-8 bytes, the order files of one run are applied in. */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * Lists the CSV files of a landing folder (not recursive), in byte order of their names, each
 * with the entity its name selects (contract §1). Hidden files are ignored.
 *
 * @throws InvalidArgumentError when the folder does not exist.
 */
export function listLanding(dir: string): LandingFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new InvalidArgumentError(`listLanding: landing folder ${dir} does not exist or cannot be read`);
  }
  return names
    .filter((n) => !n.startsWith('.') && statSync(join(dir, n)).isFile())
    .sort(byteOrder)
    .map((name) => ({ name, path: join(dir, name), entity: entityForFile(name) }));
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
