#!/usr/bin/env bash
# Runs PostgreSQL, Redis and Kafka in the background for a developer, with the same settings the
# integration tests use (tools/lib/postgresql.conf, tools/lib/redis.conf, tools/kafka/*).
# Data survives stop/start; `reset` throws it away. Run tools/setup.sh first. Prints the settings
# to reach the servers as `export JINDU_...=...` lines: eval "$(tools/infra.sh start)".
#
# Usage: tools/infra.sh start|stop|status|reset
# Environment (defaults in brackets):
#   JINDU_PG_PORT [55432]  JINDU_REDIS_PORT [56379]
#   JINDU_KAFKA_PORT [59092]  JINDU_KAFKA_CONTROLLER_PORT [59093]
#   JINDU_STATE_DIR [~/.local/state/jindu; as root /var/lib/jindu, because PostgreSQL then runs as
#                    the postgres user, who cannot enter /root]
set -euo pipefail

JINDU_LOG_TAG=infra
# shellcheck source=tools/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

PG_PORT="${JINDU_PG_PORT:-55432}"
REDIS_PORT="${JINDU_REDIS_PORT:-56379}"
KAFKA_PORT="${JINDU_KAFKA_PORT:-59092}"
KAFKA_CONTROLLER_PORT="${JINDU_KAFKA_CONTROLLER_PORT:-59093}"
if [[ "$(id -u)" -eq 0 ]]; then
  STATE_DIR="${JINDU_STATE_DIR:-/var/lib/jindu}"
else
  STATE_DIR="${JINDU_STATE_DIR:-${HOME}/.local/state/jindu}"
fi
PG_DIR="${STATE_DIR}/postgres"
REDIS_DIR="${STATE_DIR}/redis"
KAFKA_DIR="${STATE_DIR}/kafka"
KEYS_DIR="${STATE_DIR}/keys"

# --- PostgreSQL -------------------------------------------------------------------------------

postgres_running() {
  [[ -f "${PG_DIR}/data/postmaster.pid" ]] &&
    kill -0 "$(head -n 1 "${PG_DIR}/data/postmaster.pid")" 2>/dev/null
}

start_postgres() {
  local bin
  bin="$(pg_bindir)" || die "PostgreSQL is not installed: run tools/setup.sh"
  if postgres_running; then
    log "postgres already running"
    return
  fi
  mkdir -p "${PG_DIR}"
  if [[ "$(id -u)" -eq 0 ]]; then
    chown "${JINDU_PG_USER}:" "${PG_DIR}"
    as_pg_user test -x "${PG_DIR}" ||
      die "user ${JINDU_PG_USER} cannot enter ${PG_DIR}: choose another JINDU_STATE_DIR"
  fi
  if [[ ! -f "${PG_DIR}/data/PG_VERSION" ]]; then
    log "creating the PostgreSQL cluster in ${PG_DIR}/data"
    as_pg_user "${bin}/initdb" -D "${PG_DIR}/data" -U postgres --auth=trust --no-sync \
      -E UTF8 --locale=C --no-instructions >"${PG_DIR}/initdb.log" 2>&1 ||
      { tail -n 20 "${PG_DIR}/initdb.log" >&2; die "initdb failed"; }
    echo "include_if_exists = 'jindu.conf'" >>"${PG_DIR}/data/postgresql.conf"
  fi
  # Refreshed on every start, so that changes to the shared settings apply.
  cp "${JINDU_ROOT}/tools/lib/postgresql.conf" "${PG_DIR}/data/jindu.conf"
  [[ "$(id -u)" -ne 0 ]] || chown "${JINDU_PG_USER}:" "${PG_DIR}/data/jindu.conf"
  as_pg_user "${bin}/pg_ctl" -D "${PG_DIR}/data" -l "${PG_DIR}/postgres.log" -w -t 60 \
    -o "-p ${PG_PORT} -k ${PG_DIR}" start >/dev/null ||
    { tail -n 20 "${PG_DIR}/postgres.log" >&2; die "PostgreSQL did not start (log above)"; }
}

stop_postgres() {
  postgres_running || return 0
  as_pg_user "$(pg_bindir)/pg_ctl" -D "${PG_DIR}/data" -m fast -w stop >/dev/null
}

# --- Redis ------------------------------------------------------------------------------------

redis_running() {
  [[ -f "${REDIS_DIR}/redis.pid" ]] && kill -0 "$(cat "${REDIS_DIR}/redis.pid")" 2>/dev/null
}

start_redis() {
  command -v redis-server >/dev/null || die "redis-server is not installed: run tools/setup.sh"
  if redis_running; then
    log "redis already running"
    return
  fi
  mkdir -p "${REDIS_DIR}"
  redis-server "${JINDU_ROOT}/tools/lib/redis.conf" --port "${REDIS_PORT}" --dir "${REDIS_DIR}" \
    --daemonize yes --pidfile "${REDIS_DIR}/redis.pid" --logfile "${REDIS_DIR}/redis.log"
  wait_for_port "${REDIS_PORT}" 30 ||
    { tail -n 20 "${REDIS_DIR}/redis.log" >&2; die "Redis did not start (log above)"; }
}

stop_redis() {
  redis_running || return 0
  stop_pid "$(cat "${REDIS_DIR}/redis.pid")" 30
  rm -f "${REDIS_DIR}/redis.pid"
}

# --- Kafka ------------------------------------------------------------------------------------

