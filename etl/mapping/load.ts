import { closeSync, openSync, readSync } from 'node:fs';
import { LineCounter, parseDocument, type YAMLMap } from 'yaml';
import { InvalidArgumentError } from '../../src/errors.ts';
import { ENTITIES, type EntityName, entitySpec, REJECTION_REASONS } from '../contract.ts';
import { DUPLICATE_ROW } from './compile.ts';
import { readCondition, readExpr } from './expressions.ts';
import type {
  EntityMapping,
  Expr,
  LookupSpec,
  Mapping,
  RejectRule,
  SourceColumnRef,
  SourceSpec,
  TextEncoding,
} from './types.ts';
import { walkMapping } from './walk.ts';
import {
  aliasTargets,
  checkExpansion,
  checkMappingSize,
  checkNestingDepth,
  MAPPING_BOUNDS,
} from './yaml-bounds.ts';
import { MappingNodes } from './yaml-nodes.ts';

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

/** A mapping's own reasons: lower-case words, not the contract's. */
const REASON = /^[a-z][a-z0-9_]{0,39}$/;

const ROOT_KEYS = ['mapping', 'name', 'sources', 'ignore'];
const SOURCE_KEYS = [
  'files',
  'encoding',
  'rows',
  'duplicates',
  'duplicate_columns',
  'reject',
  'entities',
  'lookups',
];
/** The most lookups a source may declare. */
export const MAX_LOOKUPS = 8;
const LOOKUP_NAME = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * Reads and validates a mapping file. Every error names the mapping file and line. Reads at most
 * {@link MAPPING_BOUNDS}.maxBytes (1 MiB) and one byte more, so a huge file or a device that never
 * ends is refused without being read whole.
 *
 * @throws InvalidArgumentError for a file that cannot be read, is too large, is not YAML, or
 *   breaks the format.
 */
export function loadMapping(path: string): Mapping {
  let bytes: Buffer;
  try {
    bytes = readAtMost(path, MAPPING_BOUNDS.maxBytes + 1);
  } catch {
    throw new InvalidArgumentError(`mapping: cannot read ${path}`);
  }
  checkMappingSize(bytes.length, path);
  return parseMapping(bytes.toString('utf8'), path);
}

/** The first `max` bytes of a file (all of it when shorter). */
function readAtMost(path: string, max: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(max);
    let size = 0;
    for (;;) {
      const got = readSync(fd, buf, size, max - size, null);
      if (got === 0) break;
      size += got;
      if (size === max) break;
    }
    return buf.subarray(0, size);
  } finally {
    closeSync(fd);
  }
}

/**
 * Parses mapping text (see {@link loadMapping}); `file` names it in messages. The steps: the YAML
 * document, the format version, then each source (its files, encoding, rows entity, duplicates,
 * reject rules and entities) and the ignored globs.
 *
 * @throws InvalidArgumentError naming the file and line of the first thing that breaks the format.
 */
export function parseMapping(text: string, file: string): Mapping {
  const n = parseYaml(text, file);
  const root = n.asMap(n.root, 'the mapping file');
  n.onlyKeys(root, ROOT_KEYS, 'the mapping file');
  checkVersion(n, root);
  const name = n.field(root, 'name');
  const ignore = n.field(root, 'ignore');
  return {
    file,
    name: name === undefined ? file : n.scalarText(name.value, 'name'),
    sources: readSources(n, root),
    ignore: ignore === undefined ? [] : n.textList(ignore.value, 'a file glob').map((t) => t.text),
  };
}

/**
 * The YAML document with line numbers, within {@link MAPPING_BOUNDS}: its size and nesting are
 * checked before it is composed, its aliases before anything reads them.
 */
function parseYaml(text: string, file: string): MappingNodes {
  checkMappingSize(Buffer.byteLength(text, 'utf8'), file);
  checkNestingDepth(text, file);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const firstError = doc.errors[0];
  if (firstError !== undefined) {
    const at = firstError.linePos?.[0]?.line ?? 1;
    throw new InvalidArgumentError(
      `mapping ${file} line ${at}: not valid YAML: ${firstError.message.split('\n')[0]}`,
    );
  }
  const aliases = aliasTargets(doc);
  const nodes = new MappingNodes(file, doc, lines, aliases);
  checkExpansion(doc.contents, aliases, (node) => nodes.lineOf(node), file);
  return nodes;
}

