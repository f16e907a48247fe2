import { isMap, isScalar, type YAMLMap } from 'yaml';
import { parseDateFormat } from './dates.ts';
import type { Condition, Expr } from './types.ts';
import type { MappingNodes } from './yaml-nodes.ts';

const UNARY = ['trim', 'upper', 'lower', 'abs'] as const;
const ARITHMETIC = ['add', 'sub', 'mul', 'div'] as const;
/** The operations of a value expression (README "Source mappings"). */
export const EXPR_OPS: readonly string[] = [
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
  'lookup',
];
/** The operations of a condition. */
export const COND_OPS: readonly string[] = [
  'empty',
  'starts_with',
  'equals',
  'in',
  'below',
  'above',
  'not',
  'all',
  'any',
];

/** The one operation of an expression or condition map, with readers of its other keys. */
interface Operation {
  readonly op: string;
  /** The value under the operation's own key. */
  readonly value: unknown;
  readonly line: number;
  /** Refuses keys other than the operation and `allowed`. */
  params(allowed: readonly string[]): void;
  /** The value of a key the operation needs. */
  required(key: string): unknown;
  /** The value of an optional key, or undefined. */
  optional(key: string): unknown;
}

/** Finds the one operation key of `map` among `ops`; `kind` is "operation" or "condition". */
function operationOf(
  n: MappingNodes,
  node: unknown,
  map: YAMLMap,
  ops: readonly string[],
  kind: 'operation' | 'condition',
): Operation {
  const found = n.entries(map).filter((e) => ops.includes(e.key));
  if (found.length !== 1) {
    if (kind === 'condition') return n.fail(node, `a condition is one of ${ops.join(', ')}`);
    return n.fail(
      node,
      found.length === 0
        ? `unknown operation '${n.entries(map)[0]?.key ?? ''}' (expected one of ${ops.join(', ')})`
        : `one operation per expression, found ${found.map((o) => o.key).join(' and ')}`,
    );
  }
  const { key: op, value } = found[0] as { key: string; value: unknown };
  return {
    op,
    value,
    line: n.lineOf(node),
    params: (allowed) => n.onlyKeys(map, [op, ...allowed], `${kind} '${op}'`),
    required: (key) => n.required(map, key, node, `${kind} '${op}'`),
    optional: (key) => n.field(map, key)?.value,
  };
}

/**
 * Reads a value expression: a bare scalar is a source column name (text) or a constant (number,
 * boolean, null); a map is exactly one operation of {@link EXPR_OPS} with its parameters.
 */
export function readExpr(n: MappingNodes, node: unknown): Expr {
  const value = n.deref(node);
  const line = n.lineOf(node);
  if (isScalar(value)) return scalarExpr(n, node, value.value, line);
  if (!isMap(value)) {
    return n.fail(
      node,
      `an expression must be a source column name, a number or one operation (${EXPR_OPS.join(', ')})`,
    );
  }
  const o = operationOf(n, node, value as YAMLMap, EXPR_OPS, 'operation');
  switch (o.op) {
    case 'column':
      o.params([]);
      return { op: 'column', line, name: n.scalarText(o.value, 'a column name') };
    case 'const':
      o.params([]);
      return { op: 'const', line, value: n.isNull(o.value) ? null : n.scalarText(o.value, 'a constant') };
    case 'trim':
    case 'upper':
    case 'lower':
    case 'abs':
      o.params([]);
      return { op: o.op, line, arg: readExpr(n, o.value) };
    case 'strip_prefix':
      o.params(['prefix']);
      return {
        op: o.op,
        line,
        arg: readExpr(n, o.value),
        prefix: n.scalarText(o.required('prefix'), 'prefix'),
      };
    case 'round':
      o.params(['decimals']);
      return {
        op: o.op,
        line,
        arg: readExpr(n, o.value),
        decimals: n.integer(o.required('decimals'), 'decimals', 0, 10),
      };
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
      return arithmetic(n, o);
    case 'date':
      return dateExpr(n, o);
    case 'map':
      return valueMap(n, o);
    case 'if': {
      o.params(['then', 'else']);
      const otherwise = o.optional('else');
      return {
        op: 'if',
        line,
        cond: readCondition(n, o.value),
        ifTrue: readExpr(n, o.required('then')),
        ifFalse: otherwise === undefined ? { op: 'const', line, value: null } : readExpr(n, otherwise),
      };
    }
    case 'coalesce':
    case 'concat':
      o.params([]);
      return { op: o.op, line, args: exprList(n, o, 1, 50) };
    case 'line_number':
      o.params([]);
      return { op: 'line_number', line, per: n.columnRefs(o.value, 'a column name') };
    case 'lookup':
      o.params(['key']);
      return {
        op: 'lookup',
        line,
        name: n.scalarText(o.value, 'a lookup name'),
        key: readExpr(n, o.required('key')),
      };
    default:
      return n.fail(node, `unknown operation '${o.op}'`);
  }
}

