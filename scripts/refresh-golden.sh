#!/usr/bin/env bash
# Remake the golden baseline that CI's regression check compares against (results/golden/<name>/).
#
# When: after an intended change to what the run measures — tasks, prompts, agents or prices, sim
# calibration, suites or routers added to golden-config.sh — i.e. when `scripts/ci-regression.sh` exits 2
# ("fingerprints differ") for a reason you meant, or fails (exit 1) because of an improvement-neutral
# change you accept. Review the summary printed at the end, then commit the folder.
#
# The golden folder keeps manifest.json, summary.{csv,md,json} and a slim records.jsonl: each record
# without its conversation (messages, trace), per-call details (calls) and submission. `sale bench check`
# needs only outcomes, costs, agents and bins, and the full traces would make the file about six times
# larger on every refresh; `sale bench compare` still reads the slim records (per-call health rates show
# 0 there; the summary files keep the real ones, made from the full run).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/golden-config.sh

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
name=$(basename "$GOLDEN_DIR") # the run id is the folder name
golden_run "$tmp/$name"
noise=""
[ -f "$GOLDEN_DIR/noise.json" ] && noise=$(cat "$GOLDEN_DIR/noise.json")
rm -rf results/golden/*/
rm -rf "$GOLDEN_DIR"
mkdir -p "$GOLDEN_DIR"
node --import tsx scripts/slim-run.ts "$tmp/$name" "$GOLDEN_DIR"
# The rerun noise is measured from other engine seeds (README "CI regression gate"); it is kept across a
# refresh, but remeasure it (scripts/gate-noise.ts) whenever the experiment changes.
[ -n "$noise" ] && printf '%s\n' "$noise" > "$GOLDEN_DIR/noise.json"
echo "golden run written to $GOLDEN_DIR:"
ls -l "$GOLDEN_DIR"
# The golden run must pass against a fresh run of itself, or CI would fail from the start.
golden_run "$tmp/again"
node bin/sale.js bench check --baseline "$GOLDEN_DIR" --candidate "$tmp/again"
