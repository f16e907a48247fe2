import { InvalidArgumentError } from '../errors.ts';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Validates a user-supplied identifier (table, column, schema name): letters, digits and `_`,
 * not starting with a digit, at most 63 characters.
 *
 * @throws InvalidArgumentError naming the bad value.
 * @example validateIdentifier('monthly_kpis') // 'monthly_kpis'
 */
export function validateIdentifier(name: string, what = 'identifier'): string {
  if (!IDENTIFIER.test(name)) {
    throw new InvalidArgumentError(
      `validateIdentifier: ${what} must match ${IDENTIFIER.source}, got ${JSON.stringify(name)}`,
    );
  }
  return name;
}

/**
 * Quotes an identifier for DuckDB SQL: wraps it in double quotes and doubles any embedded quote,
 * so any string becomes one identifier. The one quoting helper of the code base.
 *
 * @example quoteIdentifier('order "id"') // '"order ""id"""'
 */
export function quoteIdentifier(name: string): string {
  if (name.includes('\u0000')) {
    throw new InvalidArgumentError(
      `quoteIdentifier: identifier contains a NUL byte: ${JSON.stringify(name)}`,
    );
  }
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a possibly schema-qualified name given as parts: `qualifiedName('gold', 'daily_sales')`. */
export function qualifiedName(...parts: readonly string[]): string {
  return parts.map(quoteIdentifier).join('.');
}

/**
 * A SQL string literal, for the few places DuckDB accepts no parameter (SET, PRAGMA, COPY
 * options). Values everywhere else are bound as parameters.
 */
export function quoteLiteral(value: string): string {
  if (value.includes('\u0000')) {
    throw new InvalidArgumentError(`quoteLiteral: value contains a NUL byte: ${JSON.stringify(value)}`);
  }
  return `'${value.replaceAll("'", "''")}'`;
}
