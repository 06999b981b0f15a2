#!/usr/bin/env bash
# Runs every benchmark scenario program built in build/tests/bench (issue 9), each against the
# real servers it starts itself, prints one table of baseline / ours / ratio / target and writes
# build/bench/summary.json (plus each scenario's own JSON beside it). Figures only: nothing here
# passes or fails on a figure (these machines are shared and noisy).
#
#   tools/bench.sh                          front door 4 rounds x 10 s per run, participation 30 s
#   BENCH_SECONDS=5 BENCH_ROUNDS=2 tools/bench.sh
#   BENCH_BUILD=1 tools/bench.sh            builds the bench programs first (nice -n 10, -j 2)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build_dir="${BUILD_DIR:-build}"
out_dir="$build_dir/bench"
mkdir -p "$out_dir"

seconds="${BENCH_SECONDS:-10}"
rounds="${BENCH_ROUNDS:-4}"
participation_seconds="${BENCH_PARTICIPATION_SECONDS:-30}"

if [[ "${BENCH_BUILD:-0}" == 1 ]]; then
  export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/jindu/ccache}" CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
  nice -n 10 cmake --build "$build_dir" -j 2 --target bench_front_door bench_publicity_participation
fi

machine="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo "machine: $machine"
ran=()

if [[ -x "$build_dir/tests/bench/bench_front_door" ]]; then
  echo "== front door (${rounds} rounds x ${seconds} s per run)"
  (cd "$build_dir" && tests/bench/bench_front_door --seconds="$seconds" --rounds="$rounds" \
    --json=bench/front_door.json) 2>"$out_dir/front_door.stderr" | tee "$out_dir/front_door.log" \
    || echo "front door failed: see $out_dir/front_door.stderr"
  ran+=(front_door)
fi

if [[ -x "$build_dir/tests/bench/bench_publicity_participation" ]]; then
  echo "== participation ingest (${participation_seconds} s)"
  (cd "$build_dir" && tests/bench/bench_publicity_participation --seconds="$participation_seconds") \
    2>"$out_dir/participation.stderr" | tee "$out_dir/participation.log" \
    || echo "participation failed: see $out_dir/participation.stderr"
  ran+=(participation)
fi

MACHINE="$machine" OUT_DIR="$out_dir" python3 - "${ran[@]}" <<'PY'
import json, os, re, sys
out = os.environ["OUT_DIR"]
rows, scenarios = [], {}
def ratio(value):
    return f"{value:.2f}" if value else "-"
if "front_door" in sys.argv[1:] and os.path.exists(f"{out}/front_door.json"):
    fd = json.load(open(f"{out}/front_door.json"))
    scenarios["front_door"] = fd
    t, p = fd["throughput"], fd["p99_us"]
    rows.append(("front door, calls/s (GetRegion vs echo)", f"{t['baseline']:.0f}", f"{t['ours']:.0f}",
                 ratio(t["ratio"]), ">= 0.85 " + ("met" if t["met"] else "MISSED")))
    rows.append(("front door, p99 us (open loop, %.0f/s)" % fd["open_loop_rate"], f"{p['baseline']:.0f}",
                 f"{p['ours']:.0f}", ratio(p["ratio"]), "<= 1.25 " + ("met" if p["met"] else "MISSED")))
    d = fd["diagnostic_refused_by_validation"]
    rows.append(("  diagnostic: GetRegion refused by validation (no SQL), calls/s", f"{t['baseline']:.0f}",
                 f"{d['throughput']:.0f}", ratio(d["throughput"] / t["baseline"] if t["baseline"] else 0), "-"))
    rows.append(("  diagnostic: same, p99 us", f"{p['baseline']:.0f}", f"{d['p99_us']:.0f}",
                 ratio(d["p99_us"] / p["baseline"] if p["baseline"] else 0), "-"))
if "participation" in sys.argv[1:] and os.path.exists(f"{out}/participation.log"):
    m = re.search(r"sustained: (\d+) entries/s", open(f"{out}/participation.log").read())
    value = int(m.group(1)) if m else None
    scenarios["participation_ingest"] = {"entries_per_second": value, "baseline": None}
    rows.append(("participation ingest, entries/s", "- (raw producer not built)",
                 str(value) if value is not None else "failed", "-", ">= 0.8 (no baseline yet)"))
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
