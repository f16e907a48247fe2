# Reference values for two-way ANOVA (src/anova/two-way*.ts).
#
#   Rscript test/anova/reference-two-way/reference.R > test/anova/reference-two-way/reference.json
#
# Sources of each number (R 4.2, car 3.1):
# - Type I (sequential):  anova(lm(y ~ A * B)) and, for the order check, anova(lm(y ~ B * A)).
# - Type II:              car::Anova(lm(y ~ A * B), type = 2).
# - Type III:             car::Anova(lm(y ~ A * B), type = 3) after
#                         options(contrasts = c("contr.sum", "contr.poly")); car prints the
#                         (Intercept) row, kept here.
# Each also without the interaction (y ~ A + B).
#
# Data (the script prints the rows too, so the tests read the very doubles R used):
# - ToothGrowth, len ~ supp * dose (dose as a factor), rows 1, 2, 15, 31, 33, 45, 50 and 58
#   removed: unbalanced, every cell kept.
# - mtcars, mpg ~ cyl * am (both factors): naturally unbalanced (cell sizes 2 to 12).
# - warpbreaks, breaks ~ wool * tension: balanced (9 per cell), so all three types agree.
# - mtcars, mpg ~ cyl * gear: the cell cyl 8 x gear 4 is empty. Types I and II only
#   (car::Anova refuses Type III with aliased coefficients); the interaction has 3 df, not 4.

suppressPackageStartupMessages(library(car))
options(contrasts = c("contr.sum", "contr.poly"))

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

table_json <- function(tab) {
  # anova() names columns Df, Sum Sq, Mean Sq, F value, Pr(>F); car::Anova has no Mean Sq.
  rows <- vapply(seq_len(nrow(tab)), function(i) {
    df <- tab[i, "Df"]
    ss <- tab[i, "Sum Sq"]
    obj(
      term = str(rownames(tab)[i]),
      df = num(df),
      sumSq = num(ss),
      meanSq = num(ss / df),
      f = num(tab[i, "F value"]),
      pValue = num(tab[i, "Pr(>F)"])
    )
  }, "")
  arr(rows)
}

fit_json <- function(ss_type, interaction, order, tab) {
  obj(ssType = str(ss_type), interaction = tolower(as.character(interaction)),
      order = str(order), table = table_json(tab))
}

dataset <- function(name, source, d, y, a, b, type3 = TRUE) {
  d <- data.frame(y = d[[y]], a = factor(d[[a]]), b = factor(d[[b]]))
  names(d) <- c(y, a, b)
  full <- as.formula(paste(y, "~", a, "*", b))
  add <- as.formula(paste(y, "~", a, "+", b))
  full_ba <- as.formula(paste(y, "~", b, "*", a))
  add_ba <- as.formula(paste(y, "~", b, "+", a))
  fits <- c(
    fit_json("I", TRUE, "ab", anova(lm(full, d))),
    fit_json("I", TRUE, "ba", anova(lm(full_ba, d))),
    fit_json("I", FALSE, "ab", anova(lm(add, d))),
    fit_json("I", FALSE, "ba", anova(lm(add_ba, d))),
    fit_json("II", TRUE, "ab", Anova(lm(full, d), type = 2)),
    fit_json("II", FALSE, "ab", Anova(lm(add, d), type = 2))
  )
  if (type3) fits <- c(fits,
    fit_json("III", TRUE, "ab", Anova(lm(full, d), type = 3)),
    fit_json("III", FALSE, "ab", Anova(lm(add, d), type = 3))
  )
  rows <- vapply(seq_len(nrow(d)), function(i) {
    obj(a = str(as.character(d[[a]][i])), b = str(as.character(d[[b]][i])), value = num(d[[y]][i]))
  }, "")
  obj(name = str(name), source = str(source), factorNames = arr(c(str(a), str(b))),
      rows = arr(rows), fits = arr(fits))
}

tooth <- ToothGrowth[-c(1, 2, 15, 31, 33, 45, 50, 58), ]
sets <- c(
  dataset("toothgrowth-unbalanced", "R datasets::ToothGrowth, rows 1 2 15 31 33 45 50 58 removed",
          tooth, "len", "supp", "dose"),
  dataset("mtcars-cyl-am", "R datasets::mtcars", mtcars, "mpg", "cyl", "am"),
  dataset("warpbreaks", "R datasets::warpbreaks (balanced)", warpbreaks, "breaks", "wool", "tension"),
  dataset("mtcars-cyl-gear-empty-cell", "R datasets::mtcars; cell cyl 8 x gear 4 is empty",
          mtcars, "mpg", "cyl", "gear", type3 = FALSE)
)
cat(paste0("{\"generator\": ", str(paste("reference.R;", R.version.string, "; car", packageVersion("car"))),
           ", \"datasets\": ", arr(sets), "}\n"))