kafka_running() {
  [[ -f "${KAFKA_DIR}/kafka.pid" ]] && kill -0 "$(cat "${KAFKA_DIR}/kafka.pid")" 2>/dev/null
}

start_kafka() {
  [[ -d "${JINDU_KAFKA_HOME}/libs" ]] ||
    die "Kafka is not installed in ${JINDU_KAFKA_HOME}: run tools/setup.sh"
  if kafka_running; then
    log "kafka already running"
    return
  fi
  mkdir -p "${KAFKA_DIR}"
  write_kafka_properties "${KAFKA_DIR}/server.properties" "${KAFKA_PORT}" \
    "${KAFKA_CONTROLLER_PORT}" "${KAFKA_DIR}/data"
  kafka_java_command "${KAFKA_DIR}"
  if [[ ! -f "${KAFKA_DIR}/data/meta.properties" ]]; then
    log "formatting Kafka storage in ${KAFKA_DIR}/data"
    "${KAFKA_JAVA[@]}" kafka.tools.StorageTool format --ignore-formatted -t "$(kafka_cluster_id)" \
      -c "${KAFKA_DIR}/server.properties" >"${KAFKA_DIR}/format.log" 2>&1 ||
      { cat "${KAFKA_DIR}/format.log" >&2; die "formatting Kafka storage failed"; }
  fi
  # setsid: the broker must not die with the terminal that started it.
  setsid "${KAFKA_JAVA[@]}" kafka.Kafka "${KAFKA_DIR}/server.properties" \
    >>"${KAFKA_DIR}/stdout.log" 2>&1 </dev/null &
  echo $! >"${KAFKA_DIR}/kafka.pid"
  wait_for_port "${KAFKA_PORT}" 120 "$!" ||
    { tail -n 20 "${KAFKA_DIR}/server.log" >&2; die "Kafka did not start (log above)"; }
}

stop_kafka() {
  kafka_running || return 0
  stop_pid "$(cat "${KAFKA_DIR}/kafka.pid")" 60
  rm -f "${KAFKA_DIR}/kafka.pid"
}

# --- commands ---------------------------------------------------------------------------------

# Sends SIGTERM and waits up to <seconds> for the process to end, then SIGKILL.
stop_pid() {
  local pid="$1" deadline=$((SECONDS + $2))
  kill -TERM "${pid}" 2>/dev/null || return 0
  while kill -0 "${pid}" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      kill -KILL "${pid}" 2>/dev/null || true
      return 0
    fi
    sleep 0.1
  done
}

# Development keys for personal data at rest (field cipher and ID-number lookup hash), made once
# and kept with the data they protect; `reset` removes both. Production keys come from Secrets.
ensure_dev_keys() {
  mkdir -p "${KEYS_DIR}"
  chmod 700 "${KEYS_DIR}"
  local name
  for name in field-keys lookup-key; do
    if [[ ! -s "${KEYS_DIR}/${name}" ]]; then
      (umask 077 && echo "dev-${name%%-*}-1 $(openssl rand -base64 32)" >"${KEYS_DIR}/${name}")
    fi
  done
}

# Human-readable state on stderr. With "exports", also the settings services read from the
# environment on stdout, so that `eval "$(tools/infra.sh start)"` points a service started by hand
# at these servers.
print_status() {
  local name state port log
  for name in postgres redis kafka; do
    if "${name}_running"; then state=running; else state=stopped; fi
    case "${name}" in
      postgres) port="${PG_PORT}" log="${PG_DIR}/postgres.log" ;;
      redis) port="${REDIS_PORT}" log="${REDIS_DIR}/redis.log" ;;
      kafka) port="${KAFKA_PORT}" log="${KAFKA_DIR}/server.log" ;;
    esac
    printf '%-9s %-8s 127.0.0.1:%-6s log: %s\n' "${name}" "${state}" "${port}" "${log}" >&2
  done
  [[ "${1:-}" == exports ]] || return 0
  echo "export JINDU_POSTGRES_URL=postgresql://postgres@127.0.0.1:${PG_PORT}/postgres"
  echo "export JINDU_REDIS_ADDRESS=127.0.0.1:${REDIS_PORT}"
  echo "export JINDU_KAFKA_BOOTSTRAP=127.0.0.1:${KAFKA_PORT}"
  if [[ -s "${KEYS_DIR}/field-keys" ]]; then
    echo "export JINDU_FIELD_KEYS_FILE=${KEYS_DIR}/field-keys"
    echo "export JINDU_LOOKUP_KEY_FILE=${KEYS_DIR}/lookup-key"
  fi
}

main() {
  case "${1:-}" in
    start)
      mkdir -p "${STATE_DIR}"
      start_postgres
      start_redis
      start_kafka
      ensure_dev_keys
      print_status exports
      ;;
    stop)
      stop_kafka
      stop_redis
      stop_postgres
      print_status
      ;;
    status)
      print_status exports
      kafka_running && redis_running && postgres_running
      ;;
    reset)
      stop_kafka
      stop_redis
      stop_postgres
      rm -rf "${PG_DIR}" "${REDIS_DIR}" "${KAFKA_DIR}" "${KEYS_DIR}"
      log "removed the data in ${STATE_DIR}"
      ;;
    *)
      echo "usage: $0 start|stop|status|reset" >&2
      exit 2
      ;;
  esac
}

main "$@"
