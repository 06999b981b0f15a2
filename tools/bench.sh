#!/usr/bin/env bash
# Runs every benchmark scenario program built in build/tests/bench (issue 9), each against the
# real servers it starts itself, prints one table of baseline / ours / ratio / target and writes
# build/bench/summary.json (plus each scenario's own JSON and log beside it). Figures only:
# nothing here passes or fails on a figure (these machines are shared and noisy).
#
#   tools/bench.sh                          every scenario, about 10 minutes
#   BENCH_SECONDS=3 BENCH_ROUNDS=2 tools/bench.sh        a smoke run
#   BENCH_ONLY="metrics durable_write" tools/bench.sh    some scenarios only
#   BENCH_BUILD=1 tools/bench.sh            builds the bench programs first (nice -n 10, -j 2)
#
# Settings: BENCH_SECONDS (per closed/open-loop run, default 5), BENCH_ROUNDS (A B rounds,
# default 3), BENCH_PARTICIPATION_SECONDS (per ingest round, default 20; 2 rounds),
# BENCH_SAMPLES (freshness samples per round, default 20), BENCH_COST_PLEDGES (the smaller size of
# the cost-at-10x scenario, default 27000: the default demo province's pledges).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build_dir="${BUILD_DIR:-build}"
out_dir="$build_dir/bench"
mkdir -p "$out_dir"

seconds="${BENCH_SECONDS:-5}"
rounds="${BENCH_ROUNDS:-3}"
participation_seconds="${BENCH_PARTICIPATION_SECONDS:-20}"
samples="${BENCH_SAMPLES:-20}"
cost_pledges="${BENCH_COST_PLEDGES:-27000}"
only="${BENCH_ONLY:-front_door durable_write metrics participation reporting cost_at_size}"
programs=(bench_front_door bench_durable_write bench_metrics bench_publicity_participation
          bench_reporting bench_cost_at_size)

if [[ "${BENCH_BUILD:-0}" == 1 ]]; then
  export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/jindu/ccache}" CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
  nice -n 10 cmake --build "$build_dir" -j 2 --target "${programs[@]}"
fi

machine="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo "machine: $machine"
ran=()

# run NAME PROGRAM ARGS...: runs one scenario program from the build directory (its JSON lands in
# bench/NAME.json), keeping its output in bench/NAME.log and its errors in bench/NAME.stderr.
run() {
  local name="$1" program="$2"
  shift 2
  [[ " $only " == *" $name "* ]] || return 0
  if [[ ! -x "$build_dir/tests/bench/$program" ]]; then
    echo "== $name: $program not built (BENCH_BUILD=1 builds it)"
    return 0
  fi
  echo "== $name"
  rm -f "$out_dir/$name.json"
  (cd "$build_dir" && "tests/bench/$program" "$@" --json="bench/$name.json") \
    2>"$out_dir/$name.stderr" | tee "$out_dir/$name.log" \
    || echo "$name failed: see $out_dir/$name.stderr"
  ran+=("$name")
}

run front_door bench_front_door --seconds="$seconds" --rounds="$rounds"
run durable_write bench_durable_write --seconds="$seconds" --rounds="$rounds"
run metrics bench_metrics --seconds="$seconds" --rounds="$rounds"
run participation bench_publicity_participation --seconds="$participation_seconds" --rounds=2
run reporting bench_reporting --seconds="$seconds" --rounds="$rounds" --samples="$samples"
run cost_at_size bench_cost_at_size --pledges="$cost_pledges" --factor=10 --seconds="$seconds"

MACHINE="$machine" OUT_DIR="$out_dir" python3 - "${ran[@]}" <<'PY'
import json, os, sys
out = os.environ["OUT_DIR"]
rows, scenarios = [], {}
def ratio(value):
    return f"{value:.2f}" if value else "-"
def figure(value):
    if not value:
        return "-"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.2f}"
for name in sys.argv[1:]:
    path = f"{out}/{name}.json"
    if not os.path.exists(path):
        rows.append((f"{name}: no figures (failed, see {out}/{name}.stderr)", "-", "-", "-", "-"))
        continue
    data = json.load(open(path))
    scenarios[name] = data
    if name == "front_door":  # its own JSON shape (written before the shared one)
        t, p = data["throughput"], data["p99_us"]
        rows.append(("front door, calls/s (GetRegion vs echo)", figure(t["baseline"]),
                     figure(t["ours"]), ratio(t["ratio"]), ">= 0.85 " + ("met" if t["met"] else "MISSED")))
        rows.append(("front door, p99 us (open loop, %.0f/s)" % data["open_loop_rate"],
                     figure(p["baseline"]), figure(p["ours"]), ratio(p["ratio"]),
                     "<= 1.25 " + ("met" if p["met"] else "MISSED")))
        d = data["diagnostic_refused_by_validation"]
        rows.append(("  diagnostic: GetRegion refused by validation, calls/s", figure(t["baseline"]),
                     figure(d["throughput"]), ratio(d["throughput"] / t["baseline"] if t["baseline"] else 0), "-"))
        continue
    for row in data["rows"]:
        # cost_at_size has no targets: its columns are the smaller size, the larger, and growth.
        target = row["target"] + (" met" if row["met"] else " MISSED") if row["target"] else "-"
        rows.append((row["metric"], figure(row["baseline"]), figure(row["ours"]), ratio(row["ratio"]), target))
header = ("scenario", "baseline", "ours", "ratio", "target")
widths = [max(len(r[i]) for r in rows + [header]) for i in range(5)]
line = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |"
print()
print(line(header))
print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
for r in rows:
    print(line(r))
machine = os.environ["MACHINE"] + ", " + " ".join(open("/proc/loadavg").read().split()[:3]) + " at end"
print(f"\nmachine: {machine}")
json.dump({"machine": machine, "scenarios": scenarios}, open(f"{out}/summary.json", "w"),
          indent=2)
print(f"wrote {out}/summary.json")
PY
