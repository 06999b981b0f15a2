#!/usr/bin/env bash
# Builds the four service binaries for the images (deploy/docker/Dockerfile runs this in its build
# stage) and writes, beside them, the Debian runtime packages they link against, found from the
# binaries themselves (ldd + dpkg -S), so the runtime stage installs exactly those.
#
# Usage: tools/deploy/build_service_binaries.sh <output dir>
#   <output dir>/bin/jindu-<service>        stripped of debug sections
#   <output dir>/runtime-packages.txt       one Debian package a line
# Environment: JINDU_IMAGE_BUILD_DIR (build-image), JINDU_BUILD_JOBS (nproc)
set -euo pipefail
JINDU_LOG_TAG=image-build
# shellcheck source=tools/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

out="${1:?usage: build_service_binaries.sh <output dir>}"
build_dir="${JINDU_IMAGE_BUILD_DIR:-${JINDU_ROOT}/build-image}"
services=(registration casework publicity reporting)

cmake -S "${JINDU_ROOT}" -B "${build_dir}" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DJINDU_BUILD_TESTS=OFF
targets=()
for service in "${services[@]}"; do targets+=("jindu-${service}"); done
cmake --build "${build_dir}" -j "${JINDU_BUILD_JOBS:-$(nproc)}" --target "${targets[@]}"

mkdir -p "${out}/bin"
libraries=()
for service in "${services[@]}"; do
  binary="${build_dir}/services/${service}/jindu-${service}"
  [[ -x "${binary}" ]] || die "${binary} was not built"
  objcopy --strip-debug "${binary}" "${out}/bin/jindu-${service}"
  # "libfoo.so.1 => /lib/x86_64-linux-gnu/libfoo.so.1 (0x...)": the resolved paths.
  while read -r library; do libraries+=("${library}"); done < <(
    ldd "${binary}" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }')
done
((${#libraries[@]} > 0)) || die "ldd found no shared libraries"
# dpkg knows /usr/lib/... while ldd may answer /lib/... (merged /usr): ask for both spellings.
packages="$(
  for library in $(printf '%s\n' "${libraries[@]}" | sort -u); do
    real="$(readlink -f "${library}")"
    dpkg -S "${library}" "${real}" "${real#/usr}" "/usr${library}" 2>/dev/null | head -n 1 |
      cut -d: -f1 || true
  done | sort -u)"
[[ -n "${packages}" ]] || die "dpkg -S named no package for the linked libraries"
echo "${packages}" >"${out}/runtime-packages.txt"
log "binaries in ${out}/bin; runtime packages: $(tr '\n' ' ' <"${out}/runtime-packages.txt")"
