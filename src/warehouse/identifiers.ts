import { InvalidArgumentError } from '../errors.ts';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Validates an identifier the code or a configuration makes (a schema, a table to create):
 * letters, digits and `_`, not starting with a digit, at most 63 characters. Names of existing
 * tables and columns that users type (`--value 'Umsatz (€)'`) are not validated by shape but
 * checked against the table with `Warehouse.resolveColumn` / `resolveTable`, then quoted.
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
