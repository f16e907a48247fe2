/** The part of jStat 1.9.6 (CommonJS, no published types) that shopstat uses. */
declare module 'jstat' {
  interface JStatStatic {
    tukey: {
      /** P(Q <= q) for the studentized range; a port of R's ptukey (Copenhaver & Holland 1988). */
      cdf(q: number, nmeans: number, df: number): number;
      /** The q with cdf(q) = p, by secant steps to an absolute 1e-4 (R's qtukey); NaN for df < 2. */
      inv(p: number, nmeans: number, df: number): number;
    };
  }
  const jStat: JStatStatic;
  export default jStat;
}
