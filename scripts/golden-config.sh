# Shared by scripts/refresh-golden.sh and scripts/ci-regression.sh: which golden run CI compares against,
# and how it is made (the candidate is made the same way, with the code under test).
# Small on purpose: both suites, 20 tasks each spread round-robin over the τ bins, every agent, seed 0,
# the deterministic sim provider; then every baseline router replayed on that outcome matrix's test split.
# Add SALE here once it runs, then refresh the golden run.
GOLDEN_DIR="results/golden/all-sim"
GOLDEN_MATRIX_ARGS=(bench matrix --suite all --provider sim --limit 20 --seed 0 --concurrency 4)
GOLDEN_ROUTER_ARGS=(bench run --router all,sale --train-frac 0.2 --split-seed 0 --seed 0)

# golden_run <out-dir>: the golden experiment into <out-dir> (its outcome matrix beside it, <out-dir>.matrix).
# Logs go to <out-dir>.log and are shown only when a step fails.
golden_run() {
  node bin/sale.js "${GOLDEN_MATRIX_ARGS[@]}" --out "$1.matrix" >"$1.log" 2>&1 || { cat "$1.log"; return 1; }
  node bin/sale.js "${GOLDEN_ROUTER_ARGS[@]}" --replay "$1.matrix" --out "$1" >>"$1.log" 2>&1 || { cat "$1.log"; return 1; }
}
