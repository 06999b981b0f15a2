#!/usr/bin/env bash
# The whole suite on one machine: installs what is missing, builds, starts PostgreSQL, Redis, a
# KRaft Kafka broker and the four services, loads a demo province (once; a second start reuses the
# data) and prints where to look. In the foreground Ctrl-C stops everything; `down` does too.
#
# Usage: tools/jindu.sh up [--size tiny|city|province] [--detach] [--no-setup] [--no-build]
#        tools/jindu.sh down | status | reset
# Environment (defaults in brackets):
#   JINDU_STATE_DIR     all data, keys, logs [~/.local/state/jindu; as root /var/lib/jindu]
#   JINDU_GRPC_PORT_BASE     registration's gRPC port; casework +1, publicity +2, reporting +3 [50061]
#   JINDU_METRICS_PORT_BASE  the same for the metrics endpoints [9461]
#   JINDU_PG_PORT, JINDU_REDIS_PORT, JINDU_KAFKA_PORT, JINDU_KAFKA_CONTROLLER_PORT: see infra.sh
set -euo pipefail

JINDU_LOG_TAG=jindu
# shellcheck source=tools/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

if [[ "$(id -u)" -eq 0 ]]; then
  STATE_DIR="${JINDU_STATE_DIR:-/var/lib/jindu}"
else
  STATE_DIR="${JINDU_STATE_DIR:-${HOME}/.local/state/jindu}"
fi
export JINDU_STATE_DIR="${STATE_DIR}"
BUILD_DIR="${JINDU_BUILD_DIR:-${JINDU_ROOT}/build}"
GRPC_BASE="${JINDU_GRPC_PORT_BASE:-50061}"
METRICS_BASE="${JINDU_METRICS_PORT_BASE:-9461}"
SERVICES=(registration casework publicity reporting)
SERVICES_DIR="${STATE_DIR}/services"
JWT_DIR="${STATE_DIR}/jwt"
DEMO_DIR="${STATE_DIR}/demo"
# Development tokens: the services trust this issuer and audience with the key in ${JWT_DIR}.
JWT_ISSUER=jindu-quickstart
JWT_AUDIENCE=jindu

grpc_port() { echo $((GRPC_BASE + $1)); }
metrics_port() { echo $((METRICS_BASE + $1)); }

build() {
  export CCACHE_DIR="${CCACHE_DIR:-${JINDU_CACHE_DIR}/ccache}"
  export CCACHE_BASEDIR="${CCACHE_BASEDIR:-${JINDU_ROOT}}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
  log "building the services and tools in ${BUILD_DIR} (the first build takes a while)"
  cmake -S "${JINDU_ROOT}" -B "${BUILD_DIR}" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  local targets=(jindu-registration jindu-casework jindu-publicity jindu-reporting
    jindu-dev-token jindu-demo-province)
  if cmake --build "${BUILD_DIR}" --target help | grep -q '^jinductl:'; then targets+=(jinductl); fi
  cmake --build "${BUILD_DIR}" -j "$(nproc)" --target "${targets[@]}"
}

service_pid_file() { echo "${SERVICES_DIR}/$1.pid"; }
service_running() {
  local pid_file
  pid_file="$(service_pid_file "$1")"
  [[ -f "${pid_file}" ]] && kill -0 "$(cat "${pid_file}")" 2>/dev/null
}

start_services() {
  mkdir -p "${SERVICES_DIR}"
  if [[ ! -s "${JWT_DIR}/public.pem" ]]; then
    "${BUILD_DIR}/tools/dev_token/jindu-dev-token" --generate-keys "${JWT_DIR}" --alg ES256 >/dev/null
  fi
  local i name pid
  for i in "${!SERVICES[@]}"; do
    name="${SERVICES[$i]}"
    if service_running "${name}"; then
      log "${name} already running"
      continue
    fi
    # Each service owns its schema in the one development database.
    JINDU_GRPC_PORT="$(grpc_port "$i")" JINDU_METRICS_PORT="$(metrics_port "$i")" \
      JINDU_LISTEN_HOST=127.0.0.1 \
      JINDU_JWT_PUBLIC_KEYS_FILE="${JWT_DIR}/public.pem" JINDU_JWT_ISSUER="${JWT_ISSUER}" \
      JINDU_JWT_AUDIENCE="${JWT_AUDIENCE}" \
      setsid "${BUILD_DIR}/services/${name}/jindu-${name}" \
      >>"${SERVICES_DIR}/${name}.log" 2>&1 </dev/null &
    pid=$!
    echo "${pid}" >"$(service_pid_file "${name}")"
  done
  for i in "${!SERVICES[@]}"; do
    name="${SERVICES[$i]}"
    wait_for_port "$(grpc_port "$i")" 60 "$(cat "$(service_pid_file "${name}")")" ||
      { tail -n 20 "${SERVICES_DIR}/${name}.log" >&2; die "${name} did not start (log above)"; }
  done
}

stop_services() {
  local i name pid deadline
  # Reverse order: reporting first, registration (whose events the others read) last.
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do
    name="${SERVICES[$i]}"
    service_running "${name}" || continue
    pid="$(cat "$(service_pid_file "${name}")")"
    kill -TERM "${pid}" 2>/dev/null || true
    # The services drain in-flight calls for up to 25 s (--drain-timeout) after SIGTERM.
    deadline=$((SECONDS + 40))
    while kill -0 "${pid}" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
    kill -KILL "${pid}" 2>/dev/null || true
    rm -f "$(service_pid_file "${name}")"
    log "stopped ${name}"
  done
}

