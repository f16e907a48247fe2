/**
 * The phases of a pipeline run, from its progress events (shared by `etl-bench.ts --profile` and
 * `profile-etl.ts`). Works for both ways the runner has loaded files: one file at a time (scan,
 * `file` event, load, `loaded` event) and in batches (every file scanned with its `file` event
 * first, then each entity's batch loaded and reported with one `loaded` event per file).
 *
 * A period between two events is named by what ends it: a `file` event ends a file scan (the
 * runner hashes and counts a file just before reporting it), a `loaded` event ends a load of that
 * file's entity, and a `layer` event starts the build of a model (the checks that run after a
 * model, before the next one starts, count towards that model).
 */

export type ProgressMark =
  | { readonly t: number; readonly kind: 'file'; readonly file: string; readonly entity: string }
  | { readonly t: number; readonly kind: 'loaded'; readonly file: string }
  | { readonly t: number; readonly kind: 'layer'; readonly model: string };

export interface Period {
  readonly start: number;
  readonly end: number;
  readonly phase: string;
}

/** Periods from 0 to `endT` (ms), in order; `marks` sorted by time. */
export function periodsOf(marks: readonly ProgressMark[], endT: number): Period[] {
  const entityOf = new Map<string, string>();
  for (const m of marks) if (m.kind === 'file') entityOf.set(m.file, m.entity);
  const out: Period[] = [];
  for (let i = 0; i <= marks.length; i++) {
    const a = marks[i - 1];
    const b = marks[i];
    const start = a?.t ?? 0;
    const end = b?.t ?? endT;
    let phase: string;
    if (a?.kind === 'layer') {
      phase =
        b === undefined ? `build ${a.model} + last checks, commit, checkpoint, exit` : `build ${a.model}`;
    } else if (b === undefined) phase = 'after the last file: run log, exit';
    else if (b.kind === 'file')
      phase = a === undefined ? 'start-up and first file scan' : 'file scans (sha256, records)';
    else if (b.kind === 'loaded') phase = `load ${entityOf.get(b.file) ?? 'files'}`;
    else phase = 'run log and ledger';
    out.push({ start, end, phase });
  }
  return out;
}

/** The period a moment falls in (the last one starting at or before it). */
export function periodAt(periods: readonly Period[], t: number): Period | undefined {
  let found: Period | undefined;
  for (const p of periods) {
    if (p.start <= t) found = p;
    else break;
  }
  return found;
}
