import { InvalidArgumentError } from '../errors.ts';
import type { WarehouseOptions } from '../warehouse/index.ts';

/** Parses a positive integer option, naming the option in the error. */
export function parsePositiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError(`${name} must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return n;
}

/** Parses an integer option (zero and negatives allowed). */
export function parseInteger(name: string, value: string): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n)) {
    throw new InvalidArgumentError(`${name} must be an integer, got ${JSON.stringify(value)}`);
  }
  return n;
}

/** DuckDB resource options shared by commands that open a warehouse. */
export interface ResourceFlags {
  readonly memoryLimit?: string;
  readonly threads?: string;
  readonly lockTimeout?: string;
}

/** Turns `--memory-limit`, `--threads`, `--lock-timeout` (seconds) into warehouse options. */
export function warehouseOptions(flags: ResourceFlags): WarehouseOptions {
  return {
    ...(flags.memoryLimit !== undefined ? { memoryLimit: flags.memoryLimit } : {}),
    ...(flags.threads !== undefined ? { threads: parsePositiveInt('--threads', flags.threads) } : {}),
    ...(flags.lockTimeout !== undefined
      ? { lockTimeoutMs: parseInteger('--lock-timeout', flags.lockTimeout) * 1000 }
      : {}),
  };
}

/** Prints a result as JSON (with `--json`) or as the readable text given. */
export function printResult(json: boolean, result: unknown, text: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : `${text()}\n`);
}
