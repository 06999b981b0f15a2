#!/usr/bin/env bash
# Runs the reliability scenarios (issue 10) and collects their figures.
#
#   tools/reliability.sh            short versions (what .ci/run runs through ctest, label reliability)
#   tools/reliability.sh --long     the issue's long versions (e.g. poison: 100,000 good events and
#                                   1,000 poison messages; cross_county: 100,000 attempts); minutes,
#                                   not seconds
#   tools/reliability.sh --no-build skip building (with either)
#
# Both end with the libFuzzer targets (tools/fuzz.sh): corpus replay and 60 s per target in the
# short run (as CI), JINDU_FUZZ_SECONDS per target (default 600) in the long one.
#
# Each scenario writes its figures to build/reliability/<scenario>.json; this script gathers them
# into build/reliability/report.json and prints a summary. Exits non-zero when a scenario fails.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=short
build=1
for arg in "$@"; do
  case "$arg" in
    --long) mode=long ;;
    --no-build) build=0 ;;
    -h | --help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

export JINDU_CACHE_DIR="${JINDU_CACHE_DIR:-$HOME/.cache/jindu}"
export CCACHE_DIR="${CCACHE_DIR:-$JINDU_CACHE_DIR/ccache}"
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}"
export CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
build_dir=build
out="$build_dir/reliability"

scenarios=(checker poison leak_scan authentication cross_county postgres_restart redis_outage
           broker_restart service_crash graceful_shutdown key_rotation audit_chain hostile_input)
if [[ "$build" == 1 ]]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  targets=()
  for scenario in "${scenarios[@]}"; do targets+=("reliability_${scenario}_test"); done
  cmake --build "$build_dir" -j "$(nproc)" --target "${targets[@]}"
fi

mkdir -p "$out"
rm -f "$out"/*.json
status=0
if [[ "$mode" == long ]]; then
  # Straight to the executables: the long runs outlast ctest's timeouts.
  export JINDU_RELIABILITY_LONG=1
  for scenario in "${scenarios[@]}"; do
    echo "== $scenario (long)"
    "$build_dir/tests/reliability/reliability_${scenario}_test" --gtest_color=no \
      >"$out/$scenario.log" 2>&1 || { status=1; echo "   FAILED (see $out/$scenario.log)"; }
  done
else
  ctest --test-dir "$build_dir" -L reliability --output-on-failure --timeout 300 || status=1
fi
fuzz_seconds=60
[[ "$mode" == long ]] && fuzz_seconds="${JINDU_FUZZ_SECONDS:-600}"
echo "== fuzz (${fuzz_seconds} s per target)"
fuzz_args=(--seconds "$fuzz_seconds")
[[ "$build" == 1 ]] || fuzz_args+=(--no-build)
tools/fuzz.sh "${fuzz_args[@]}" >"$out/fuzz.log" 2>&1 \
  || { status=1; echo "   FAILED (see $out/fuzz.log)"; }
tail -n 12 "$out/fuzz.log"

# report.json: {"mode":..., "finished":..., "ok":..., "scenarios":{"<name>":{figures}}}
{
  printf '{"mode":"%s","finished":"%s","ok":%s,"scenarios":{' \
    "$mode" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$([[ $status == 0 ]] && echo true || echo false)"
  first=1
  for scenario in "${scenarios[@]}"; do
    [[ -f "$out/$scenario.json" ]] || continue
    [[ $first == 1 ]] || printf ','
    first=0
    printf '"%s":%s' "$scenario" "$(tr -d '\n' <"$out/$scenario.json")"
  done
  printf '}}\n'
} >"$out/report.json.tmp"
mv "$out/report.json.tmp" "$out/report.json"

echo
echo "Reliability ($mode): $([[ $status == 0 ]] && echo passed || echo FAILED)"
for scenario in "${scenarios[@]}"; do
  if [[ -f "$out/$scenario.json" ]]; then
    echo "  $scenario: $(tr -d '\n' <"$out/$scenario.json")"
  else
    echo "  $scenario: no figures (did not finish)"
  fi
done
echo "Figures: $out/report.json"
exit "$status"
