# Shared by scripts/refresh-golden.sh, scripts/ci-regression.sh and scripts/gate-noise.ts: which golden
# run CI compares against, and how it is made (the candidate is made the same way, with the code under test).
# Both suites, 64 tasks each spread round-robin over the τ bins, every agent, the deterministic sim
# provider (engine seed ${GOLDEN_SEED:-0}); then every baseline router and SALE (2 task orders) replayed on
# that outcome matrix's test split (train fraction 0.25: 96 test tasks). Sized for the CI step's time
# budget; README "CI regression gate" gives the gate's measured power and false-alarm rate at this size.
GOLDEN_DIR="results/golden/all-sim"
GOLDEN_MATRIX_ARGS=(bench matrix --suite all --provider sim --limit 64 --seed "${GOLDEN_SEED:-0}" --concurrency 8)
GOLDEN_ROUTER_ARGS=(bench run --router all,sale --orders 2 --train-frac 0.25 --split-seed 0 --seed 0)

# golden_run <out-dir>: the golden experiment into <out-dir> (its outcome matrix beside it, <out-dir>.matrix).
# Logs go to <out-dir>.log and are shown only when a step fails.
golden_run() {
  node bin/sale.js "${GOLDEN_MATRIX_ARGS[@]}" --out "$1.matrix" >"$1.log" 2>&1 || { cat "$1.log"; return 1; }
  node bin/sale.js "${GOLDEN_ROUTER_ARGS[@]}" --replay "$1.matrix" --out "$1" >>"$1.log" 2>&1 || { cat "$1.log"; return 1; }
}