/** A bare scalar: text names a source column, a number or boolean is a constant, null is missing. */
function scalarExpr(n: MappingNodes, node: unknown, value: unknown, line: number): Expr {
  if (value === null) return { op: 'const', line, value: null };
  if (typeof value === 'string') return { op: 'column', line, name: value };
  if (typeof value === 'number' || typeof value === 'boolean')
    return { op: 'const', line, value: String(value) };
  return n.fail(node, 'an expression must be a source column name, a number or an operation');
}

/** The operation's value as a list of `min` to `max` expressions. */
function exprList(n: MappingNodes, o: Operation, min: number, max: number): Expr[] {
  const items = n.listItems(o.value);
  if (items === null || items.length < min || items.length > max)
    return n.fail(
      o.value,
      `operation '${o.op}' takes a list of ${min === max ? min : `${min} or more`} expressions`,
    );
  return items.map((item) => readExpr(n, item));
}

/** `add` / `sub` / `mul` / `div` of two values, rounded to `decimals` (default 4). */
function arithmetic(n: MappingNodes, o: Operation): Expr {
  o.params(['decimals']);
  const decimals = o.optional('decimals');
  const [a, b] = exprList(n, o, 2, 2) as [Expr, Expr];
  return {
    op: o.op as 'add' | 'sub' | 'mul' | 'div',
    line: o.line,
    args: [a, b],
    decimals: decimals === undefined ? 4 : n.integer(decimals, 'decimals', 0, 10),
  };
}

/**
 * `date` with one format or a list; every format must parse and all must share one day-month
 * order, since a value like 01/02 would otherwise be guessed.
 */
function dateExpr(n: MappingNodes, o: Operation): Expr {
  o.params(['format']);
  const formatNode = o.required('format');
  const formats = n.textList(formatNode, 'a date format');
  const orders = new Set<string>();
  for (const f of formats) {
    try {
      orders.add(parseDateFormat(f.text).order);
    } catch (e) {
      n.fail(f.node, (e as Error).message);
    }
  }
  if (orders.size > 1) {
    n.fail(
      formatNode,
      `the formats ${formats.map((f) => `'${f.text}'`).join(', ')} put day and month in different orders; a value like 01/02 would be guessed, so use one mapping per export format`,
    );
  }
  return { op: 'date', line: o.line, arg: readExpr(n, o.value), formats: formats.map((f) => f.text) };
}

/** `map` of values, with `other: keep | empty` for the values it does not list. */
function valueMap(n: MappingNodes, o: Operation): Expr {
  o.params(['values', 'other']);
  const values = n
    .entries(n.asMap(o.required('values'), "'values' of map"))
    .map((e) => [e.key, n.isNull(e.value) ? null : n.scalarText(e.value, 'a mapped value')] as const);
  const otherNode = o.optional('other');
  const other = otherNode === undefined ? 'keep' : n.scalarText(otherNode, "'other'");
  if (other !== 'keep' && other !== 'empty') n.fail(otherNode, "'other' must be keep or empty");
  return { op: 'map', line: o.line, arg: readExpr(n, o.value), values, other: other as 'keep' | 'empty' };
}

/** Reads a condition: exactly one of {@link COND_OPS} with its parameters. */
export function readCondition(n: MappingNodes, node: unknown): Condition {
  const o = operationOf(n, node, n.asMap(node, 'a condition'), COND_OPS, 'condition');
  const line = o.line;
  switch (o.op) {
    case 'empty':
      o.params([]);
      return { op: 'empty', line, arg: readExpr(n, o.value) };
    case 'starts_with':
      o.params(['prefix']);
      return {
        op: 'starts_with',
        line,
        arg: readExpr(n, o.value),
        prefix: n.scalarText(o.required('prefix'), 'prefix'),
      };
    case 'equals':
      o.params(['value']);
      return {
        op: 'equals',
        line,
        arg: readExpr(n, o.value),
        value: n.scalarText(o.required('value'), 'value'),
      };
    case 'in':
      o.params(['values']);
      return {
        op: 'in',
        line,
        arg: readExpr(n, o.value),
        values: n.textList(o.required('values'), 'a value').map((t) => t.text),
      };
    case 'below':
    case 'above': {
      o.params(['value']);
      const valueNode = o.required('value');
      const value = n.number(valueNode);
      if (value === null) return n.fail(n.deref(valueNode), `'value' of ${o.op} must be a number`);
      return { op: o.op, line, arg: readExpr(n, o.value), value };
    }
    case 'not':
      o.params([]);
      return { op: 'not', line, cond: readCondition(n, o.value) };
    default: {
      // 'all' or 'any': the last of COND_OPS
      o.params([]);
      const items = n.listItems(o.value);
      if (items === null || items.length === 0)
        return n.fail(o.value, `'${o.op}' takes a list of conditions`);
      return { op: o.op as 'all' | 'any', line, conds: items.map((item) => readCondition(n, item)) };
    }
  }
}
