#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, clang only) in build-fuzz/ and runs each of them:
#   (a) over its checked-in seed corpus (replay: every input once, as a regression test), then
#   (b) fuzzing for N seconds from that corpus (new inputs go to build-fuzz/fuzz-work/<target>/,
#       crashes to build-fuzz/fuzz-artifacts/), two targets at a time.
#
#   tools/fuzz.sh                    every target, 60 s each
#   tools/fuzz.sh --seconds 600      longer runs
#   tools/fuzz.sh --replay-only      the corpora only
#   tools/fuzz.sh --no-build         skip configuring and building
#   tools/fuzz.sh --ci               as ctest runs it (fuzz.libfuzzer): exit 77 (skipped) when
#                                    clang or libFuzzer is missing instead of failing
#   tools/fuzz.sh TARGET...          only these (e.g. csv_import event_decoding)
#
# Exits non-zero when a replay or a fuzzing run fails (crash, sanitizer report, timeout, leak).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60
replay_only=0
build=1
ci=0
selected=()
while (($#)); do
  case "$1" in
    --seconds) seconds="$2"; shift ;;
    --replay-only) replay_only=1 ;;
    --no-build) build=0 ;;
    --ci) ci=1 ;;
    -h | --help) sed -n '2,16p' "$0"; exit 0 ;;
    -*) echo "unknown argument: $1" >&2; exit 2 ;;
    *) selected+=("$1") ;;
  esac
  shift
done

build_dir=build-fuzz
corpus_root=tests/fuzz/corpus
work="$build_dir/fuzz-work"
artifacts="$build_dir/fuzz-artifacts"

# libFuzzer ships with clang (Debian: clang plus libclang-rt-dev, which tools/setup.sh installs).
if ! command -v clang++ >/dev/null ||
  ! echo 'extern "C" int LLVMFuzzerTestOneInput(const char*, unsigned long) { return 0; }' |
  clang++ -x c++ -fsanitize=fuzzer - -o /dev/null 2>/dev/null; then
  echo "fuzz: clang++ with libFuzzer not found (tools/setup.sh installs clang and libclang-rt-dev)" >&2
  if ((ci)); then exit 77; fi
  exit 1
fi

if ((build)); then
  export JINDU_CACHE_DIR="${JINDU_CACHE_DIR:-$HOME/.cache/jindu}"
  export CCACHE_DIR="${CCACHE_DIR:-$JINDU_CACHE_DIR/ccache}"
  export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}"
  export CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
  CC=clang CXX=clang++ cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DJINDU_FUZZ=ON >/dev/null
  cmake --build "$build_dir" -j "$(nproc)" --target jindu_fuzz_targets
fi

targets=()
if ((${#selected[@]})); then
  targets=("${selected[@]}")
else
  for source in tests/fuzz/*_fuzz.cc; do
    name="$(basename "$source" .cc)"
    targets+=("${name%_fuzz}")
  done
fi

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
mkdir -p "$work" "$artifacts"
logs="$build_dir/fuzz-logs"
rm -rf "$logs"
mkdir -p "$logs"

# One target: replay its corpus, then fuzz. Its output goes to $logs/<target>.log.
run_target() {
  local name="$1" binary="$build_dir/tests/fuzz/fuzz_$1" corpus="$corpus_root/$1"
  local log="$logs/$1.log"
  [[ -x "$binary" ]] || { echo "no fuzz target $binary" >"$log"; return 1; }
  [[ -d "$corpus" ]] || { echo "no corpus $corpus" >"$log"; return 1; }
  {
    echo "== replay $corpus ($(find "$corpus" -type f | wc -l) inputs)"
    "$binary" -runs=0 -timeout=10 -artifact_prefix="$artifacts/$name-" "$corpus"
  } >"$log" 2>&1 || return 1
  ((replay_only)) && return 0
  mkdir -p "$work/$name"
  {
    echo "== fuzz ${seconds} s"
    # The first directory receives new inputs; the seeds are only read.
    "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
      -print_final_stats=1 -artifact_prefix="$artifacts/$name-" "$work/$name" "$corpus"
  } >>"$log" 2>&1
}

# Two at a time: the machine CI runs on has two cores.
declare -A pids=()
status=0
summary() {
  local name="$1" result="$2" log="$logs/$1.log" replayed runs cov
  # libFuzzer ends each run with "Done N runs in S second(s)": the first is the replay.
  replayed="$(grep -o '^Done [0-9]* runs' "$log" | head -n 1 | grep -o '[0-9]*' || true)"
  runs="$(grep -o '^Done [0-9]* runs' "$log" | sed -n 2p | grep -o '[0-9]*' || true)"
  cov="$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*' || true)"
  printf '  %-22s %-6s replay %s runs; fuzzing %s runs; coverage %s\n' "$name" "$result" \
    "${replayed:-0}" "${runs:-0}" "${cov:-?}"
}
finish_one() {
  local finished
  wait -n -p finished "${!pids[@]}" && result=ok || result=FAILED
  local name="${pids[$finished]}"
  unset "pids[$finished]"
  summary "$name" "$result"
  if [[ "$result" != ok ]]; then
    status=1
    echo "--- $logs/$name.log (end):"
    tail -n 40 "$logs/$name.log"
  fi
}
echo "fuzz: ${#targets[@]} targets, replay$( ((replay_only)) || echo " + ${seconds} s each"), 2 at a time"
for name in "${targets[@]}"; do
  while ((${#pids[@]} >= 2)); do finish_one; done
  run_target "$name" &
  pids[$!]="$name"
done
while ((${#pids[@]})); do finish_one; done
exit "$status"
