# Reference values for src/stats/distributions, written to reference-r.json.
# Run from this folder: Rscript reference.R   (R >= 4.2, base R only)
# Every number is R's own: pf / pt / pchisq / pnorm with lower.tail = FALSE for the tails,
# qf / qt / qchisq / qnorm, ptukey / qtukey, pf(..., ncp =), uniroot for the ncp interval.
num <- function(x) ifelse(is.infinite(x), ifelse(x > 0, '"Infinity"', '"-Infinity"'), sprintf("%.17g", x))
row <- function(...) {
  v <- list(...)
  paste0("{", paste(sprintf('"%s": %s', names(v), sapply(v, num)), collapse = ", "), "}")
}
block <- function(name, rows) sprintf('"%s": [\n    %s\n  ]', name, paste(rows, collapse = ",\n    "))
out <- list()

# F upper tail and cdf: ordinary values, far tails, small and huge df, boundaries
fcases <- rbind(
  c(3, 2, 10), c(4.26, 2, 9), c(1, 1, 1), c(0.5, 3, 7), c(2.5, 4, 40), c(10, 5, 20),
  c(50, 3, 1000), c(40, 1, 1), c(1e6, 1, 1), c(1.01, 1e6, 1e6), c(2, 5, 1e6), c(0.9, 1e6, 5),
  c(30, 2, 2), c(200, 10, 10), c(80, 3, 30), c(25, 5, 120), c(1e-8, 3, 10), c(0.01, 1, 1e6),
  c(0, 3, 10), c(Inf, 3, 10)
)
out$fTail <- block("fTail", apply(fcases, 1, function(r) row(f = r[1], df1 = r[2], df2 = r[3],
  upper = pf(r[1], r[2], r[3], lower.tail = FALSE), cdf = pf(r[1], r[2], r[3]))))
fq <- rbind(c(0.95, 2, 10), c(0.99, 3, 1000), c(0.5, 1, 1), c(1e-6, 4, 40), c(1 - 1e-10, 5, 20),
  c(0.05, 1e4, 1e4), c(0.999, 1, 1e5), c(0.001, 2, 2))
out$fQuantile <- block("fQuantile", apply(fq, 1, function(r) row(p = r[1], df1 = r[2], df2 = r[3],
  q = qf(r[1], r[2], r[3]))))

# t
tcases <- rbind(c(2, 5), c(0.5, 1), c(-1.5, 3), c(1.96, 1e6), c(7, 1e6), c(1, 1e6), c(1e6, 1),
  c(30, 3), c(100, 10), c(12, 30), c(8, 2), c(40, 20), c(-40, 20), c(0, 7), c(Inf, 7), c(-Inf, 7),
  c(1e-10, 4), c(3, 2))
out$tTail <- block("tTail", apply(tcases, 1, function(r) row(t = r[1], df = r[2],
  upper = pt(r[1], r[2], lower.tail = FALSE), twoSided = 2 * pt(-abs(r[1]), r[2]))))
tq <- rbind(c(0.975, 10), c(0.025, 10), c(0.995, 1), c(1e-12, 1e6), c(0.6, 2), c(1e-10, 5), c(0.9999, 1e6))
out$tQuantile <- block("tQuantile", apply(tq, 1, function(r) row(p = r[1], df = r[2], q = qt(r[1], r[2]))))

# chi-squared
ccases <- rbind(c(3.841458820694124, 1), c(1, 1), c(0.1, 2), c(10, 3), c(200, 10), c(150, 1),
  c(1.001e6, 1e6), c(1.01e6, 1e6), c(9.9e5, 1e6), c(80, 30), c(300, 100), c(1e-5, 4), c(0.5, 0.5),
  c(0, 3), c(Inf, 3), c(60, 2), c(120, 5))
out$chiSquaredTail <- block("chiSquaredTail", apply(ccases, 1, function(r) row(x = r[1], df = r[2],
  upper = pchisq(r[1], r[2], lower.tail = FALSE))))
