# Reference values for repeated-measures ANOVA and the Friedman test
# (src/anova/repeated-measures.ts, src/anova/friedman.ts).
#
#   Rscript test/anova/reference-rm/reference.R > test/anova/reference-rm/reference.json
#
# Data (printed in long form with %.17g, so the tests read the very doubles R used):
# - CO2: R datasets::CO2, uptake ~ conc within Plant (12 plants x 7 concentrations; Potvin,
#   Lechowicz & Tardif 1990, Ecology 71, 1389-1400).
# - RoundingTimes: the example of ?friedman.test (Hollander & Wolfe 1973, p. 140): 22 players x
#   3 methods of rounding first base, with ties within players.
# - sleep: R datasets::sleep, extra ~ group within ID (10 x 2; Student 1908): two levels, so
#   sphericity holds trivially (epsilon = 1) and F is the square of the paired t.
#
# Sources of each number:
# - table: summary(aov(value ~ level + Error(subject / level))): SS, df, MS of level, subject
#   (stratum "Error: subject") and error (stratum "Error: subject:level"), F and p.
# - sphericity: summary(car::Anova(lm(wide ~ 1), idata, idesign = ~level, type = "III"),
#   multivariate = FALSE): Mauchly W and p, GG and HF epsilons (car >= 3.0: HF as Lecoutre 1991,
#   which for one group of subjects is the original Huynh & Feldt 1976 formula; the printed HF
#   epsilon is not capped, the p uses min(1, HF)).
# - mauchlyPValueAnderson: car (as stats::mauchly.test) writes the w2 term of Anderson's
#   approximation with 3 * k where Anderson (2003, "An Introduction to Multivariate Statistical
#   Analysis", 3rd ed., sec. 10.7.5) has 3 * p, p = k - 1 the dimension tested; here with 3 * p.
# - chiSquared: Mauchly's z = -(n - 1) rho log W, rho = 1 - (2p^2 + p + 2) / (6 p (n - 1)).
# - generalized eta squared (Olejnik & Algina 2003; Bakeman 2005) for one within factor:
#   SS level / (SS level + SS subject + SS error); partial: SS level / (SS level + SS error).
# - friedman.test(wide matrix): statistic, df, p; Kendall's W = statistic / (n (k - 1)).
# - sleep: t.test(paired = TRUE) statistic, whose square is F.

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

