import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { InvalidArgumentError } from '../src/errors.ts';
import { DEFAULT_MAX_REJECTED, type RejectThreshold } from './ingest/load-batch.ts';
import type { FileJudge } from './ledger.ts';
import { loadMapping } from './mapping/load.ts';
import type { Mapping } from './mapping/types.ts';
import type { EtlOptions } from './run-types.ts';

/**
 * Validates an IANA time-zone name against the platform's zone database.
 *
 * @throws InvalidArgumentError naming the bad zone.
 */
export function validateTimeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new InvalidArgumentError(
      `etl: unknown time zone ${JSON.stringify(zone)}; use an IANA name such as Europe/Berlin`,
    );
  }
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$|^UTC$/.test(zone)) {
    throw new InvalidArgumentError(
      `etl: time zone must be an IANA name such as Europe/Berlin, got ${JSON.stringify(zone)}`,
    );
  }
  return zone;
}

/** A run's options, resolved and validated. */
export interface RunSettings {
  readonly timeZone: string;
  readonly reprocess: readonly string[];
  readonly landingDir: string;
  readonly mapping: Mapping | null;
  readonly maxRejected: RejectThreshold;
  readonly followSymlinks: boolean;
  readonly judge: FileJudge;
  /** Where the UTF-8 copies of the run go (cleaned at the start of each run); null in memory. */
  readonly copiesDir: string | null;
}

/** Resolves a run's options: zone, landing folder, mapping, threshold and what judges files. */
export function resolveSettings(options: EtlOptions): RunSettings {
  const timeZone = validateTimeZone(options.timeZone ?? 'UTC');
  const maxRejected = validateThreshold(options.maxRejected ?? DEFAULT_MAX_REJECTED);
  const mapping =
    options.mapping === undefined
      ? null
      : typeof options.mapping === 'string'
        ? loadMapping(options.mapping)
        : options.mapping;
  return {
    timeZone,
    reprocess: [...(options.reprocess ?? [])],
    landingDir: isAbsolute(options.landing) ? options.landing : resolve(options.landing),
    mapping,
    maxRejected,
    followSymlinks: options.followSymlinks === true,
    judge: {
      timeZone,
      mappingSha256: mapping === null ? null : mappingSha256(mapping),
      maxRejected: `${maxRejected.share}/${maxRejected.minRows}/${maxRejected.keep}`,
    },
    copiesDir: options.warehouse === ':memory:' ? null : `${resolve(options.warehouse)}.utf8`,
  };
}

/**
 * The threshold of `--max-rejected`, checked: a share from 0 to 1, whole non-negative counts.
 *
 * @throws InvalidArgumentError naming the bad field.
 */
export function validateThreshold(t: RejectThreshold): RejectThreshold {
  if (!(Number.isFinite(t.share) && t.share >= 0 && t.share <= 1)) {
    throw new InvalidArgumentError(`etl: maxRejected.share must be from 0 to 1, got ${t.share}`);
  }
  for (const k of ['minRows', 'keep'] as const) {
    if (!(Number.isSafeInteger(t[k]) && t[k] >= 0)) {
      throw new InvalidArgumentError(`etl: maxRejected.${k} must be a whole number from 0, got ${t[k]}`);
    }
  }
  return t;
}

/** sha256 of the mapping file's content (of the mapping itself when it has no readable file). */
function mappingSha256(mapping: Mapping): string {
  let content: Buffer | string;
  try {
    content = readFileSync(mapping.file);
  } catch {
    content = JSON.stringify(mapping);
  }
  return createHash('sha256').update(content).digest('hex');
}
