/**
 * How long a process waits, by default, for another process's lock on a warehouse file: 10
 * minutes, for readers (`shopstat sql`, `export`, `withWarehouse(path, { readOnly: true }, ...)`)
 * and writers (`shopstat etl`) alike. DuckDB lets one writer or any number of readers hold a file;
 * with short-lived connections on both sides, a report started during a scheduled load waits for
 * the load to end instead of failing, and the load waits for the report.
 */
export const DEFAULT_LOCK_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * Whether a DuckDB open error is another process's lock on the file ("Could not set lock on file
 * ...: Conflicting lock is held in ... (PID n)"), as opposed to any other failure.
 */
export function isLockConflict(message: string): boolean {
  return /could not set lock|conflicting lock/i.test(message);
}

/** The pause before the next attempt to open a locked file: 50 ms doubling to at most 1 s. */
export function lockRetryDelayMs(attempt: number): number {
  return Math.min(1000, 50 * 2 ** Math.min(attempt, 5));
}
