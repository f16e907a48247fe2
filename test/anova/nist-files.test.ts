import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NIST_CASES } from './nist.ts';

/**
 * The NIST StRD ANOVA .dat files themselves, as Debian's python3-scipy ships them for its own
 * tests (/usr/lib/python3/dist-packages/scipy/stats/tests/data/nist_anova/), against the data and
 * certified values of nist.ts (where SmLs02-09 are generated from their documented structure).
 */
const DIR = '/usr/lib/python3/dist-packages/scipy/stats/tests/data/nist_anova';
const available = existsSync(join(DIR, 'SmLs05.dat'));
if (!available)
  process.stderr.write(`nist-files.test.ts: skipped, ${DIR} not found (install python3-scipy)\n`);

function parse(text: string): {
  groups: Map<string, string[]>;
  between: number[];
  within: number[];
  rSquared: number;
} {
  const lines = text.split('\n');
  // The data follow the last "Data:" line (its column names differ between the files).
  const start = lines.findLastIndex((l) => /^Data:\s+\S+\s+\S+\s*$/.test(l));
  const groups = new Map<string, string[]>();
  for (const l of lines.slice(start + 1)) {
    const m = /^\s*(\d+)\s+(-?[\d.]+)\s*$/.exec(l);
    if (m?.[1] === undefined || m[2] === undefined) continue;
    groups.set(m[1], [...(groups.get(m[1]) ?? []), m[2]]);
  }
  const nums = (l: string | undefined) => (l ?? '').trim().split(/\s+/).slice(-4).map(Number);
  const between = nums(lines.find((l) => /^Between /.test(l)));
  const within = nums(lines.find((l) => /^Within /.test(l)));
  const rSquared = Number(/Certified R-Squared\s+(\S+)/.exec(text)?.[1]);
  return { groups, between, within, rSquared };
}

describe.skipIf(!available)('the NIST StRD ANOVA files', () => {
  it.each(NIST_CASES.map((c) => [c.name, c] as const))(
    '%s: data and certified values are those of nist.ts',
    (name, c) => {
      const file = parse(readFileSync(join(DIR, `${name}.dat`), 'latin1'));
      // Data: every group's responses, in order, as decimal text (numerically equal).
      expect([...file.groups.values()].map((v) => v.map(Number))).toEqual(
        c.groups.map((g) => g.values.map(Number)),
      );
      // Certified (15 significant digits in the file): df, SS, MS, F, R².
      const [dfB, ssB, msB, f] = file.between;
      const [dfW, ssW, msW] = file.within.length === 4 ? file.within.slice(1) : file.within;
      expect(dfB).toBe(c.certified.dfBetween);
      expect(dfW).toBe(c.certified.dfWithin);
      for (const [got, want] of [
        [ssB, c.certified.ssBetween],
        [msB, c.certified.msBetween],
        [f, c.certified.f],
        [ssW, c.certified.ssWithin],
        [msW, c.certified.msWithin],
        [file.rSquared, c.certified.rSquared],
      ] as const) {
        expect(Math.abs((got ?? Number.NaN) - want)).toBeLessThanOrEqual(1e-14 * Math.abs(want));
      }
    },
  );
});
