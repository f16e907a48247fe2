import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isPair,
  isSeq,
  Lexer,
  LineCounter,
  type Node,
  Parser,
  visit,
} from 'yaml';
import { InvalidArgumentError } from '../../src/errors.ts';

/**
 * Bounds of a mapping file, so that no YAML (an alias bomb, a self-reference, deep nesting, a huge
 * file) can hang or crash a run: past any of them the mapping is refused with a message naming
 * the file and line. The shipped mappings are under 3 KiB, at most 15 levels deep and 150 values
 * once expanded.
 *
 * Why not the `yaml` package's `maxAliasCount`: in yaml 2.x it bounds only `toJS()` / `toJSON()`,
 * and the mapping reader walks the document's nodes (for line numbers) and never calls them, so
 * the option would bound nothing here.
 */
export const MAPPING_BOUNDS = {
  /** Largest mapping file, in bytes: 1 MiB. */
  maxBytes: 1024 * 1024,
  /** Deepest nesting of lists and maps, in the text and through aliases: 64 levels. */
  maxDepth: 64,
  /** Most nodes of the document once every alias is expanded where it is used: 10,000. */
  maxNodes: 10_000,
} as const;

/** @throws InvalidArgumentError for mapping text larger than {@link MAPPING_BOUNDS}.maxBytes. */
export function checkMappingSize(bytes: number, file: string): void {
  if (bytes > MAPPING_BOUNDS.maxBytes) {
    throw new InvalidArgumentError(
      `mapping ${file}: the file is larger than ${MAPPING_BOUNDS.maxBytes.toLocaleString('en-US')} bytes (1 MiB), which no mapping needs; is it the right file?`,
    );
  }
}

/**
 * Refuses text nested deeper than {@link MAPPING_BOUNDS}.maxDepth before it is composed into a
 * document (the composer recurses once per level). The `yaml` package's CST parser keeps its
 * open collections on an explicit stack, so this pass itself cannot overflow, and it stops at the
 * first level too deep.
 *
 * @throws InvalidArgumentError naming the file and the line where the nesting gets too deep.
 */
export function checkNestingDepth(text: string, file: string): void {
  const lines = new LineCounter();
  const parser = new Parser(lines.addNewLine);
  // The parser's stack holds the document and the token being read besides the collections.
  const limit = MAPPING_BOUNDS.maxDepth + 2;
  let offset = 0;
  for (const lexeme of new Lexer().lex(text)) {
    for (const _ of parser.next(lexeme)) {
      // Tokens are not needed, only the depth of the stack.
    }
    if (parser.stack.length > limit) {
      throw new InvalidArgumentError(
        `mapping ${file} line ${lines.linePos(offset).line}: lists and maps are nested deeper than ${MAPPING_BOUNDS.maxDepth} levels`,
      );
    }
    offset = parser.offset;
  }
}

/**
 * The node each alias of the document stands for: the last node before it with its anchor, as
 * YAML defines it (so `&x [*x]` stands for the list that holds it), or undefined when no anchor
 * of that name comes before. Found in one pass, instead of one pass per alias.
 */
export function aliasTargets(doc: Document.Parsed): Map<Alias, Node | undefined> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node | undefined>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) targets.set(node, anchors.get(node.source));
      else if (node.anchor !== undefined) anchors.set(node.anchor, node);
    },
  });
  return targets;
}

/**
 * Walks the document as the mapping reader will, with every alias expanded where it is used,
 * and refuses it before the reader starts when an alias is undefined or stands for a node that
 * contains it (an infinite document), when expanded nesting passes
 * {@link MAPPING_BOUNDS}.maxDepth, or when the expanded document passes
 * {@link MAPPING_BOUNDS}.maxNodes (a "billion laughs" alias bomb of a few hundred bytes stops
 * here after at most that many steps).
 *
 * @throws InvalidArgumentError naming the file and the line of the alias or node at fault.
 */
export function checkExpansion(
  root: unknown,
  targets: ReadonlyMap<Alias, Node | undefined>,
  lineOf: (node: unknown) => number,
  file: string,
): void {
  const fail = (node: unknown, message: string): never => {
    throw new InvalidArgumentError(`mapping ${file} line ${lineOf(node)}: ${message}`);
  };
  const onPath = new Set<unknown>();
  let nodes = 0;
  /** `via` is the outermost alias being expanded, for the line of a bomb. */
  const walk = (node: unknown, depth: number, via: Alias | null): void => {
    if (node === null || node === undefined) return;
    if (isAlias(node)) {
      const target = targets.get(node);
      if (target === undefined) fail(node, `alias *${node.source} has no anchor &${node.source} before it`);
      if (onPath.has(target))
        fail(
          node,
          `alias *${node.source} stands for a list or map that contains the alias itself (anchor &${node.source} at line ${lineOf(target)}), which would never end`,
        );
      walk(target, depth, via ?? node);
      return;
    }
    nodes++;
    if (nodes > MAPPING_BOUNDS.maxNodes) {
      fail(
        via ?? node,
        `the mapping has more than ${MAPPING_BOUNDS.maxNodes.toLocaleString('en-US')} values once its aliases are expanded${via === null ? '' : ` (this alias, *${via.source}, expands to too many)`}; reuse fewer expressions through aliases`,
      );
    }
    if (!isMap(node) && !isSeq(node)) return;
    if (depth >= MAPPING_BOUNDS.maxDepth)
      fail(
        via ?? node,
        `lists and maps are nested deeper than ${MAPPING_BOUNDS.maxDepth} levels${via === null ? '' : ' once aliases are expanded'}`,
      );
    onPath.add(node);
    for (const item of node.items) {
      if (isPair(item)) {
        walk(item.key, depth + 1, via);
        walk(item.value, depth + 1, via);
      } else walk(item, depth + 1, via);
    }
    onPath.delete(node);
  };
  walk(root, 0, null);
}
