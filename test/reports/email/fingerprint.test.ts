import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../src/errors.ts';
import { canonicalJson, fingerprint } from '../../../src/reports/email/fingerprint.ts';

describe('fingerprint', () => {
  it('is the SHA-256 of the canonical JSON text (checked with coreutils sha256sum)', () => {
    // printf '%s' '{"a":[1,"x"],"b":2}' | sha256sum
    // 8cbd548a32262b76a6536efe4e7ba86a0e811fcd0475d83a43e10acd0615aa37  -
    expect(canonicalJson({ b: 2, a: [1, 'x'] })).toBe('{"a":[1,"x"],"b":2}');
    expect(fingerprint({ b: 2, a: [1, 'x'] })).toBe(
      '8cbd548a32262b76a6536efe4e7ba86a0e811fcd0475d83a43e10acd0615aa37',
    );
  });

  it('does not depend on key order, at any depth', () => {
    const one = {
      month: '2025-10',
      inputs: { orders: 'ab12', customers: 'cd34' },
      kpis: [{ label: 'Revenue', value: 1 }],
    };
    const two = {
      kpis: [{ value: 1, label: 'Revenue' }],
      inputs: { customers: 'cd34', orders: 'ab12' },
      month: '2025-10',
    };
    expect(fingerprint(two)).toBe(fingerprint(one));
  });

  it('changes when a figure, a key or the array order changes', () => {
    const base = fingerprint({ revenue: '1204.50', orders: [1, 2] });
    expect(fingerprint({ revenue: '1204.51', orders: [1, 2] })).not.toBe(base);
    expect(fingerprint({ revenue: '1204.50', orders: [2, 1] })).not.toBe(base);
    expect(fingerprint({ Revenue: '1204.50', orders: [1, 2] })).not.toBe(base);
    expect(fingerprint({ revenue: 1204.5, orders: [1, 2] })).not.toBe(base);
  });

  it('writes scalars as JSON.stringify does and handles empty values', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson(-0)).toBe('0');
    expect(canonicalJson(1e21)).toBe('1e+21');
    expect(canonicalJson('é"\n')).toBe('"é\\"\\n"');
    expect(canonicalJson(Object.assign(Object.create(null), { b: true, a: false }))).toBe(
      '{"a":false,"b":true}',
    );
    // printf '%s' 'null' | sha256sum
    expect(fingerprint(null)).toBe('74234e98afe7498fb5daf1f36ac2d78acc339464f950703b8c019892f982b90b');
  });

  it.each([
    [undefined, 'undefined at $'],
    [{ a: [1, undefined] }, 'undefined at $.a[1]'],
    [{ a: Number.NaN }, 'NaN at $.a'],
    [[Number.POSITIVE_INFINITY], 'Infinity at $[0]'],
    [{ n: 1n }, 'bigint at $.n'],
    [{ f: () => 1 }, 'function at $.f'],
    [{ at: new Date(0) }, 'a Date object at $.at'],
    [{ m: new Map() }, 'a Map object at $.m'],
    [{ bytes: new Uint8Array(2) }, 'a Uint8Array object at $.bytes'],
  ])('refuses %s, naming where it is', (value, what) => {
    expect(() => fingerprint(value)).toThrow(InvalidArgumentError);
    expect(() => fingerprint(value)).toThrow(`fingerprint takes plain JSON values only, got ${what}`);
  });

  it('refuses a cycle but accepts the same object twice side by side', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => fingerprint(cyclic)).toThrow(
      'fingerprint takes plain JSON values only, got a cycle at $.self',
    );
  });
});
