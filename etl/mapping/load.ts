import { readFileSync } from 'node:fs';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type YAMLMap } from 'yaml';
import { InvalidArgumentError } from '../../src/errors.ts';
import { ENTITIES, type EntityName, entitySpec, REJECTION_REASONS } from '../contract.ts';
import { DUPLICATE_ROW } from './compile.ts';
import { parseDateFormat } from './dates.ts';
import type {
  Condition,
  EntityMapping,
  Expr,
  Mapping,
  RejectRule,
  SourceColumnRef,
  SourceSpec,
  TextEncoding,
} from './types.ts';

/** The mapping file format version this code reads. */
export const MAPPING_VERSION = 1;

const ENCODINGS: Readonly<Record<string, TextEncoding>> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  latin1: 'latin1',
  'latin-1': 'latin1',
  'iso-8859-1': 'latin1',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
};

const UNARY = ['trim', 'upper', 'lower', 'abs'] as const;
const ARITHMETIC = ['add', 'sub', 'mul', 'div'] as const;
const EXPR_OPS = [
  'column',
  'const',
  ...UNARY,
  'strip_prefix',
  'round',
  ...ARITHMETIC,
  'date',
  'map',
  'if',
  'coalesce',
  'concat',
  'line_number',
];
const COND_OPS = ['empty', 'starts_with', 'equals', 'in', 'below', 'above', 'not', 'all', 'any'];
/** A mapping's own reasons: lower-case words, not the contract's. */
const REASON = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * Reads and validates a mapping file. Every error names the mapping file and line.
 *
 * @throws InvalidArgumentError for a file that cannot be read, is not YAML, or breaks the format.
 */
export function loadMapping(path: string): Mapping {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InvalidArgumentError(`mapping: cannot read ${path}`);
  }
  return parseMapping(text, path);
}

