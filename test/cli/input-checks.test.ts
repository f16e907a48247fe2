import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkCommandInput,
  checkMemoryLimit,
  checkThreads,
  MAX_THREADS,
} from '../../src/cli/input-checks.ts';
import { InvalidArgumentError } from '../../src/errors.ts';
import { tempDir } from '../support/fixtures.ts';

const root = tempDir();
afterAll(() => root.cleanup());

describe('checkThreads', () => {
  it('accepts whole numbers from 1 to 64', () => {
    expect(MAX_THREADS).toBe(64);
    expect([checkThreads('etl', '1'), checkThreads('etl', '2'), checkThreads('etl', '64')]).toEqual([
      1, 2, 64,
    ]);
  });

  it('refuses 0, 65, 999999, fractions, signs and words, naming the command and the value', () => {
    for (const value of ['0', '65', '999999', '1.5', '-1', '+2', '', 'two', '1e3']) {
      expect(() => checkThreads('etl', value)).toThrow(
        new InvalidArgumentError(
          `etl: --threads must be a whole number from 1 to 64, got ${JSON.stringify(value)}`,
        ),
      );
    }
  });
});

describe('checkMemoryLimit', () => {
  it('reads DuckDB sizes in decimal and binary units, any case, a space allowed', () => {
    expect(checkMemoryLimit('etl', '1GB')).toBe(1e9);
    expect(checkMemoryLimit('etl', '128MB')).toBe(128e6);
    expect(checkMemoryLimit('etl', '1.5GiB')).toBe(1.5 * 2 ** 30);
    expect(checkMemoryLimit('etl', '2 tb')).toBe(2e12);
    expect(checkMemoryLimit('etl', '131072KiB')).toBe(131072 * 1024);
  });

  it('refuses what is not a size, and sizes under 128MB', () => {
    for (const value of ['lots', '80%', 'GB', '1', '1 G', '-1GB', '1e9B', '']) {
      expect(() => checkMemoryLimit('etl', value)).toThrow(
        `etl: --memory-limit must be a size such as 512MB, 4GB or 1.5GiB`,
      );
    }
    for (const value of ['127MB', '64MiB', '0GB', '1000B']) {
      expect(() => checkMemoryLimit('etl', value)).toThrow(
        `etl: --memory-limit must be at least 128MB (below it DuckDB runs out of memory loading even a small file), got ${JSON.stringify(value)}`,
      );
    }
  });
});

describe('checkCommandInput', () => {
  const folder = join(root.dir, 'landing');
  const file = join(root.dir, 'wh.duckdb');
  mkdirSync(folder);
  writeFileSync(file, '');

  it('accepts an existing landing folder, a new or existing out folder and warehouse for etl', () => {
    expect(() =>
      checkCommandInput('etl', {
        landing: folder,
        warehouse: join(root.dir, 'new.duckdb'),
        threads: '2',
        memoryLimit: '1GB',
      }),
    ).not.toThrow();
    expect(() => checkCommandInput('demo', { out: join(root.dir, 'new-folder') })).not.toThrow();
    expect(() => checkCommandInput('export', { warehouse: file, out: folder })).not.toThrow();
  });

  it('refuses a missing warehouse for every command but etl, and a folder as a warehouse', () => {
    const missing = join(root.dir, 'missing.duckdb');
    expect(() => checkCommandInput('export', { warehouse: missing })).toThrow(
      `export: --warehouse ${missing} does not exist; build it first with: shopstat etl --landing DIR --warehouse ${missing}`,
    );
    expect(() => checkCommandInput('etl', { warehouse: folder })).toThrow(
      `etl: --warehouse ${folder} is a folder, not a DuckDB warehouse file`,
    );
  });

  it('refuses a landing that is a file or missing, and an out that is a file', () => {
    expect(() => checkCommandInput('etl', { landing: file })).toThrow(
      `etl: --landing ${file} is a file, not a folder of exports`,
    );
    expect(() => checkCommandInput('mapping check', { landing: join(root.dir, 'nope') })).toThrow(
      `mapping check: --landing ${join(root.dir, 'nope')} does not exist`,
    );
    expect(() => checkCommandInput('export', { out: file })).toThrow(
      `export: --out ${file} is a file, not a folder to write into`,
    );
  });

  it('refuses a --mapping that is missing or a folder, and accepts a file', () => {
    const missing = join(root.dir, 'm.yaml');
    expect(() => checkCommandInput('etl', { mapping: missing })).toThrow(
      `etl: --mapping ${missing} does not exist; pass a mapping file (YAML), e.g. etl/mappings/olist.yaml`,
    );
    expect(() => checkCommandInput('etl', { mapping: folder })).toThrow(
      `etl: --mapping ${folder} is not a file`,
    );
    expect(() => checkCommandInput('etl', { mapping: file })).not.toThrow();
  });
});
