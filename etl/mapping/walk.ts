import type { Condition, Expr } from './types.ts';

/** A mapping expression or condition, as met while walking one. */
export type MappingNode =
  | { readonly kind: 'expr'; readonly node: Expr }
  | { readonly kind: 'cond'; readonly node: Condition };

/**
 * Visits an expression or condition and everything inside it, depth first in order of
 * appearance: the one walk over the mapping format's closed set of operations.
 */
export function walkMapping(start: MappingNode, visit: (n: MappingNode) => void): void {
  visit(start);
  for (const child of childrenOf(start)) walkMapping(child, visit);
}

function childrenOf(n: MappingNode): MappingNode[] {
  const expr = (node: Expr): MappingNode => ({ kind: 'expr', node });
  const cond = (node: Condition): MappingNode => ({ kind: 'cond', node });
  if (n.kind === 'cond') {
    const c = n.node;
    switch (c.op) {
      case 'not':
        return [cond(c.cond)];
      case 'all':
      case 'any':
        return c.conds.map(cond);
      default:
        return [expr(c.arg)];
    }
  }
  const e = n.node;
  switch (e.op) {
    case 'column':
    case 'const':
    case 'line_number':
      return [];
    case 'lookup':
      return [expr(e.key)];
    case 'if':
      return [cond(e.cond), expr(e.ifTrue), expr(e.ifFalse)];
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
    case 'coalesce':
    case 'concat':
      return e.args.map(expr);
    default:
      return [expr(e.arg)];
  }
}
