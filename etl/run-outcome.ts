import { isInputError, loads } from './file-actions.ts';
import type { Mapping } from './mapping/types.ts';
import type { MappingHint } from './mapping-hint.ts';
import type { EtlFileReport, EtlResult } from './run-types.ts';

/** Whether files are present but none matches the contract or the mapping (left-out files aside). */
export function unmatchedOnly(files: readonly EtlFileReport[]): boolean {
  return (
    files.some((f) => f.action === 'unmatched' && f.reason !== 'ignored') &&
    files.every((f) => f.action === 'unmatched')
  );
}

/** The status, exit code and message of a run from what its files and build did. */
export function runOutcome(
  files: readonly EtlFileReport[],
  build: { rebuilt: boolean; failed: boolean; message: string },
  context: { unmatched: boolean; mappingHints: readonly MappingHint[]; mapping: Mapping | null },
): { status: EtlResult['status']; exitCode: 0 | 1 | 2; message: string } {
  if (build.failed) {
    return {
      status: 'failed',
      exitCode: 1,
      message: `run failed: ${build.message}; the previous gold tables were kept`,
    };
  }
  if (context.unmatched) {
    const n = files.filter((f) => f.action === 'unmatched' && f.reason !== 'ignored').length;
    const best = context.mappingHints[0];
    const hint =
      best === undefined
        ? "no shipped mapping (etl/mappings/) fits their headers either: name the files after the contract's entities (orders.csv, order_items_2025-03.csv...) or write a mapping"
        : `the shipped mapping ${best.mapping} fits the headers of ${best.files.join(', ')}: pass --mapping ${best.mapping}`;
    return {
      status: 'input_error',
      exitCode: 2,
      message: `none of the ${n} file(s) in the landing folder matches the data contract's file names${context.mapping === null ? '' : ' or a source of the mapping'}; ${hint}`,
    };
  }
  if (files.length === 0) {
    // An empty landing folder is a normal day; a new warehouse still gets its (empty) gold.
    return {
      status: build.rebuilt ? 'ok' : 'nothing_new',
      exitCode: 0,
      message: `nothing to load: the landing folder is empty${build.rebuilt ? '; silver and gold built' : ''}`,
    };
  }
  const inputError = files.some((f) => isInputError(f.action));
  const loaded = files.filter((f) => loads(f.action)).length;
  if (!inputError && loaded === 0 && !build.rebuilt) {
    return {
      status: 'nothing_new',
      exitCode: 0,
      message: 'nothing new: bronze, silver and gold are unchanged',
    };
  }
  return {
    status: inputError ? 'input_error' : 'ok',
    exitCode: inputError ? 2 : 0,
    message: `${loaded} file(s) loaded${build.rebuilt ? ', silver and gold rebuilt' : ''}${inputError ? '; some files were rejected (see files)' : ''}`,
  };
}
