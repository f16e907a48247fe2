# Reference values for the post-hoc comparisons of the one-way family (src/anova/posthoc-*.ts)
# and for p-value adjustment (src/stats/p-adjust.ts).
#
#   Rscript test/anova/reference-posthoc/reference.R > test/anova/reference-posthoc/reference.json
#
# Data (R's datasets; the script prints the values so the tests read the very doubles R used):
# PlantGrowth weight ~ group (3 x 10, balanced), mtcars mpg ~ cyl (n = 11, 7, 14), chickwts
# weight ~ feed (6 groups, n 10..14), InsectSprays count ~ spray (6 x 12, many ties),
# OrchardSprays decrease ~ treatment (8 x 8, the timing case).
#
# Sources of each number:
# - Tukey: TukeyHSD(aov(y ~ g)) (Tukey-Kramer for unequal n): diff, lwr, upr, p adj. The
#   statistic q = |diff| / sqrt(MSE / 2 (1/n_a + 1/n_b)) and the critical value
#   qtukey(level, k, df) are written out as in stats:::TukeyHSD.aov.
# - Games-Howell: base R has none, so written out from Games, P. A. & Howell, J. F. (1976)
#   "Pairwise multiple comparison procedures with unequal n's and/or variances: a Monte Carlo
#   study", J. Educational Statistics 1(2), 113-125: per pair se = sqrt((s_a^2/n_a + s_b^2/n_b) / 2),
#   Welch-Satterthwaite df, q = |diff| / se, p = ptukey(q, k, df, lower = FALSE),
#   interval diff -/+ qtukey(level, k, df) se (as rstatix::games_howell_test, which is not installed).
# - Dunn: base R has none, so written out from Dunn, O. J. (1964) "Multiple comparisons using rank
#   sums", Technometrics 6(3), 241-252, with the tie correction of the variance:
#   z = (Rbar_b - Rbar_a) / sqrt((N (N + 1) / 12 - sum(t^3 - t) / (12 (N - 1))) (1/n_a + 1/n_b)),
#   two-sided p = 2 pnorm(-|z|), adjusted by p.adjust (as FSA::dunnTest with two.sided = TRUE,
#   whose Z has the opposite sign: mean rank of a minus b; FSA is not installed).
# - p.adjust(p, "holm" / "bonferroni" / "BH") on a fixed vector with ties, 0 and 1.
#
# - Critical values: qtukey stops its secant iteration at a step of 1e-4 ("accurate to the 4th
#   decimal place", ?qtukey; at level 0.9 we see ~5e-8 relative), so each is also solved here by
#   uniroot(ptukey(q) - level, tol = 1e-15) (criticalValueRoot), limited by ptukey's ~1e-8
#   absolute accuracy (about 1e-10 relative in q where the density is ~0.1 and above).
#
# Pairs in R's order: for groups g1..gk, g2-g1, g3-g1, ..., gk-g1, g3-g2, ... (lower triangle
# by columns), each difference b - a.

num <- function(x) {
  if (length(x) != 1) stop("scalar expected")
  if (is.na(x) || !is.finite(x)) return("null")
  sprintf("%.17g", x)
}
str <- function(s) paste0('"', gsub('"', '\\\\"', s), '"')
obj <- function(...) {
  fields <- list(...)
  paste0("{", paste0(str(names(fields)), ": ", unlist(fields), collapse = ", "), "}")
}
arr <- function(items) paste0("[", paste0(items, collapse = ", "), "]")
nums <- function(x) arr(vapply(x, num, ""))

pairs_of <- function(levels) {
  k <- length(levels)
  out <- list()
  for (i in seq_len(k - 1)) for (j in (i + 1):k) out[[length(out) + 1]] <- c(i, j)
  out
}

crit_root <- function(level, k, df) {
  q <- qtukey(level, k, df)
  uniroot(function(x) ptukey(x, k, df) - level, c(q - 0.01, q + 0.01), tol = 1e-15)$root
}

tukey <- function(y, g, level) {
  fit <- aov(y ~ g)
  hsd <- TukeyHSD(fit, conf.level = level)$g
  n <- tapply(y, g, length)
  mse <- sum(fit$residuals^2) / fit$df.residual
  k <- nlevels(g)
  crit <- qtukey(level, k, fit$df.residual)
  root <- crit_root(level, k, fit$df.residual)
  rows <- vapply(seq_along(pairs_of(levels(g))), function(r) {
    p <- pairs_of(levels(g))[[r]]
    se <- sqrt(mse / 2 * (1 / n[[p[1]]] + 1 / n[[p[2]]]))
    obj(a = str(levels(g)[p[1]]), b = str(levels(g)[p[2]]), diff = num(hsd[r, "diff"]),
        lower = num(hsd[r, "lwr"]), upper = num(hsd[r, "upr"]), pAdj = num(hsd[r, "p adj"]),
        statistic = num(abs(hsd[r, "diff"]) / se), se = num(se))
  }, "")
  obj(confidenceLevel = num(level), df = num(fit$df.residual), meanSquareError = num(mse),
      criticalValue = num(crit), criticalValueRoot = num(root), pairs = arr(rows))
}