/** `mapping: 1` must be there and name the version this code reads. */
function checkVersion(n: MappingNodes, root: YAMLMap): void {
  const version = n.field(root, 'mapping');
  if (version === undefined) n.fail(root, `the mapping file must start with 'mapping: ${MAPPING_VERSION}'`);
  if (n.integer(version.value, "'mapping' (the format version)", 1, 1000) !== MAPPING_VERSION)
    n.fail(version.value, `this shopstat reads mapping format ${MAPPING_VERSION}`);
}

/** `sources`: a non-empty list of sources. */
function readSources(n: MappingNodes, root: YAMLMap): SourceSpec[] {
  const field = n.field(root, 'sources');
  const items = field === undefined ? null : n.listItems(field.value);
  if (field === undefined || items === null || items.length === 0)
    return n.fail(field?.value ?? root, "'sources' must list at least one source");
  return items.map((item) => readSource(n, item));
}

/** One source: which files it reads, how, and what each row becomes (checked in this order). */
function readSource(n: MappingNodes, item: unknown): SourceSpec {
  const s = n.asMap(item, 'a source');
  n.onlyKeys(s, SOURCE_KEYS, 'a source');
  const files = n.textList(n.required(s, 'files', item, 'a source'), 'a file glob').map((t) => t.text);
  const encoding = readEncoding(n, s);
  const rowsNode = n.required(s, 'rows', item, 'a source');
  const rows = entityName(n, n.scalarText(rowsNode, 'rows'), rowsNode);
  const duplicates = readDuplicates(n, s);
  const duplicateColumns = n.field(s, 'duplicate_columns');
  const reject = readRejectRules(n, s);
  const lookups = readLookups(n, s);
  const entities = readEntities(n, n.required(s, 'entities', item, 'a source'), rows);
  if (!entities.some((e) => e.entity === rows))
    n.fail(rowsNode, `the rows entity ${rows} must be listed under 'entities'`);
  for (const e of entities) {
    for (const c of e.columns) {
      for (const use of lookupsUsed(c.expr)) {
        if (!lookups.some((l) => l.name === use.name)) {
          n.failAt(
            use.line,
            `lookup '${use.name}' is not declared under the source's 'lookups'${lookups.length === 0 ? '' : ` (${lookups.map((l) => l.name).join(', ')})`}`,
          );
        }
      }
    }
  }
  return {
    line: n.lineOf(item),
    files,
    encoding,
    rows,
    duplicates,
    duplicateColumns:
      duplicateColumns === undefined ? [] : n.columnRefs(duplicateColumns.value, 'a column name'),
    reject,
    entities,
    lookups,
  };
}

/**
 * `lookups`: named lookups into other landing files, each `{ files, key, value, encoding? }`;
 * at most {@link MAX_LOOKUPS}.
 */
function readLookups(n: MappingNodes, source: YAMLMap): LookupSpec[] {
  const field = n.field(source, 'lookups');
  if (field === undefined) return [];
  const map = n.asMap(field.value, "'lookups'");
  const entries = n.entries(map);
  if (entries.length > MAX_LOOKUPS)
    n.fail(field.value, `a source may declare at most ${MAX_LOOKUPS} lookups`);
  return entries.map((e) => {
    if (!LOOKUP_NAME.test(e.key)) n.fail(e.keyNode, `a lookup name must be a lowercase word, got '${e.key}'`);
    const spec = n.asMap(e.value, `lookup '${e.key}'`);
    n.onlyKeys(spec, ['files', 'key', 'value', 'encoding'], `lookup '${e.key}'`);
    const [key] = n.columnRefs(n.required(spec, 'key', e.value, `lookup '${e.key}'`), 'a column name');
    const [value] = n.columnRefs(n.required(spec, 'value', e.value, `lookup '${e.key}'`), 'a column name');
    return {
      line: n.lineOf(e.keyNode),
      name: e.key,
      files: n
        .textList(n.required(spec, 'files', e.value, `lookup '${e.key}'`), 'a file glob')
        .map((t) => t.text),
      encoding: readEncoding(n, spec),
      key: key as SourceColumnRef,
      value: value as SourceColumnRef,
    };
  });
}

