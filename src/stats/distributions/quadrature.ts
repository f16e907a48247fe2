// biome-ignore-all lint/correctness/noPrecisionLoss: published coefficients, kept digit for digit as printed
// Gauss-Kronrod 7-15 nodes and weights (QUADPACK qk15; Piessens et al. 1983).
const XGK = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
  0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
  0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
  0.207784955007898467600689403773245, 0,
] as const;
const WGK = [
  0.02293532201052922496373200805897, 0.063092092629978553290700663189204,
  0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
  0.16900472663926790282658342659855, 0.190350578064785409913256402421014,
  0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
] as const;
const WG = [
  0.129484966168869693270611432679082, 0.27970539148927666790146777142378,
  0.381830050505118944950369775488975, 0.417959183673469387755102040816327,
] as const;

interface Panel {
  readonly a: number;
  readonly b: number;
  readonly value: number;
  readonly error: number;
}

function kronrod(f: (x: number) => number, a: number, b: number): Panel {
  const centre = 0.5 * (a + b);
  const half = 0.5 * (b - a);
  const fc = f(centre);
  let gauss = fc * WG[3];
  let sum = fc * WGK[7];
  for (let j = 0; j < 7; j++) {
    const dx = half * (XGK[j] as number);
    const pair = f(centre - dx) + f(centre + dx);
    sum += (WGK[j] as number) * pair;
    if (j % 2 === 1) gauss += (WG[(j - 1) / 2] as number) * pair;
  }
  return { a, b, value: sum * half, error: Math.abs((sum - gauss) * half) };
}

/**
 * The integral of f over [breaks[0], breaks[last]] by globally adaptive Gauss-Kronrod 7-15
 * quadrature (Piessens et al. 1983, QUADPACK `qag`): start from the given panels, bisect the
 * panel with the largest error estimate until the total estimate is below relTol times the
 * integral (or absTol). Internal to the studentized range.
 */
export function integrate(
  f: (x: number) => number,
  breaks: readonly number[],
  relTol = 1e-12,
  absTol = 0,
): number {
  const panels: Panel[] = [];
  for (let i = 0; i + 1 < breaks.length; i++)
    panels.push(kronrod(f, breaks[i] as number, breaks[i + 1] as number));
  for (let iter = 0; iter < 2000; iter++) {
    let value = 0;
    let error = 0;
    let worst = 0;
    for (let i = 0; i < panels.length; i++) {
      const p = panels[i] as Panel;
      value += p.value;
      error += p.error;
      if (p.error > (panels[worst] as Panel).error) worst = i;
    }
    if (error <= Math.max(relTol * Math.abs(value), absTol)) return value;
    const p = panels[worst] as Panel;
    const mid = 0.5 * (p.a + p.b);
    panels.splice(worst, 1, kronrod(f, p.a, mid), kronrod(f, mid, p.b));
  }
  return panels.reduce((s, p) => s + p.value, 0);
}
