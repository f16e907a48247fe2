import { type FileJudge, type LedgerRow, sameJudge } from './ledger.ts';

/**
 * What a run does with a landing file:
 * - `load`: new, or rejected before and its bytes or judge changed (it takes a new place in
 *   load order); `reprocess`: named by `--reprocess`, loaded again in its old place;
 * - `skip`: loaded (or a duplicate) before and unchanged;
 * - `reject`: rejected whole in this run; `rejected_before`: rejected before, unchanged and
 *   judged the same way, so it is listed with its reason but is not an error again;
 * - `changed`: loaded before and its content changed without `--reprocess`;
 * - `duplicate`: the bytes of a file already loaded under another name, skipped with a warning;
 * - `unmatched`: matches no entity of the contract or the mapping, or is left out by the mapping.
 */
export type FileAction =
  | 'load'
  | 'reprocess'
  | 'skip'
  | 'reject'
  | 'rejected_before'
  | 'changed'
  | 'duplicate'
  | 'unmatched';

/**
 * What to do with a landing file given its ledger row, its content hash, whether `--reprocess`
 * names it and what judges it now. A new file is loaded. A loaded file is skipped when
 * unchanged, reloaded when `--reprocess` names it, and refused (`changed`) when its content
 * changed without it. A rejected file is retried when its bytes or its judge (time zone, mapping,
 * `--max-rejected`) changed or `--reprocess` names it, and otherwise listed as `rejected_before`.
 * A duplicate delivery is skipped while its bytes are unchanged.
 *
 * @example decideAction(undefined, 'ab12', false, judge) // 'load'
 */
export function decideAction(
  known: LedgerRow | undefined,
  sha256: string,
  reprocess: boolean,
  judge: FileJudge,
): FileAction {
  if (known === undefined) return 'load';
  if (known.status === 'rejected') {
    if (reprocess) return 'reprocess';
    return known.sha256 === sha256 && sameJudge(known, judge) ? 'rejected_before' : 'load';
  }
  if (known.status === 'duplicate') return known.sha256 === sha256 ? 'skip' : 'load';
  if (reprocess) return 'reprocess';
  return known.sha256 === sha256 ? 'skip' : 'changed';
}

/** Actions that load a file's rows. */
export function loads(action: FileAction): boolean {
  return action === 'load' || action === 'reprocess';
}

/** Actions that make the run an input error (exit 2). */
export function isInputError(action: FileAction): boolean {
  return action === 'reject' || action === 'changed';
}
