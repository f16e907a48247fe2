"""Reference numbers for test/decompose, computed independently of the TypeScript code.

Run: /usr/bin/python3 test/decompose/reference/reference.py > test/decompose/reference/reference.json

- Shapley effects by brute force over all n! orderings of the factors (itertools.permutations),
  in exact fractions.Fraction: a different algorithm from the subset formula in shapley.ts.
- Sequential splits in Fraction.
- Additive LMDI-I by the textbook formula of Ang (2005), Energy Policy 33:867-871, Table 1:
  dV_k = L(V_T, V_0) ln(x_k,T / x_k,0), L(a, b) = (a - b) / (ln a - ln b), in mpmath-free plain
  floats (math.log); good to ~1e-12 relative.
"""
import itertools
import json
import math
from fractions import Fraction as F


def shapley_by_orderings(start, end):
    n = len(start)
    effects = [F(0)] * n
    perms = list(itertools.permutations(range(n)))
    for order in perms:
        current = list(start)
        value = math.prod(current)
        for k in order:
            current[k] = end[k]
            new_value = math.prod(current)
            effects[k] += new_value - value
            value = new_value
    return [e / len(perms) for e in effects]


def lmdi2(n0, r0, n1, r1):
    lm = (r1 - r0) / (math.log(r1) - math.log(r0)) if r1 != r0 else r0
    a0, a1 = r0 / n0, r1 / n1
    return {"volume": lm * math.log(n1 / n0), "aov": lm * math.log(a1 / a0)}


def two_factor(n0, r0, n1, r1):
    n0, n1, r0, r1 = F(n0), F(n1), F(r0), F(r1)
    a0, a1 = r0 / n0, r1 / n1
    vol, aov = shapley_by_orderings([n0, a0], [n1, a1])
    return {
        "shapley": {"volume": str(vol), "aov": str(aov)},
        "volumeFirst": {"volume": str((n1 - n0) * a0), "aov": str((a1 - a0) * n1)},
        "aovFirst": {"volume": str((n1 - n0) * a1), "aov": str((a1 - a0) * n0)},
        "lmdi": lmdi2(float(n0), float(r0), float(n1), float(r1)),
    }


out = {
    # The hand-computed three months of test/decompose/two-factor.test.ts (totals of web + app).
    "julToAug": two_factor(200, F("8000"), 200, F("9000")),
    "augToSep": two_factor(200, F("9000"), 150, F("6000")),
    # A four-factor case: customers, frequency, basket, price (levels C, O, U, R).
    "fourFactors": [
        str(x)
        for x in shapley_by_orderings(
            [F(80), F(120, 80), F(300, 120), F("9000.50") / 300],
            [F(70), F(100, 70), F(280, 100), F("8123.25") / 280],
        )
    ],
    # customers, price only: customers x revenue per customer.
    "customersPrice": [
        str(x) for x in shapley_by_orderings([F(80), F("9000.50") / 80], [F(70), F("8123.25") / 70])
    ],
    # LMDI on large, close totals (precision check of the logarithmic mean).
    "lmdiClose": lmdi2(1_000_003.0, 12_345_678_901.2345, 1_000_001.0, 12_345_679_011.5),
}
print(json.dumps(out, indent=2))