games_howell <- function(y, g, level) {
  k <- nlevels(g)
  m <- tapply(y, g, mean); v <- tapply(y, g, var); n <- tapply(y, g, length)
  rows <- vapply(pairs_of(levels(g)), function(p) {
    a <- p[1]; b <- p[2]
    wa <- v[[a]] / n[[a]]; wb <- v[[b]] / n[[b]]
    diff <- m[[b]] - m[[a]]
    se <- sqrt((wa + wb) / 2)
    df <- (wa + wb)^2 / (wa^2 / (n[[a]] - 1) + wb^2 / (n[[b]] - 1))
    crit <- qtukey(level, k, df)
    root <- crit_root(level, k, df)
    obj(a = str(levels(g)[a]), b = str(levels(g)[b]), diff = num(diff), se = num(se),
        statistic = num(abs(diff) / se), df = num(df), criticalValue = num(crit),
        criticalValueRoot = num(root), lower = num(diff - crit * se), upper = num(diff + crit * se),
        pAdj = num(ptukey(abs(diff) / se, k, df, lower.tail = FALSE)))
  }, "")
  obj(confidenceLevel = num(level), pairs = arr(rows))
}

dunn <- function(y, g) {
  r <- rank(y)
  N <- length(y)
  ties <- table(y)
  tieTerm <- sum(ties^3 - ties)
  n <- tapply(r, g, length); rbar <- tapply(r, g, mean)
  v <- N * (N + 1) / 12 - tieTerm / (12 * (N - 1))
  ps <- pairs_of(levels(g))
  z <- vapply(ps, function(p) (rbar[[p[2]]] - rbar[[p[1]]]) / sqrt(v * (1 / n[[p[1]]] + 1 / n[[p[2]]])), 0)
  pv <- 2 * pnorm(-abs(z))
  adj <- lapply(c(holm = "holm", bonferroni = "bonferroni", bh = "BH"), function(m) p.adjust(pv, m))
  rows <- vapply(seq_along(ps), function(i) {
    p <- ps[[i]]
    obj(a = str(levels(g)[p[1]]), b = str(levels(g)[p[2]]),
        diff = num(rbar[[p[2]]] - rbar[[p[1]]]), statistic = num(z[i]), pValue = num(pv[i]),
        holm = num(adj$holm[i]), bonferroni = num(adj$bonferroni[i]), bh = num(adj$bh[i]))
  }, "")
  obj(sumTiesCubedMinusTies = num(tieTerm), n = num(N),
      rankSums = nums(tapply(r, g, sum)), pairs = arr(rows))
}

dataset <- function(name, y, g) {
  g <- factor(g)
  groups <- vapply(levels(g), function(l) obj(group = str(l), values = nums(y[g == l])), "")
  obj(name = str(name), groups = arr(groups), tukey = tukey(y, g, 0.95),
      tukey90 = tukey(y, g, 0.9), gamesHowell = games_howell(y, g, 0.95), dunn = dunn(y, g))
}

datasets <- c(
  dataset("PlantGrowth", PlantGrowth$weight, PlantGrowth$group),
  dataset("mtcars mpg by cyl", mtcars$mpg, mtcars$cyl),
  dataset("chickwts", chickwts$weight, chickwts$feed),
  dataset("InsectSprays", InsectSprays$count, InsectSprays$spray),
  dataset("OrchardSprays", OrchardSprays$decrease, OrchardSprays$treatment)
)

pv <- c(0.01, 0.02, 0.03, 0.04, 0.05, 0.5, 0.001, 0.04, 0.2, 1, 0, 0.0125)
padjust <- obj(p = nums(pv), holm = nums(p.adjust(pv, "holm")),
               bonferroni = nums(p.adjust(pv, "bonferroni")), bh = nums(p.adjust(pv, "BH")))

cat(obj(source = str(paste("R", getRversion(), "test/anova/reference-posthoc/reference.R")),
        pAdjust = padjust, datasets = arr(datasets)), "\n")