reference <- function(name, subject, level, value) {
  subject <- factor(subject)
  level <- factor(level, levels = unique(as.character(level)))
  d <- data.frame(subject, level, value)
  k <- nlevels(level)
  n <- nlevels(subject)
  s <- summary(aov(value ~ level + Error(subject / level), data = d))
  subj <- s[["Error: subject"]][[1]]
  within <- s[["Error: subject:level"]][[1]]
  ssLevel <- within["level", "Sum Sq"]
  ssError <- within["Residuals", "Sum Sq"]
  ssSubject <- subj["Residuals", "Sum Sq"]
  wide <- sapply(levels(level), function(l) d$value[d$level == l][order(d$subject[d$level == l])])
  table <- obj(
    ssLevel = num(ssLevel), dfLevel = num(within["level", "Df"]), msLevel = num(within["level", "Mean Sq"]),
    ssSubject = num(ssSubject), dfSubject = num(subj["Residuals", "Df"]),
    ssError = num(ssError), dfError = num(within["Residuals", "Df"]), msError = num(within["Residuals", "Mean Sq"]),
    f = num(within["level", "F value"]), pValue = num(within["level", "Pr(>F)"]),
    generalizedEtaSquared = num(ssLevel / (ssLevel + ssSubject + ssError)),
    partialEtaSquared = num(ssLevel / (ssLevel + ssError))
  )
  sphericity <- "null"
  if (k > 2) {
    idata <- data.frame(level = factor(levels(level), levels = levels(level)))
    fit <- lm(wide ~ 1)
    a <- summary(Anova(fit, idata = idata, idesign = ~level, type = "III"), multivariate = FALSE)
    m <- a$sphericity.tests["level", ]
    adj <- a$pval.adjustments["level", ]
    W <- m[["Test statistic"]]
    p <- k - 1
    df <- n - 1
    rho <- 1 - (2 * p^2 + p + 2) / (6 * p * df)
    z <- -df * rho * log(W)
    f <- p * (p + 1) / 2 - 1
    w2 <- (p + 2) * (p - 1) * (p - 2) * (2 * p^3 + 6 * p^2 + 3 * p + 2) / (288 * (df * p * rho)^2)
    Pr1 <- pchisq(z, f, lower.tail = FALSE)
    Pr2 <- pchisq(z, f + 4, lower.tail = FALSE)
    sphericity <- obj(
      mauchlyW = num(W), mauchlyPValueCar = num(m[["p-value"]]),
      mauchlyChiSquared = num(z), mauchlyDf = num(f),
      mauchlyPValueAnderson = num(Pr1 + w2 * (Pr2 - Pr1)),
      greenhouseGeisser = num(adj[["GG eps"]]), pValueGreenhouseGeisser = num(adj[["Pr(>F[GG])"]]),
      huynhFeldtUncapped = num(adj[["HF eps"]]), pValueHuynhFeldt = num(adj[["Pr(>F[HF])"]]),
      carF = num(a$univariate.tests["level", "F value"])
    )
  }
  fr <- friedman.test(wide)
  friedman <- obj(
    chiSquared = num(unname(fr$statistic)), df = num(unname(fr$parameter)),
    pValue = num(fr$p.value), kendallW = num(unname(fr$statistic) / (n * (k - 1)))
  )
  extra <- if (k == 2) {
    tt <- t.test(wide[, 2], wide[, 1], paired = TRUE)
    paste0(', "pairedT": ', num(unname(tt$statistic)))
  } else ""
  rows <- arr(sprintf('{"subject": %s, "level": %s, "value": %s}', str(as.character(d$subject)),
    str(as.character(d$level)), vapply(d$value, num, "")))
  paste0("{", '"name": ', str(name), ', "levels": ', arr(str(levels(level))), ', "subjects": ', n,
    ', "rows": ', rows, ', "table": ', table, ', "sphericity": ', sphericity,
    ', "friedman": ', friedman, extra, "}")
}

RoundingTimes <- matrix(c(
  5.40, 5.50, 5.55, 5.85, 5.70, 5.75, 5.20, 5.60, 5.50, 5.55, 5.50, 5.40,
  5.90, 5.85, 5.70, 5.45, 5.55, 5.60, 5.40, 5.40, 5.35, 5.45, 5.50, 5.35,
  5.25, 5.15, 5.00, 5.85, 5.80, 5.70, 5.25, 5.20, 5.10, 5.65, 5.55, 5.45,
  5.60, 5.35, 5.45, 5.05, 5.00, 4.95, 5.50, 5.50, 5.40, 5.45, 5.55, 5.50,
  5.55, 5.55, 5.35, 5.45, 5.50, 5.55, 5.50, 5.45, 5.25, 5.65, 5.60, 5.40,
  5.70, 5.65, 5.55, 6.30, 6.30, 6.25
), nrow = 22, byrow = TRUE, dimnames = list(1:22, c("Round Out", "Narrow Angle", "Wide Angle")))

co2 <- as.data.frame(CO2)
datasets <- c(
  reference("CO2", as.character(co2$Plant), paste0("conc", co2$conc), co2$uptake),
  reference("RoundingTimes", rep(rownames(RoundingTimes), 3),
    rep(colnames(RoundingTimes), each = 22), as.vector(RoundingTimes)),
  reference("sleep", paste0("id", sleep$ID), paste0("drug", sleep$group), sleep$extra)
)
cat('{"source": "test/anova/reference-rm/reference.R (', R.version.string, ', car ',
  as.character(packageVersion("car")), ')", "datasets": ', arr(datasets), "}\n", sep = "")
