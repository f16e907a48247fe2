# Reference values for the one-way group-comparison family (src/anova).
#
#   Rscript test/anova/reference/reference.R > test/anova/reference/reference.json
#
# Data: R's datasets PlantGrowth (weight ~ group), InsectSprays (count ~ spray) and
# ToothGrowth (len ~ dose, dose as a 3-level factor). The script prints the data too, so the
# tests read the very doubles R used.
#
# Sources of each number:
# - aov() + summary(): classical one-way ANOVA table.
# - oneway.test(var.equal = FALSE): Welch (1951).
# - Brown-Forsythe (1974) F* with Satterthwaite df2: written out below from
#   Brown, M. B. & Forsythe, A. B. (1974) "The small sample behavior of some statistics which
#   test the equality of several means", Technometrics 16(1), 129-132, eqs. (3)-(4);
#   an implementation independent of the TypeScript one (onewaytests is not installed).
# - kruskal.test(): Kruskal-Wallis H with tie correction; epsilon^2 = H / ((n^2 - 1) / (n + 1))
#   (Tomczak & Tomczak 2014).
# - car::leveneTest(center = mean) and (center = median).
# - bartlett.test().
# - Effect sizes: eta^2 = SSB / SST; omega^2 = (SSB - df1 * MSW) / (SST + MSW). Confidence
#   intervals by inverting the noncentral F distribution in its noncentrality lambda
#   (Steiger, J. H. (2004) "Beyond the F test", Psychological Methods 9(2), 164-182):
#   lower lambda solves pf(F, df1, df2, ncp = lambda) = (1 + level) / 2, upper lambda solves
#   it = (1 - level) / 2 (lower clipped at 0), each mapped by lambda / (lambda + N).
#   Solved here with uniroot(tol = 1e-14); the same mapping gives the omega^2 interval.

suppressPackageStartupMessages(library(car))

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

lambda_interval <- function(f, df1, df2, level) {
  target_lo <- (1 + level) / 2
  target_hi <- (1 - level) / 2
  g <- function(lambda, target) pf(f, df1, df2, ncp = lambda) - target
  upper_search <- function(target) {
    hi <- max(10, 10 * f * df1)
    while (g(hi, target) > 0) hi <- hi * 2
    hi
  }
  lower <- if (g(0, target_lo) <= 0) 0 else
    uniroot(g, c(0, upper_search(target_lo)), target = target_lo, tol = 1e-14)$root
  upper <- if (g(0, target_hi) <= 0) 0 else
    uniroot(g, c(0, upper_search(target_hi)), target = target_hi, tol = 1e-14)$root
  c(lower = lower, upper = upper)
}

brown_forsythe <- function(y, g) {
  n <- tapply(y, g, length)
  m <- tapply(y, g, mean)
  v <- tapply(y, g, var)
  N <- sum(n)
  grand <- sum(n * m) / N
  denomTerms <- (1 - n / N) * v
  fstar <- sum(n * (m - grand)^2) / sum(denomTerms)
  cw <- denomTerms / sum(denomTerms)
  df2 <- 1 / sum(cw^2 / (n - 1))
  df1 <- length(n) - 1
  c(f = fstar, df1 = df1, df2 = df2, p = pf(fstar, df1, df2, lower.tail = FALSE))
}

one_dataset <- function(name, y, g, level = 0.95) {
  g <- factor(g)
  groups <- arr(sapply(levels(g), function(l) {
    obj(group = str(l), values = arr(sapply(y[g == l], num)))
  }))
  tab <- summary(aov(y ~ g))[[1]]
  ssb <- tab[1, "Sum Sq"]; ssw <- tab[2, "Sum Sq"]
  df1 <- tab[1, "Df"]; df2 <- tab[2, "Df"]
  msw <- tab[2, "Mean Sq"]
  N <- length(y)
  f <- tab[1, "F value"]
  lam <- lambda_interval(f, df1, df2, level)
  welch <- oneway.test(y ~ g, var.equal = FALSE)
  bf <- brown_forsythe(y, g)
  kw <- kruskal.test(y ~ g)
  lev_mean <- leveneTest(y ~ g, center = mean)
  lev_median <- leveneTest(y ~ g, center = median)
  bart <- bartlett.test(y ~ g)
  obj(
    name = str(name),
    groups = groups,
    anova = obj(
      dfBetween = num(df1), dfWithin = num(df2),
      ssBetween = num(ssb), ssWithin = num(ssw),
      msBetween = num(tab[1, "Mean Sq"]), msWithin = num(msw),
      f = num(f), pValue = num(tab[1, "Pr(>F)"]),
      etaSquared = num(ssb / (ssb + ssw)),
      omegaSquared = num((ssb - df1 * msw) / (ssb + ssw + msw)),
      confidenceLevel = num(level),
      lambdaLower = num(lam[["lower"]]), lambdaUpper = num(lam[["upper"]]),
      etaSquaredLower = num(lam[["lower"]] / (lam[["lower"]] + N)),
      etaSquaredUpper = num(lam[["upper"]] / (lam[["upper"]] + N))
    ),
    welch = obj(
      f = num(unname(welch$statistic)), df1 = num(unname(welch$parameter[1])),
      df2 = num(unname(welch$parameter[2])), pValue = num(welch$p.value)
    ),
    brownForsythe = obj(
      f = num(bf[["f"]]), df1 = num(bf[["df1"]]), df2 = num(bf[["df2"]]), pValue = num(bf[["p"]])
    ),
    kruskalWallis = obj(
      h = num(unname(kw$statistic)), df = num(unname(kw$parameter)), pValue = num(kw$p.value),
      epsilonSquared = num(unname(kw$statistic) / ((N^2 - 1) / (N + 1)))
    ),
    leveneMean = obj(
      f = num(lev_mean[1, "F value"]), df1 = num(lev_mean[1, "Df"]), df2 = num(lev_mean[2, "Df"]),
      pValue = num(lev_mean[1, "Pr(>F)"])
    ),
    leveneMedian = obj(
      f = num(lev_median[1, "F value"]), df1 = num(lev_median[1, "Df"]),
      df2 = num(lev_median[2, "Df"]), pValue = num(lev_median[1, "Pr(>F)"])
    ),
    bartlett = obj(
      k2 = num(unname(bart$statistic)), df = num(unname(bart$parameter)), pValue = num(bart$p.value)
    )
  )
}

datasets <- list(
  one_dataset("PlantGrowth", PlantGrowth$weight, PlantGrowth$group),
  one_dataset("InsectSprays", InsectSprays$count, InsectSprays$spray),
  one_dataset("ToothGrowth dose", ToothGrowth$len, ToothGrowth$dose)
)

cat(obj(
  generatedBy = str("test/anova/reference/reference.R"),
  r = str(R.version.string),
  car = str(as.character(packageVersion("car"))),
  datasets = arr(datasets)
), "\n")
