import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeasonScheme, seasonFeatures, seasonOfMonth } from '../../src/features/seasons.ts';
import { Warehouse } from '../../src/warehouse/warehouse.ts';
import { createDateTable, DATE_CONTEXT, featureRows } from './calendar-support.ts';

let dir: string;
let wh: Warehouse;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shopstat-seasons-'));
  wh = await Warehouse.open(':memory:');
});
afterAll(() => {
  wh.close();
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('loadSeasonScheme', () => {
  it('reads a YAML scheme and the features use it', async () => {
    const path = file(
      'ski.yaml',
      'name: ski-shop\nseasons:\n  ski: [12, 1, 2, 3]\n  off: [4, 5, 6, 7, 8, 9]\n  pre-season: [10, 11]\n',
    );
    const scheme = loadSeasonScheme(path);
    expect(scheme).toMatchObject({ name: 'ski-shop', hemispheric: false, description: null, source: null });
    expect(seasonOfMonth(scheme, 3)).toBe('ski');
    await createDateTable(wh, 'ski', ['2024-03-31', '2024-10-01', '2023-12-25']);
    const set = seasonFeatures(DATE_CONTEXT, scheme);
    expect(set.spec).toBe('season:ski-shop');
    expect((await featureRows(wh, 'ski', set)).map((r) => r.season)).toEqual(['ski', 'pre-season', 'ski']);
  });

  it('reads a JSON scheme', () => {
    const seasons = { h1: [1, 2, 3, 4, 5, 6], h2: [7, 8, 9, 10, 11, 12] };
    const path = file('halves.json', JSON.stringify({ name: 'halves', seasons }));
    expect(loadSeasonScheme(path).byMonth).toEqual([
      'h1',
      'h1',
      'h1',
      'h1',
      'h1',
      'h1',
      'h2',
      'h2',
      'h2',
      'h2',
      'h2',
      'h2',
    ]);
  });

  it('names the file, the month and the seasons when a month is in two seasons', () => {
    const path = file(
      'twice.yaml',
      'name: x\nseasons:\n  a: [1, 2, 3, 4, 5, 6]\n  b: [6, 7, 8, 9, 10, 11, 12]\n',
    );
    expect(() => loadSeasonScheme(path)).toThrow(
      `loadSeasonScheme: ${path}: month 6 belongs to several seasons: "a", "b"; each month must belong to exactly one`,
    );
  });

  it('names the file, the month and the seasons it is missing from when a month is in none', () => {
    const path = file('missing.yaml', 'name: x\nseasons:\n  a: [1, 2, 3, 4, 5, 6]\n  b: [7, 8, 9, 10, 12]\n');
    expect(() => loadSeasonScheme(path)).toThrow(
      `loadSeasonScheme: ${path}: month 11 belongs to no season (missing from "a", "b")`,
    );
  });

  it('rejects a file that is not YAML, naming it', () => {
    const path = file('broken.yaml', 'name: x\nseasons: { a: [1, 2\n');
    expect(() => loadSeasonScheme(path)).toThrow(
      new RegExp(`loadSeasonScheme: ${path}: not valid YAML or JSON`),
    );
  });

  it('rejects a file over 64 KiB without parsing it', () => {
    const path = file(
      'big.yaml',
      `name: big\n# ${'x'.repeat(70_000)}\nseasons:\n  all: [1,2,3,4,5,6,7,8,9,10,11,12]\n`,
    );
    expect(() => loadSeasonScheme(path)).toThrow(
      /the file is 70\d{3} bytes; a season scheme may be at most 65536 bytes/,
    );
  });

  it('rejects shapes that are not a scheme: no name, not months, a missing file', () => {
    expect(() => loadSeasonScheme(file('list.yaml', '- 1\n- 2\n'))).toThrow(/expected a mapping/);
    expect(() => loadSeasonScheme(file('noname.yaml', 'seasons:\n  a: [1]\n'))).toThrow(
      /"name" must be non-empty text/,
    );
    expect(() => loadSeasonScheme(file('thirteen.yaml', 'name: x\nseasons:\n  a: [13]\n'))).toThrow(
      'season "a" lists 13, not a month 1-12',
    );
    expect(() => loadSeasonScheme(join(dir, 'nope.yaml'))).toThrow(/nope.yaml: cannot read the file/);
  });
});
