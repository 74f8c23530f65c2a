#!/usr/bin/env bash
# CI regression gate: make the golden run's experiment again with the code under test and compare it with
# the committed golden baseline. Exit 0 = no regression, 1 = regression beyond the thresholds of
# `sale bench check`, 2 = the experiment itself changed (refresh the baseline: scripts/refresh-golden.sh).
# SUMMARY=<file> also writes the short Markdown summary there (e.g. for a pull-request comment).
# NOISE=<noise.json> passes the rerun noise to the gate: only for a nondeterministic engine (the sim with a
# fixed seed reproduces unchanged code exactly, so pull-request runs leave it unset).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/golden-config.sh

start=$(date +%s%N)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The run's progress goes to a log, shown only when the run itself fails.
golden_run "$tmp/candidate"
status=0
noise=(); [ -n "${NOISE:-}" ] && noise=(--noise "$NOISE")
node bin/sale.js bench check --baseline "$GOLDEN_DIR" --candidate "$tmp/candidate" "${noise[@]}" --summary "${SUMMARY:-$tmp/summary.md}" || status=$?
echo "regression check took $(( ($(date +%s%N) - start) / 1000000 )) ms (exit $status)"
exit "$status"
