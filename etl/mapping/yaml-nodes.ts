import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  type YAMLMap,
} from 'yaml';
import { InvalidArgumentError } from '../../src/errors.ts';
import type { SourceColumnRef } from './types.ts';

/** One key of a YAML map: its text, its node (for line numbers) and its value node. */
export interface MapEntry {
  readonly key: string;
  readonly keyNode: unknown;
  readonly value: unknown;
}

/**
 * The nodes of one parsed mapping file, and the small readers every step of the mapping format
 * uses: each error names the mapping file and the line of the node at fault.
 */
export class MappingNodes {
  constructor(
    /** Path of the mapping file, for messages. */
    readonly file: string,
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
    /** The node each alias stands for (see `aliasTargets` in yaml-bounds.ts). */
    private readonly aliases: ReadonlyMap<Alias, Node | undefined>,
  ) {}

  /** 1-based line of a node; 1 when the node has no position. */
  lineOf(node: unknown): number {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range === undefined ? 1 : this.lines.linePos(range[0]).line;
  }

  /** @throws InvalidArgumentError `mapping FILE line N: message`. */
  fail(node: unknown, message: string): never {
    throw new InvalidArgumentError(`mapping ${this.file} line ${this.lineOf(node)}: ${message}`);
  }

  /** @throws InvalidArgumentError `mapping FILE line N: message`, for a line already known. */
  failAt(line: number, message: string): never {
    throw new InvalidArgumentError(`mapping ${this.file} line ${line}: ${message}`);
  }

  /** The node an alias stands for; any other node as it is. */
  deref(node: unknown): unknown {
    return isAlias(node) ? this.aliases.get(node) : node;
  }

  /** The root node of the document. */
  get root(): unknown {
    return this.doc.contents;
  }

  asMap(node: unknown, what: string): YAMLMap {
    const n = this.deref(node);
    if (!isMap(n)) return this.fail(node, `${what} must be a mapping of keys to values`);
    return n as YAMLMap;
  }

  /** The entries of a map; keys must be plain scalars. */
  entries(map: YAMLMap): MapEntry[] {
    return map.items.map((pair) => {
      const key = isScalar(pair.key)
        ? String(pair.key.value)
        : this.fail(pair.key, 'keys must be plain words');
      return { key, keyNode: pair.key, value: pair.value };
    });
  }

  field(map: YAMLMap, key: string): MapEntry | undefined {
    return this.entries(map).find((e) => e.key === key);
  }

  /** The value of a key the map must have; `what` says who needs it ("a source"). */
  required(map: YAMLMap, key: string, node: unknown, what: string): unknown {
    const f = this.field(map, key);
    return f === undefined ? this.fail(node, `${what} needs '${key}'`) : f.value;
  }

  /** Refuses keys outside `allowed`, naming the first unknown one. */
  onlyKeys(map: YAMLMap, allowed: readonly string[], what: string): void {
    for (const e of this.entries(map)) {
      if (!allowed.includes(e.key))
        this.fail(e.keyNode, `unknown key '${e.key}' in ${what} (expected ${allowed.join(', ')})`);
    }
  }

  /** A scalar that is present, as text. */
  scalarText(node: unknown, what: string): string {
    const n = this.deref(node);
    if (!isScalar(n) || n.value === null || typeof n.value === 'object')
      return this.fail(node, `${what} must be a text value`);
    return String(n.value);
  }

  /** Whether a node is a YAML null (`~`, `null` or nothing). */
  isNull(node: unknown): boolean {
    const n = this.deref(node);
    return isScalar(n) && n.value === null;
  }

  /** One text or a list of texts. */
  textList(node: unknown, what: string): { text: string; node: unknown }[] {
    const n = this.deref(node);
    if (isSeq(n)) return n.items.map((item) => ({ text: this.scalarText(item, what), node: item }));
    return [{ text: this.scalarText(node, what), node }];
  }

  /** The items of a list, or null when the node is not a list. */
  listItems(node: unknown): readonly unknown[] | null {
    const n = this.deref(node);
    return isSeq(n) ? n.items : null;
  }

  integer(node: unknown, what: string, min: number, max: number): number {
    const n = this.deref(node);
    if (
      !isScalar(n) ||
      typeof n.value !== 'number' ||
      !Number.isInteger(n.value) ||
      n.value < min ||
      n.value > max
    )
      return this.fail(node, `${what} must be a whole number from ${min} to ${max}`);
    return n.value;
  }

  /** A number (any), or null when the node is not one. */
  number(node: unknown): number | null {
    const n = this.deref(node);
    return isScalar(n) && typeof n.value === 'number' ? n.value : null;
  }

  /** Source column names with the line of each, for messages at compile time. */
  columnRefs(node: unknown, what: string): SourceColumnRef[] {
    return this.textList(node, what).map((t) => ({ name: t.text, line: this.lineOf(t.node) }));
  }
}
