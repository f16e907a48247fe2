import { createHash } from 'node:crypto';
import { InvalidArgumentError } from '../../errors.ts';

/**
 * fingerprint: the SHA-256 (FIPS 180-4), as 64 lower-case hex digits, of a JSON value written
 * canonically: object keys sorted by UTF-16 code units (as `Array.prototype.sort` does), no
 * white space, strings and numbers as `JSON.stringify` writes them (so `-0` is `0`), UTF-8.
 * The same figures in any key order give the same fingerprint; array order counts.
 *
 * Pass what the report is made of (input file hashes, figures), not when it was generated,
 * so that a re-run on the same data gives the same fingerprint.
 *
 * @throws {InvalidArgumentError} for anything JSON cannot carry faithfully: `undefined`,
 *   functions, symbols, bigints, `NaN`, `±Infinity`, cycles and objects that are not plain
 *   (`Date`, `Map`, typed arrays: convert them first); the message gives the path, e.g. `$.kpis[2].value`.
 * @example
 * fingerprint({ b: 2, a: [1, 'x'] }) === fingerprint({ a: [1, 'x'], b: 2 })
 * // both '8cbd548a32262b76a6536efe4e7ba86a0e811fcd0475d83a43e10acd0615aa37', the SHA-256 of {"a":[1,"x"],"b":2}
 */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}

/** The canonical JSON text that `fingerprint` hashes. */
export function canonicalJson(value: unknown): string {
  return write(value, '$', new Set());
}

function write(value: unknown, path: string, open: Set<object>): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw refuse(path, String(value));
    return JSON.stringify(value);
  }
  if (typeof value !== 'object') throw refuse(path, typeof value);
  if (open.has(value)) throw refuse(path, 'a cycle');
  open.add(value);
  let text: string;
  if (Array.isArray(value)) {
    text = `[${value.map((item, index) => write(item, `${path}[${index}]`, open)).join(',')}]`;
  } else {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      throw refuse(path, `a ${prototype?.constructor?.name ?? 'non-plain'} object`);
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    text = `{${keys.map((key) => `${JSON.stringify(key)}:${write(record[key], `${path}.${key}`, open)}`).join(',')}}`;
  }
  open.delete(value);
  return text;
}

function refuse(path: string, what: string): InvalidArgumentError {
  return new InvalidArgumentError(`fingerprint takes plain JSON values only, got ${what} at ${path}`);
}
