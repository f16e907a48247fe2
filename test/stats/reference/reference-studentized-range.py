"""Arbitrary-precision reference values for the studentized range, written to
reference-studentized-range.json. Run from this folder: /usr/bin/python3 reference-studentized-range.py
(Debian python3-mpmath 1.2.1; about 15 minutes on a shared 2-core machine).

Nested tanh-sinh quadrature of the definition (Hartley 1944; Copenhaver & Holland 1988):
  P(Q > q) = int_0^inf f_nu(s) U(q s) ds,  f_nu the density of chi_nu / sqrt(nu),
  U(w) = P(range of k standard normals > w) = k int phi(z) [Phi(z)^(k-1) - (Phi(z) - Phi(z - w))^(k-1)] dz.
The bracket is evaluated as Phi^(k-1) * -expm1((k-1) log1p(-Phi(z-w)/Phi(z))): the plain difference
cancels (at z ~ w/2 both terms are ~1 and differ by ~1e-20 far in the tail), which at 20 digits
costs the tail all its accuracy. df = Infinity at 50 digits, finite df at 20 (~20 s a value).
"""
import json
import sys
from mpmath import mp, mpf, sqrt, exp, log1p, expm1, quad, ncdf, npdf, gamma, inf, nstr


def num(x):
    return float(nstr(x, 12))  # the digits the progress lines print; the tests ask for 1e-9


def range_upper(w, k):
    w = mpf(w)
    m = k - 1
    g = lambda z: npdf(z) * ncdf(z) ** m * -expm1(m * log1p(-ncdf(z - w) / ncdf(z)))
    return k * quad(g, [-inf, -8, 0, w / 2, w / 2 + 8, inf])


def studentized_upper(q, k, df):
    q = mpf(q)
    if df is None:
        return range_upper(q, k)
    nu = mpf(df)
    const = nu ** (nu / 2) / (gamma(nu / 2) * 2 ** (nu / 2 - 1))
    dens = lambda s: const * s ** (nu - 1) * exp(-nu * s * s / 2)
    peak = sqrt(nu / (nu + q * q / 2))
    width = 1 / sqrt(2 * nu + q * q)
    pts = [0] + [p for p in (peak - 8 * width, peak, peak + 8 * width) if p > 0] + [inf]
    return quad(lambda s: dens(s) * range_upper(q * s, k), pts)



cases = []
# Most of k = 10 at df = 20 and the df = 5 tail are left out: at 20 digits they take over ten
# minutes each here; the far tail at small df is checked through the exact k = 2 case (the t
# distribution). df = 5 at 15 digits (~20 s a value) settles where R's ptukey drifts (7e-7 at q = 5).
GRID = {None: [(k, q) for k in (3, 5, 10) for q in (3, 6, 10, 14)], 20: [(3, 4), (3, 12), (3, 30), (10, 4)],
        5: [(3, 3), (3, 5)]}
for df in (None, 20, 5):
    mp.dps = {None: 50, 20: 20, 5: 15}[df]
    for k, q in GRID[df]:
        v = studentized_upper(q, k, df)
        cases.append(dict(q=q, k=k, df=df if df is not None else "Infinity", upper=num(v)))
        print(df, k, q, nstr(v, 12), file=sys.stderr, flush=True)



with open("reference-studentized-range.json", "w") as fh:
    json.dump({"source": "mpmath 1.2.1 nested quadrature, test/stats/reference/reference-studentized-range.py",
               "studentizedRangeTail": cases}, fh, indent=1)
    fh.write("\n")