mint_token() {
  "${BUILD_DIR}/tools/dev_token/jindu-dev-token" --key "${JWT_DIR}/private.pem" \
    --iss "${JWT_ISSUER}" --aud "${JWT_AUDIENCE}" --sub "$1" --roles "$2" --regions 430000 \
    --ttl 12h
}

load_demo() {
  local size="$1"
  mkdir -p "${DEMO_DIR}"
  if [[ -f "${DEMO_DIR}/loaded" ]]; then
    log "demo province ($(cat "${DEMO_DIR}/loaded")) already loaded: reusing the data"
    return
  fi
  log "loading the demo province (size ${size}) through the services' APIs"
  "${BUILD_DIR}/tools/demo_province/jindu-demo-province" --size "${size}" \
    --jwt-key "${JWT_DIR}/private.pem" --jwt-issuer "${JWT_ISSUER}" --jwt-audience "${JWT_AUDIENCE}" \
    --registration-addr "127.0.0.1:$(grpc_port 0)" --casework-addr "127.0.0.1:$(grpc_port 1)" \
    --publicity-addr "127.0.0.1:$(grpc_port 2)" --summary "${DEMO_DIR}/summary.json" \
    >"${DEMO_DIR}/load.log" ||
    die "the demo load reported failed calls: see ${DEMO_DIR}/summary.json and the service logs"
  echo "${size}" >"${DEMO_DIR}/loaded"
}

print_where_to_look() {
  local i name
  (umask 077 && mint_token jindu-admin province_admin >"${STATE_DIR}/admin.token")
  cat >&2 <<EOF

jindu is running (data in ${STATE_DIR}):
$(for i in "${!SERVICES[@]}"; do
    printf '  %-13s gRPC 127.0.0.1:%s   metrics http://127.0.0.1:%s/metrics   log %s\n' \
      "${SERVICES[$i]}" "$(grpc_port "$i")" "$(metrics_port "$i")" "${SERVICES_DIR}/${SERVICES[$i]}.log"
  done)
  PostgreSQL 127.0.0.1:${JINDU_PG_PORT:-55432}  Redis 127.0.0.1:${JINDU_REDIS_PORT:-56379}  Kafka 127.0.0.1:${JINDU_KAFKA_PORT:-59092}

A province administrator's token (12 h) is in ${STATE_DIR}/admin.token. Try:
  ${BUILD_DIR}/tools/jinductl/jinductl login --token "\$(cat ${STATE_DIR}/admin.token)"
  ${BUILD_DIR}/tools/jinductl/jinductl dashboard show 430000
  ${JINDU_CACHE_DIR}/bin/grpcurl -plaintext -H "authorization: Bearer \$(cat ${STATE_DIR}/admin.token)" \\
      -d '{"name":"dashboards/430100"}' 127.0.0.1:$(grpc_port 3) jindu.reporting.v1.ReportingService/GetDashboard
The demo load's own count of what it sent: ${DEMO_DIR}/summary.json
Stop everything: tools/jindu.sh down
EOF
}

up() {
  local size=city detach=0 setup=1 build_first=1
  while (($#)); do
    case "$1" in
      --size) size="${2:?--size needs tiny, city or province}"; shift ;;
      --detach) detach=1 ;;
      --no-setup) setup=0 ;;
      --no-build) build_first=0 ;;
      *) die "unknown option $1 (see the top of $0)" ;;
    esac
    shift
  done
  ((setup == 0)) || "${JINDU_ROOT}/tools/setup.sh"
  ((build_first == 0)) || build
  mkdir -p "${STATE_DIR}"
  eval "$("${JINDU_ROOT}/tools/infra.sh" start)"
  export JINDU_POSTGRES_URL JINDU_REDIS_ADDRESS JINDU_KAFKA_BOOTSTRAP JINDU_FIELD_KEYS_FILE \
    JINDU_LOOKUP_KEY_FILE
  start_services
  load_demo "${size}"
  print_where_to_look
  ((detach == 0)) || return 0
  trap 'log "stopping"; stop_services; "${JINDU_ROOT}/tools/infra.sh" stop; exit 0' INT TERM
  log "running in the foreground: Ctrl-C stops everything"
  while true; do
    sleep 5
    for name in "${SERVICES[@]}"; do
      service_running "${name}" || log "warning: ${name} has stopped (see ${SERVICES_DIR}/${name}.log)"
    done
  done
}

status() {
  local i name state
  for i in "${!SERVICES[@]}"; do
    name="${SERVICES[$i]}"
    if service_running "${name}"; then state=running; else state=stopped; fi
    printf '%-13s %-8s 127.0.0.1:%s\n' "${name}" "${state}" "$(grpc_port "$i")" >&2
  done
  "${JINDU_ROOT}/tools/infra.sh" status >/dev/null
}

case "${1:-}" in
  up) shift; up "$@" ;;
  down) stop_services; "${JINDU_ROOT}/tools/infra.sh" stop ;;
  status) status ;;
  reset) stop_services; "${JINDU_ROOT}/tools/infra.sh" reset; rm -rf "${SERVICES_DIR}" "${JWT_DIR}" "${DEMO_DIR}" "${STATE_DIR}/admin.token" ;;
  *) echo "usage: $0 up [--size tiny|city|province] [--detach] [--no-setup] [--no-build] | down | status | reset" >&2; exit 2 ;;
esac
