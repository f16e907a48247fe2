import { describe, expect, it } from 'vitest';
import { userMessage } from '../../src/cli/user-message.ts';

describe('userMessage', () => {
  it('replaces a function, class or method name at the start by the command typed', () => {
    expect(userMessage('etl', 'listLanding: landing folder x does not exist')).toBe(
      'etl: landing folder x does not exist',
    );
    expect(userMessage('etl', "Warehouse.open: memoryLimit must look like '1GB', got lots")).toBe(
      "etl: memoryLimit must look like '1GB', got lots",
    );
    expect(userMessage('export', 'Warehouse: Catalog Error: Table x does not exist')).toBe(
      'export: Catalog Error: Table x does not exist',
    );
    expect(userMessage('demo', 'Rng.pick: empty list')).toBe('demo: empty list');
    expect(userMessage('mapping check', 'parseMapping: bad')).toBe('mapping check: bad');
  });

  it('keeps messages that already start with a command, a file or plain words', () => {
    const kept = [
      'etl: unknown time zone "Mars/Olympus"; use an IANA name such as Europe/Berlin',
      "mapping /tmp/m.yaml line 4: 'invoices' is not an entity of the data contract",
      'mapping: cannot read /tmp/m.yaml',
      'Orders.csv: required column order_ts is missing',
      'IO Error: Cannot open database',
    ];
    for (const message of kept) expect(userMessage('etl', message)).toBe(message);
  });

  it('puts the command in front of a message about an option', () => {
    expect(userMessage('demo', '--orders must be a positive integer, got "many"')).toBe(
      'demo: --orders must be a positive integer, got "many"',
    );
  });

  it('keeps every message when no command has started', () => {
    expect(userMessage(null, 'listLanding: x')).toBe('listLanding: x');
  });
});
