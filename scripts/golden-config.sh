# Shared by scripts/refresh-golden.sh and scripts/ci-regression.sh: which golden run CI compares against,
# and the exact `sale bench run` arguments that make it (the candidate is made the same way).
# Small on purpose: the coding suite, 25 tasks spread round-robin over the τ bins, every agent, seed 0,
# the deterministic sim provider. Add suites and routers here as they land, then refresh the golden run.
GOLDEN_DIR="results/golden/coding-sim"
GOLDEN_RUN_ARGS=(bench run --suite coding --provider sim --limit 25 --seed 0 --concurrency 4)