cq <- rbind(c(0.95, 1), c(0.05, 1), c(1e-10, 3), c(0.999999, 10), c(0.5, 1e6), c(0.99, 1e6), c(0.3, 0.5))
out$chiSquaredQuantile <- block("chiSquaredQuantile", apply(cq, 1, function(r) row(p = r[1], df = r[2],
  q = qchisq(r[1], r[2]))))

# normal
zs <- c(-40, -10, -3, -1.5, -0.5, 0, 0.3, 0.66, 0.7, 1.959963984540054, 3, 5.6, 5.7, 8, 10, 20, 30, 37, 39, Inf, -Inf)
out$normalTail <- block("normalTail", sapply(zs, function(z) row(z = z, upper = pnorm(z, lower.tail = FALSE))))
ps <- c(1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.01, 0.075, 0.2, 0.5, 0.8, 0.925, 0.975, 1 - 1e-10)
out$normalQuantile <- block("normalQuantile", sapply(ps, function(p) row(p = p, q = qnorm(p))))

# studentized range: ptukey / qtukey for k = 2..10, df = 5, 20, 1e5
tk <- expand.grid(k = 2:10, df = c(5, 20, 1e5), q = c(1, 3, 5))
out$ptukey <- block("ptukey", apply(tk, 1, function(r) row(q = r[["q"]], k = r[["k"]], df = r[["df"]],
  cdf = ptukey(r[["q"]], r[["k"]], r[["df"]]), upper = ptukey(r[["q"]], r[["k"]], r[["df"]], lower.tail = FALSE))))
tq2 <- expand.grid(k = 2:10, df = c(5, 20, 1e5), p = c(0.95, 0.99))
out$qtukey <- block("qtukey", apply(tq2, 1, function(r) row(p = r[["p"]], k = r[["k"]], df = r[["df"]],
  q = qtukey(r[["p"]], r[["k"]], r[["df"]]))))

# noncentral F cdf
nc <- rbind(c(3, 2, 10, 1), c(3, 2, 10, 10), c(1, 4, 40, 5), c(5, 3, 100, 20), c(2, 1, 1, 2),
  c(10, 5, 20, 50), c(1.5, 10, 1000, 3), c(20, 3, 60, 200), c(0.5, 2, 30, 0.5), c(4, 6, 12, 0),
  c(50, 4, 50, 1000), c(0, 3, 10, 4), c(Inf, 3, 10, 4))
out$noncentralF <- block("noncentralF", apply(nc, 1, function(r) row(f = r[1], df1 = r[2], df2 = r[3],
  lambda = r[4], cdf = pf(r[1], r[2], r[3], ncp = r[4]))))

# lambda interval: P(F <= f | lambda) = (1 + level) / 2 (lower) and (1 - level) / 2 (upper), lower clipped at 0
lam <- function(f, d1, d2, target) {
  if (pf(f, d1, d2) < target) return(0)
  hi <- 1; while (pf(f, d1, d2, ncp = hi) > target) hi <- hi * 2
  uniroot(function(l) pf(f, d1, d2, ncp = l) - target, c(0, hi), tol = 1e-13)$root
}
ci <- rbind(c(5, 3, 60, 0.95), c(12, 2, 27, 0.95), c(2.1, 4, 100, 0.9), c(1.2, 3, 40, 0.95),
  c(0.3, 2, 20, 0.95), c(40, 5, 500, 0.99), c(8, 1, 18, 0.95))
out$lambdaInterval <- block("lambdaInterval", apply(ci, 1, function(r) row(f = r[1], df1 = r[2], df2 = r[3],
  level = r[4], lower = lam(r[1], r[2], r[3], (1 + r[4]) / 2), upper = lam(r[1], r[2], r[3], (1 - r[4]) / 2))))

writeLines(c("{", sprintf('  "source": "%s, test/stats/reference/reference.R",', R.version.string),
  paste0("  ", paste(unlist(out), collapse = ",\n  ")), "}"), "reference-r.json")
