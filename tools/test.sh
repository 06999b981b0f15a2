#!/usr/bin/env bash
# Builds jindu and runs its whole test suite (unit and integration tests over real PostgreSQL,
# Redis and Kafka that the tests start themselves). Prints ctest's summary; exits non-zero on any
# failure.
#
#   tools/test.sh                   RelWithDebInfo build in build/
#   JINDU_SANITIZE=1 tools/test.sh  AddressSanitizer + UndefinedBehaviorSanitizer build in build-asan/
#   tools/test.sh -L unit           extra arguments go to ctest (here: unit tests only)
set -euo pipefail
cd "$(dirname "$0")/.."

export JINDU_CACHE_DIR="${JINDU_CACHE_DIR:-$HOME/.cache/jindu}"
export CCACHE_DIR="${CCACHE_DIR:-$JINDU_CACHE_DIR/ccache}"
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
# Paths relative to the checkout, and the build directory left out of the key, so that another
# checkout (CI's clean clone, a worktree) reuses what this one compiled.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}"
export CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"

build_dir=build
cmake_args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [[ "${JINDU_SANITIZE:-0}" == 1 ]]; then
  build_dir=build-asan
  cmake_args+=(-DJINDU_SANITIZE=ON)
  export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
  export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
fi

cmake -S . -B "$build_dir" -G Ninja "${cmake_args[@]}"
cmake --build "$build_dir" -j "$(nproc)"
ctest --test-dir "$build_dir" --output-on-failure --timeout 600 -j 2 "$@"
