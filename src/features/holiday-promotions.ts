import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { DataContractError, InvalidArgumentError } from '../errors.ts';

/** One promotion of a user's file: its name and inclusive ISO date range. */
export interface Promotion {
  readonly name: string;
  readonly start: string;
  readonly end: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** Splits one CSV line (RFC 4180 quotes, no line breaks inside fields). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

function csvRecords(text: string): { line: number; record: Record<string, unknown> }[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = csvFields(lines[0] ?? '').map((h) => h.toLowerCase());
  for (const need of ['name', 'start', 'end']) {
    if (!header.includes(need)) {
      throw new Error(
        `the header must have the columns name, start, end; got ${JSON.stringify(lines[0] ?? '')}`,
      );
    }
  }
  return lines.slice(1).flatMap((line, i) => {
    if (line.trim() === '') return [];
    const fields = csvFields(line);
    return [{ line: i + 2, record: Object.fromEntries(header.map((h, j) => [h, fields[j] ?? ''])) }];
  });
}

function yamlRecords(text: string): { line: number | null; record: Record<string, unknown> }[] {
  const doc: unknown = parseYaml(text);
  const list = Array.isArray(doc) ? doc : (doc as { promotions?: unknown } | null)?.promotions;
  if (!Array.isArray(list))
    throw new Error('expected a list of { name, start, end } (or a `promotions:` key holding one)');
  return list.map((record: unknown) => ({ line: null, record: (record ?? {}) as Record<string, unknown> }));
}

function asText(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

/**
 * Parses and validates promotions given as CSV (header `name,start,end`) or YAML (a list of
 * `{ name, start, end }`, or a `promotions:` key holding one). Dates are ISO `YYYY-MM-DD`,
 * inclusive; `end` may not be before `start`. All problems are collected into one error.
 *
 * @throws DataContractError naming the file and every bad row (line for CSV, item for YAML).
 * @example parsePromotions('name,start,end\nSpring sale,2025-03-01,2025-03-07\n', 'csv', 'p.csv') // [{ name: 'Spring sale', start: '2025-03-01', end: '2025-03-07' }]
 */
export function parsePromotions(text: string, format: 'csv' | 'yaml', file: string): Promotion[] {
  let records: { line: number | null; record: Record<string, unknown> }[];
  try {
    records = format === 'csv' ? csvRecords(text) : yamlRecords(text);
  } catch (error) {
    throw new DataContractError(`promotions file ${file}: ${(error as Error).message}`, file);
  }
  const errors: string[] = [];
  const promotions: Promotion[] = [];
  records.forEach(({ line, record }, i) => {
    const where = line === null ? `item ${i + 1}` : `line ${line}`;
    const name = asText(record.name);
    const start = asText(record.start);
    const end = asText(record.end);
    const problems: string[] = [];
    if (name === '') problems.push('name is empty');
    if (!validDate(start)) problems.push(`start ${JSON.stringify(start)} is not a date YYYY-MM-DD`);
    if (!validDate(end)) problems.push(`end ${JSON.stringify(end)} is not a date YYYY-MM-DD`);
    if (problems.length === 0 && end < start) problems.push(`end ${end} is before start ${start}`);
    if (problems.length > 0) errors.push(`${where}: ${problems.join('; ')}`);
    else promotions.push({ name, start, end });
  });
  if (errors.length > 0) {
    throw new DataContractError(
      `promotions file ${file} has ${errors.length} bad row(s): ${errors.join(' | ')}`,
      file,
    );
  }
  return promotions;
}

/**
 * Reads a promotions file (`.csv`, `.yaml` or `.yml`) and parses it with {@link parsePromotions}.
 *
 * @throws InvalidArgumentError for another extension or a file that cannot be read.
 * @throws DataContractError for bad content.
 */
export function readPromotionsFile(path: string): Promotion[] {
  const lower = path.toLowerCase();
  const format = lower.endsWith('.csv')
    ? 'csv'
    : lower.endsWith('.yaml') || lower.endsWith('.yml')
      ? 'yaml'
      : null;
  if (format === null) {
    throw new InvalidArgumentError(
      `readPromotionsFile: a promotions file must be .csv, .yaml or .yml, got ${JSON.stringify(path)}`,
    );
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InvalidArgumentError(
      `readPromotionsFile: cannot read ${JSON.stringify(path)}: ${(error as Error).message}`,
    );
  }
  return parsePromotions(text, format, path);
}
