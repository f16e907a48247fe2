"""Arbitrary-precision reference values for src/stats/distributions, written to reference-mpmath.json.

Run from this folder: /usr/bin/python3 reference.py   (Debian python3-mpmath 1.2.1)
Closed forms by mpmath's incomplete beta / gamma at 40 digits (A&S 26.6.2, 26.7.1, 26.4.19)
and the noncentral F by its Poisson mixture summed to 1e-30 (Johnson, Kotz & Balakrishnan 1995, 30.3).
mpmath 1.2.1 betainc does not converge for df near 1e6 (hypergeometric series); those cases
are checked against R only (reference.R).
"""
import json
from mpmath import mp, mpf, betainc, gammainc, erfc, sqrt, exp, inf, nstr

mp.dps = 40


def f_upper(f, d1, d2):
    x = mpf(d2) / (mpf(d2) + mpf(d1) * f)
    return betainc(mpf(d2) / 2, mpf(d1) / 2, 0, x, regularized=True)


def t_upper(t, df):
    t = mpf(t)
    x = mpf(df) / (df + t * t)
    half = betainc(mpf(df) / 2, mpf(1) / 2, 0, x, regularized=True) / 2
    return half if t >= 0 else 1 - half


def chi_upper(x, df):
    return gammainc(mpf(df) / 2, mpf(x) / 2, inf, regularized=True)


def normal_upper(z):
    return erfc(mpf(z) / sqrt(2)) / 2


def noncentral_f_cdf(f, d1, d2, lam):
    x = mpf(d1) * f / (mpf(d1) * f + d2)
    mu = mpf(lam) / 2
    total = mpf(0)
    j = 0
    weight = exp(-mu)
    cum = mpf(0)
    while True:
        total += weight * betainc(mpf(d1) / 2 + j, mpf(d2) / 2, 0, x, regularized=True)
        cum += weight
        if 1 - cum < mpf(10) ** -30:
            return total
        j += 1
        weight *= mu / j


def num(x):
    return float(nstr(x, 20))


out = {"source": "mpmath %s at %d digits, test/stats/reference/reference.py" % (mp.__version__ if hasattr(mp, '__version__') else '1.2.1', mp.dps)}
out["fTail"] = [dict(f=f, df1=a, df2=b, upper=num(f_upper(f, a, b))) for f, a, b in [
    (50, 3, 1000), (3, 2, 10), (120, 4, 30), (1e4, 2, 3), (30, 10, 1e4),
    (400, 1, 5), (5, 20, 20), (1e5, 1, 1), (60, 6, 200), (3.5, 1e3, 50)]]
out["tTail"] = [dict(t=t, df=d, upper=num(t_upper(t, d))) for t, d in [
    (2, 5), (7, 1e3), (1, 1e3), (12, 1e3), (1e6, 1), (1e12, 1), (30, 3), (200, 10), (50, 30), (14, 100),
    (-3, 4), (0.2, 2)]]
out["chiSquaredTail"] = [dict(x=x, df=d, upper=num(chi_upper(x, d))) for x, d in [
    (150, 1), (300, 1), (1.001e6, 1e6), (1.01e6, 1e6), (1.008e6, 1e6), (200, 10), (400, 20), (1000, 100),
    (2, 1e-3), (0.5, 0.5), (70, 2), (5, 6)]]
out["normalTail"] = [dict(z=z, upper=num(normal_upper(z))) for z in [0.1, 1, 2.5, 5, 7, 10, 15, 25, 35]]

out["noncentralF"] = [dict(f=f, df1=a, df2=b, **{"lambda": l}, cdf=num(noncentral_f_cdf(f, a, b, l))) for f, a, b, l in [
    (3, 2, 10, 1), (3, 2, 10, 10), (5, 3, 100, 20), (20, 3, 60, 200), (50, 4, 50, 1000), (0.2, 3, 40, 30)]]

with open("reference-mpmath.json", "w") as fh:
    json.dump(out, fh, indent=1)
    fh.write("\n")
