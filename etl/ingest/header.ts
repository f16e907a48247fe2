import type { EntitySpec, FileRejectionReason } from '../contract.ts';

/** How a file's columns map to the contract: source position of each contract column, and extras. */
export interface HeaderMapping {
  /** Contract column name to its 0-based position in the file, or null when the file lacks it. */
  readonly positions: Readonly<Record<string, number | null>>;
  /** Columns the contract does not know, kept in bronze's `_extra`. */
  readonly extras: readonly { readonly position: number; readonly name: string }[];
  /** Number of fields in the header. */
  readonly width: number;
}

export type HeaderResult =
  | { readonly ok: true; readonly mapping: HeaderMapping }
  | {
      readonly ok: false;
      readonly reason: FileRejectionReason;
      readonly column: string | null;
      readonly detail: string;
    };

/** Splits one CSV record (RFC 4180 quoting) into fields. */
export function splitCsvRecord(record: string): string[] {
  const fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let atStart = true;
  for (let i = 0; i < record.length; i++) {
    const ch = record[i];
    if (inQuotes) {
      if (ch === '"') {
        if (record[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += ch;
    } else if (ch === '"' && atStart) {
      inQuotes = true;
      atStart = false;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      atStart = true;
    } else {
      field += ch;
      atStart = false;
    }
  }
  fields.push(field);
  return fields;
}

/** The names of a header record, trimmed; fails for an empty or repeated name. */
export function headerNames(header: string):
  | { readonly ok: true; readonly names: readonly string[]; readonly index: ReadonlyMap<string, number> }
  | {
      readonly ok: false;
      readonly reason: FileRejectionReason;
      readonly column: string | null;
      readonly detail: string;
    } {
  const names = splitCsvRecord(header).map((n) => n.trim());
  const seen = new Map<string, number>();
  for (const [i, name] of names.entries()) {
    const key = name.toLowerCase();
    if (key === '') {
      return {
        ok: false,
        reason: 'bad_header',
        column: null,
        detail: `column ${i + 1} of the header has no name`,
      };
    }
    if (seen.has(key)) {
      return {
        ok: false,
        reason: 'bad_header',
        column: name,
        detail: `the header names column '${name}' twice`,
      };
    }
    seen.set(key, i);
  }
  return { ok: true, names, index: seen };
}

/**
 * Matches a header to an entity's contract columns: case-insensitively after trimming. A header
 * that lacks a required column, names a column twice or has an empty name fails.
 */
export function mapHeader(header: string, entity: EntitySpec): HeaderResult {
  const parsed = headerNames(header);
  if (!parsed.ok) return parsed;
  const { names, index: seen } = parsed;
  const positions: Record<string, number | null> = {};
  for (const c of entity.columns) {
    const p = seen.get(c.name) ?? null;
    if (p === null && c.required) {
      return {
        ok: false,
        reason: 'missing_column',
        column: c.name,
        detail: `required column '${c.name}' is missing from the header (${names.join(', ')})${delimiterHint(names)}`,
      };
    }
    positions[c.name] = p;
  }
  const known = new Set(entity.columns.map((c) => c.name));
  const extras = names.flatMap((name, position) =>
    known.has(name.toLowerCase()) ? [] : [{ position, name }],
  );
  return { ok: true, mapping: { positions, extras, width: names.length } };
}

/** A hint when a header looks split by another delimiter than the contract's comma. */
export function delimiterHint(names: readonly string[]): string {
  const joined = names.join(',');
  for (const [sep, label] of [
    [';', 'semicolons'],
    ['\t', 'tabs'],
    ['|', 'pipes'],
  ] as const) {
    if (joined.split(sep).length > names.length)
      return `; the header looks separated by ${label}, but the contract's delimiter is a comma`;
  }
  return '';
}
