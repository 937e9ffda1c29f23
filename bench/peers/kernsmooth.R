# Peer of bench/approx-peers.ts: R KernSmooth's binned estimators (Wand 1994) on the same data, timed in R.
#   bkde    X.txt H GRIDSIZE LO HI OUT.txt RUNS BUDGET_S              1-D density on GRIDSIZE points LO..HI
#   locpoly X.txt Y.txt H GRIDSIZE LO HI OUT.txt RUNS BUDGET_S        local constant (degree 0) regression
#   bkde2D  X.txt Z.txt H GRIDSIZE LO1 HI1 LO2 HI2 OUT.txt RUNS BUDGET_S   2-D density, column-major grid
# Files hold one number per line. Prints one JSON line: versions and the times of the runs (seconds).
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(KernSmooth))

# at least one run, at most `runs`; another only while the runs so far plus one more fit in `budget`
time_runs <- function(f, runs, budget) {
  times <- c(); spent <- 0
  repeat {
    t0 <- proc.time()[["elapsed"]]
    last <- f()
    dt <- proc.time()[["elapsed"]] - t0
    times <- c(times, dt); spent <- spent + dt
    if (length(times) >= runs || spent + dt > budget) break
  }
  list(times = times, last = last)
}
num <- function(i) as.numeric(args[[i]])
read <- function(i) scan(args[[i]], quiet = TRUE)

mode <- args[[1]]
if (mode == "bkde") {
  x <- read(2)
  r <- time_runs(function() bkde(x, kernel = "normal", bandwidth = num(3), gridsize = as.integer(num(4)), range.x = c(num(5), num(6)), truncate = FALSE), num(8), num(9))
  out <- args[[7]]; values <- r$last$y
} else if (mode == "locpoly") {
  x <- read(2); y <- read(3)
  r <- time_runs(function() locpoly(x, y, degree = 0, bandwidth = num(4), gridsize = as.integer(num(5)), range.x = c(num(6), num(7)), truncate = FALSE), num(9), num(10))
  out <- args[[8]]; values <- r$last$y
} else if (mode == "bkde2D") {
  x <- cbind(read(2), read(3))
  r <- time_runs(function() bkde2D(x, bandwidth = c(num(4), num(4)), gridsize = rep(as.integer(num(5)), 2), range.x = list(c(num(6), num(7)), c(num(8), num(9))), truncate = FALSE), num(11), num(12))
  out <- args[[10]]; values <- as.vector(r$last$fhat)
} else stop(paste("unknown mode", mode))
writeLines(format(values, digits = 17, scientific = TRUE, trim = TRUE), out)
cat(sprintf('{"versions": {"R": "%s.%s", "KernSmooth": "%s"}, "times": [%s]}\n', R.version$major, R.version$minor,
  as.character(packageVersion("KernSmooth")), paste(r$times, collapse = ", ")))