/** Parses mapping text (see {@link loadMapping}); `file` names it in messages. */
export function parseMapping(text: string, file: string): Mapping {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const lineOf = (node: unknown): number => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range === undefined ? 1 : lines.linePos(range[0]).line;
  };
  const fail = (node: unknown, message: string): never => {
    throw new InvalidArgumentError(`mapping ${file} line ${lineOf(node)}: ${message}`);
  };
  const firstError = doc.errors[0];
  if (firstError !== undefined) {
    const at = firstError.linePos?.[0]?.line ?? 1;
    throw new InvalidArgumentError(
      `mapping ${file} line ${at}: not valid YAML: ${firstError.message.split('\n')[0]}`,
    );
  }
  const deref = (node: unknown): unknown => (isAlias(node) ? node.resolve(doc) : node);

  const asMap = (node: unknown, what: string): YAMLMap => {
    const n = deref(node);
    if (!isMap(n)) return fail(node, `${what} must be a mapping of keys to values`);
    return n as YAMLMap;
  };
  const entries = (map: YAMLMap): { key: string; keyNode: unknown; value: unknown }[] =>
    map.items.map((pair) => {
      const key = isScalar(pair.key) ? String(pair.key.value) : fail(pair.key, 'keys must be plain words');
      return { key, keyNode: pair.key, value: pair.value };
    });
  const field = (map: YAMLMap, key: string): { keyNode: unknown; value: unknown } | undefined =>
    entries(map).find((e) => e.key === key);
  const onlyKeys = (map: YAMLMap, allowed: readonly string[], what: string) => {
    for (const e of entries(map)) {
      if (!allowed.includes(e.key))
        fail(e.keyNode, `unknown key '${e.key}' in ${what} (expected ${allowed.join(', ')})`);
    }
  };
  const scalarText = (node: unknown, what: string): string => {
    const n = deref(node);
    if (!isScalar(n) || n.value === null || typeof n.value === 'object')
      return fail(node, `${what} must be a text value`);
    return String(n.value);
  };
  const textList = (node: unknown, what: string): { text: string; node: unknown }[] => {
    const n = deref(node);
    if (isSeq(n)) return n.items.map((item) => ({ text: scalarText(item, what), node: item }));
    return [{ text: scalarText(node, what), node }];
  };
  const integer = (node: unknown, what: string, min: number, max: number): number => {
    const n = deref(node);
    if (
      !isScalar(n) ||
      typeof n.value !== 'number' ||
      !Number.isInteger(n.value) ||
      n.value < min ||
      n.value > max
    )
      return fail(node, `${what} must be a whole number from ${min} to ${max}`);
    return n.value;
  };
  const columnRefs = (node: unknown, what: string): SourceColumnRef[] =>
    textList(node, what).map((t) => ({ name: t.text, line: lineOf(t.node) }));

  const expr = (node: unknown): Expr => {
    const n = deref(node);
    const line = lineOf(node);
    if (isScalar(n)) {
      if (n.value === null) return { op: 'const', line, value: null };
      if (typeof n.value === 'string') return { op: 'column', line, name: n.value };
      if (typeof n.value === 'number' || typeof n.value === 'boolean')
        return { op: 'const', line, value: String(n.value) };
      return fail(node, 'an expression must be a source column name, a number or an operation');
    }
    if (!isMap(n)) {
      return fail(
        node,
        `an expression must be a source column name, a number or one operation (${EXPR_OPS.join(', ')})`,
      );
    }
    const map = n as YAMLMap;
    const ops = entries(map).filter((e) => EXPR_OPS.includes(e.key));
    if (ops.length !== 1) {
      return fail(
        node,
        ops.length === 0
          ? `unknown operation '${entries(map)[0]?.key ?? ''}' (expected one of ${EXPR_OPS.join(', ')})`
          : `one operation per expression, found ${ops.map((o) => o.key).join(' and ')}`,
      );
    }
    const { key: op, value } = ops[0] as { key: string; value: unknown };
    const params = (allowed: readonly string[]) => onlyKeys(map, [op, ...allowed], `operation '${op}'`);
    const required = (key: string): unknown => {
      const f = field(map, key);
      return f === undefined ? fail(node, `operation '${op}' needs '${key}'`) : f.value;
    };
    const args = (min: number, max: number): Expr[] => {
      const seq = deref(value);
      if (!isSeq(seq) || seq.items.length < min || seq.items.length > max)
        return fail(
          value,
          `operation '${op}' takes a list of ${min === max ? min : `${min} or more`} expressions`,
        );
      return seq.items.map(expr);
    };
    switch (op) {
      case 'column':
        params([]);
        return { op: 'column', line, name: scalarText(value, 'a column name') };
      case 'const': {
        params([]);
        const v = deref(value);
        return {
          op: 'const',
          line,
          value: isScalar(v) && v.value === null ? null : scalarText(value, 'a constant'),
        };
      }
      case 'trim':
      case 'upper':
      case 'lower':
      case 'abs':
        params([]);
        return { op, line, arg: expr(value) };
      case 'strip_prefix':
        params(['prefix']);
        return { op, line, arg: expr(value), prefix: scalarText(required('prefix'), 'prefix') };
      case 'round':
        params(['decimals']);
        return { op, line, arg: expr(value), decimals: integer(required('decimals'), 'decimals', 0, 10) };
      case 'add':
      case 'sub':
      case 'mul':
      case 'div': {
        params(['decimals']);
        const decimals = field(map, 'decimals');
        const [a, b] = args(2, 2) as [Expr, Expr];
        return {
          op,
          line,
          args: [a, b],
          decimals: decimals === undefined ? 4 : integer(decimals.value, 'decimals', 0, 10),
        };
      }
      case 'date': {
        params(['format']);
        const formats = textList(required('format'), 'a date format');
        const orders = new Set<string>();
        for (const f of formats) {
          try {
            orders.add(parseDateFormat(f.text).order);
          } catch (e) {
            fail(f.node, (e as Error).message);
          }
        }
        if (orders.size > 1) {
          fail(
            required('format'),
            `the formats ${formats.map((f) => `'${f.text}'`).join(', ')} put day and month in different orders; a value like 01/02 would be guessed, so use one mapping per export format`,
          );
        }
        return { op, line, arg: expr(value), formats: formats.map((f) => f.text) };
      }
      case 'map': {
        params(['values', 'other']);
        const values = entries(asMap(required('values'), "'values' of map")).map((e) => {
          const v = deref(e.value);
          return [
            e.key,
            isScalar(v) && v.value === null ? null : scalarText(e.value, 'a mapped value'),
          ] as const;
        });
        const otherNode = field(map, 'other');
        const other = otherNode === undefined ? 'keep' : scalarText(otherNode.value, "'other'");
        if (other !== 'keep' && other !== 'empty') fail(otherNode?.value, "'other' must be keep or empty");
        return { op, line, arg: expr(value), values, other: other as 'keep' | 'empty' };
      }
      case 'if': {
        params(['then', 'else']);
        const otherwise = field(map, 'else');
        return {
          op,
          line,
          cond: condition(value),
          ifTrue: expr(required('then')),
          ifFalse: otherwise === undefined ? { op: 'const', line, value: null } : expr(otherwise.value),
        };
      }
      case 'coalesce':
      case 'concat':
        params([]);
        return { op, line, args: args(1, 50) };
      case 'line_number':
        params([]);
        return { op, line, per: columnRefs(value, 'a column name') };
      default:
        return fail(node, `unknown operation '${op}'`);
    }
  };

  const condition = (node: unknown): Condition => {
    const map = asMap(node, 'a condition');
    const line = lineOf(node);
    const ops = entries(map).filter((e) => COND_OPS.includes(e.key));
    if (ops.length !== 1) {
      return fail(node, `a condition is one of ${COND_OPS.join(', ')}`);
    }
    const { key: op, value } = ops[0] as { key: string; value: unknown };
    const params = (allowed: readonly string[]) => onlyKeys(map, [op, ...allowed], `condition '${op}'`);
    const required = (key: string): unknown => {
      const f = field(map, key);
      return f === undefined ? fail(node, `condition '${op}' needs '${key}'`) : f.value;
    };
    switch (op) {
      case 'empty':
        params([]);
        return { op, line, arg: expr(value) };
      case 'starts_with':
        params(['prefix']);
        return { op, line, arg: expr(value), prefix: scalarText(required('prefix'), 'prefix') };
      case 'equals':
        params(['value']);
        return { op, line, arg: expr(value), value: scalarText(required('value'), 'value') };
      case 'in':
        params(['values']);
        return {
          op,
          line,
          arg: expr(value),
          values: textList(required('values'), 'a value').map((t) => t.text),
        };
      case 'below':
      case 'above': {
        params(['value']);
        const v = deref(required('value'));
        if (!isScalar(v) || typeof v.value !== 'number') return fail(v, `'value' of ${op} must be a number`);
        return { op, line, arg: expr(value), value: v.value };
      }
      case 'not':
        params([]);
        return { op, line, cond: condition(value) };
      default: {
        params([]);
        const seq = deref(value);
        if (!isSeq(seq) || seq.items.length === 0) return fail(value, `'${op}' takes a list of conditions`);
        return { op: op as 'all' | 'any', line, conds: seq.items.map(condition) };
      }
    }
  };

  const root = asMap(doc.contents, 'the mapping file');
  onlyKeys(root, ['mapping', 'name', 'sources', 'ignore'], 'the mapping file');
  const version = field(root, 'mapping');
  if (version === undefined) fail(root, `the mapping file must start with 'mapping: ${MAPPING_VERSION}'`);
  if (integer(version?.value, "'mapping' (the format version)", 1, 1000) !== MAPPING_VERSION)
    fail(version?.value, `this shopstat reads mapping format ${MAPPING_VERSION}`);
  const nameField = field(root, 'name');
  const sourcesField = field(root, 'sources');
  const sourcesSeq = deref(sourcesField?.value);
  if (sourcesField === undefined || !isSeq(sourcesSeq) || sourcesSeq.items.length === 0)
    return fail(sourcesField?.value ?? root, "'sources' must list at least one source");
  const ignoreField = field(root, 'ignore');

  const sources = sourcesSeq.items.map((item): SourceSpec => {
    const s = asMap(item, 'a source');
    onlyKeys(
      s,
      ['files', 'encoding', 'rows', 'duplicates', 'duplicate_columns', 'reject', 'entities'],
      'a source',
    );
    const req = (key: string): unknown => {
      const f = field(s, key);
      return f === undefined ? fail(item, `a source needs '${key}'`) : f.value;
    };
    const files = textList(req('files'), 'a file glob').map((t) => t.text);
    const encodingField = field(s, 'encoding');
    const encodingName = encodingField === undefined ? 'utf-8' : scalarText(encodingField.value, 'encoding');
    const encoding = ENCODINGS[encodingName.toLowerCase()];
    if (encoding === undefined)
      fail(
        encodingField?.value,
        `unknown encoding '${encodingName}' (expected utf-8, latin1 or windows-1252)`,
      );
    const rowsNode = req('rows');
    const rows = entityName(scalarText(rowsNode, 'rows'), rowsNode);
    const dupField = field(s, 'duplicates');
    const duplicates = dupField === undefined ? 'keep' : scalarText(dupField.value, 'duplicates');
    if (duplicates !== 'keep' && duplicates !== 'reject')
      fail(dupField?.value, "'duplicates' must be keep or reject");
    const dupColumns = field(s, 'duplicate_columns');
    const rejectField = field(s, 'reject');
    const rejectSeq = rejectField === undefined ? null : deref(rejectField.value);
    if (rejectField !== undefined && !isSeq(rejectSeq))
      fail(rejectField.value, "'reject' must be a list of rules");
    const reject = (isSeq(rejectSeq) ? rejectSeq.items : []).map((r): RejectRule => {
      const rule = asMap(r, 'a reject rule');
      onlyKeys(rule, ['reason', 'when'], 'a reject rule');
      const reasonNode = field(rule, 'reason')?.value ?? fail(r, "a reject rule needs 'reason'");
      const reason = scalarText(reasonNode, 'reason');
      if (!REASON.test(reason))
        fail(reasonNode, `reason '${reason}' must be a lower-case word like stock_adjustment`);
      if ((REJECTION_REASONS as readonly string[]).includes(reason) || reason === DUPLICATE_ROW)
        fail(reasonNode, `reason '${reason}' is already used by shopstat; name the mapping's own reason`);
      const when = field(rule, 'when')?.value ?? fail(r, "a reject rule needs 'when'");
      return { line: lineOf(r), reason, when: condition(when) };
    });
    const entitiesMap = asMap(req('entities'), "'entities'");
    const entities = entries(entitiesMap).map((e): EntityMapping => {
      const entity = entityName(e.key, e.keyNode);
      const spec = entitySpec(entity);
      const columns = entries(asMap(e.value, `the columns of ${entity}`)).map((c) => {
        if (!spec.columns.some((x) => x.name === c.key)) {
          fail(
            c.keyNode,
            `'${c.key}' is not a column of ${entity} (columns: ${spec.columns.map((x) => x.name).join(', ')})`,
          );
        }
        return { column: c.key, line: lineOf(c.keyNode), expr: expr(c.value) };
      });
      for (const col of spec.columns) {
        if (col.required && !columns.some((c) => c.column === col.name))
          fail(e.keyNode, `${entity} needs its required column '${col.name}'`);
      }
      if (entity !== rows && spec.key.length === 0)
        fail(e.keyNode, `${entity} has no key, so it can only be the rows entity of a source`);
      return { line: lineOf(e.keyNode), entity, columns };
    });
    if (!entities.some((e) => e.entity === rows))
      fail(rowsNode, `the rows entity ${rows} must be listed under 'entities'`);
    return {
      line: lineOf(item),
      files,
      encoding: encoding as TextEncoding,
      rows,
      duplicates: duplicates as 'keep' | 'reject',
      duplicateColumns: dupColumns === undefined ? [] : columnRefs(dupColumns.value, 'a column name'),
      reject,
      entities,
    };
  });
  return {
    file,
    name: nameField === undefined ? file : scalarText(nameField.value, 'name'),
    sources,
    ignore: ignoreField === undefined ? [] : textList(ignoreField.value, 'a file glob').map((t) => t.text),
  };

  function entityName(name: string, node: unknown): EntityName {
    const found = ENTITIES.find((x) => x.name === name);
    if (found === undefined) {
      return fail(
        node,
        `'${name}' is not an entity of the data contract (${ENTITIES.map((x) => x.name).join(', ')})`,
      );
    }
    return found.name;
  }
}