/** The lookups an expression uses, with their lines. */
function lookupsUsed(e: Expr): { name: string; line: number }[] {
  const used: { name: string; line: number }[] = [];
  walkMapping({ kind: 'expr', node: e }, (n) => {
    if (n.kind === 'expr' && n.node.op === 'lookup') used.push({ name: n.node.name, line: n.node.line });
  });
  return used;
}

/** `encoding`: one of the names in {@link ENCODINGS}; default UTF-8. */
function readEncoding(n: MappingNodes, source: YAMLMap): TextEncoding {
  const field = n.field(source, 'encoding');
  const name = field === undefined ? 'utf-8' : n.scalarText(field.value, 'encoding');
  const encoding = ENCODINGS[name.toLowerCase()];
  if (encoding === undefined)
    return n.fail(field?.value, `unknown encoding '${name}' (expected utf-8, latin1 or windows-1252)`);
  return encoding;
}

/** `duplicates`: keep (default) or reject exact repeats of a row. */
function readDuplicates(n: MappingNodes, source: YAMLMap): 'keep' | 'reject' {
  const field = n.field(source, 'duplicates');
  const value = field === undefined ? 'keep' : n.scalarText(field.value, 'duplicates');
  if (value !== 'keep' && value !== 'reject') n.fail(field?.value, "'duplicates' must be keep or reject");
  return value as 'keep' | 'reject';
}

/** `reject`: rules of the mapping's own, each a reason the contract does not use and a condition. */
function readRejectRules(n: MappingNodes, source: YAMLMap): RejectRule[] {
  const field = n.field(source, 'reject');
  if (field === undefined) return [];
  const items = n.listItems(field.value);
  if (items === null) return n.fail(field.value, "'reject' must be a list of rules");
  return items.map((item) => {
    const rule = n.asMap(item, 'a reject rule');
    n.onlyKeys(rule, ['reason', 'when'], 'a reject rule');
    const reason = readReason(
      n,
      n.field(rule, 'reason')?.value ?? n.fail(item, "a reject rule needs 'reason'"),
    );
    const when = n.field(rule, 'when')?.value ?? n.fail(item, "a reject rule needs 'when'");
    return { line: n.lineOf(item), reason, when: readCondition(n, when) };
  });
}

/** A reject rule's reason: a lower-case word that shopstat does not use itself. */
function readReason(n: MappingNodes, node: unknown): string {
  const reason = n.scalarText(node, 'reason');
  if (!REASON.test(reason))
    n.fail(node, `reason '${reason}' must be a lower-case word like stock_adjustment`);
  if ((REJECTION_REASONS as readonly string[]).includes(reason) || reason === DUPLICATE_ROW)
    n.fail(node, `reason '${reason}' is already used by shopstat; name the mapping's own reason`);
  return reason;
}

/**
 * `entities`: per contract entity, its columns as expressions. Every column must be the
 * entity's, every required column present, and an entity without a key can only be the rows
 * entity (a derived row is kept per key).
 */
function readEntities(n: MappingNodes, node: unknown, rows: EntityName): EntityMapping[] {
  return n.entries(n.asMap(node, "'entities'")).map((e): EntityMapping => {
    const entity = entityName(n, e.key, e.keyNode);
    const spec = entitySpec(entity);
    const columns = n.entries(n.asMap(e.value, `the columns of ${entity}`)).map((c) => {
      if (!spec.columns.some((x) => x.name === c.key)) {
        n.fail(
          c.keyNode,
          `'${c.key}' is not a column of ${entity} (columns: ${spec.columns.map((x) => x.name).join(', ')})`,
        );
      }
      return { column: c.key, line: n.lineOf(c.keyNode), expr: readExpr(n, c.value) };
    });
    for (const col of spec.columns) {
      if (col.required && !columns.some((c) => c.column === col.name))
        n.fail(e.keyNode, `${entity} needs its required column '${col.name}'`);
    }
    if (entity !== rows && spec.key.length === 0)
      n.fail(e.keyNode, `${entity} has no key, so it can only be the rows entity of a source`);
    return { line: n.lineOf(e.keyNode), entity, columns };
  });
}

/** A contract entity by name. */
function entityName(n: MappingNodes, name: string, node: unknown): EntityName {
  const found = ENTITIES.find((x) => x.name === name);
  if (found === undefined) {
    return n.fail(
      node,
      `'${name}' is not an entity of the data contract (${ENTITIES.map((x) => x.name).join(', ')})`,
    );
  }
  return found.name;
}
