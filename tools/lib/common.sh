# shellcheck shell=bash
# Shared by tools/setup.sh and tools/infra.sh (sourced, not run): where things live, which
# versions are pinned, and small helpers. The C++ test harness (tests/harness) makes the same
# choices: keep the two in step.

JINDU_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JINDU_CACHE_DIR="${JINDU_CACHE_DIR:-${HOME}/.cache/jindu}"

# The broker version is chosen in tools/kafka/pom.xml alone.
JINDU_KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' \
  "${JINDU_ROOT}/tools/kafka/pom.xml")"
# A JINDU_KAFKA_HOME set by the caller (e.g. an unpacked Kafka release) is used as it is.
# shellcheck disable=SC2034  # read by tools/setup.sh
JINDU_KAFKA_HOME_GIVEN="${JINDU_KAFKA_HOME:+1}"
JINDU_KAFKA_HOME="${JINDU_KAFKA_HOME:-${JINDU_CACHE_DIR}/kafka/${JINDU_KAFKA_VERSION}}"
# Class-data-sharing archive made by tools/setup.sh: halves the broker's start-up time.
JINDU_KAFKA_CDS_ARCHIVE="${JINDU_KAFKA_HOME}/kafka.jsa"

# PostgreSQL refuses to run as root; as root we run it as this unprivileged user (the Debian
# package creates it).
JINDU_PG_USER="${JINDU_PG_USER:-postgres}"

log() { printf '[%s] %s\n' "${JINDU_LOG_TAG:-jindu}" "$*" >&2; }
die() {
  printf '[%s] ERROR: %s\n' "${JINDU_LOG_TAG:-jindu}" "$*" >&2
  exit 1
}

# The newest PostgreSQL server installed by Debian's packages (its bin directory).
pg_bindir() {
  if [[ -n "${JINDU_PG_BINDIR:-}" ]]; then
    echo "${JINDU_PG_BINDIR}"
    return
  fi
  local dir
  dir="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -type d -name '[0-9]*' 2>/dev/null |
    sort -V | tail -n 1)"
  [[ -n "${dir}" && -x "${dir}/bin/postgres" ]] || return 1
  echo "${dir}/bin"
}

# Runs a command as the PostgreSQL user when we are root, as ourselves otherwise.
as_pg_user() {
  if [[ "$(id -u)" -eq 0 ]]; then
    setpriv --reuid="${JINDU_PG_USER}" --regid="${JINDU_PG_USER}" --init-groups -- "$@"
  else
    "$@"
  fi
}

# JVM options of the broker: tools/kafka/jvm.options plus the CDS archive when it is usable.
kafka_jvm_options() {
  sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "${JINDU_ROOT}/tools/kafka/jvm.options"
  if [[ -f "${JINDU_KAFKA_CDS_ARCHIVE}" ]]; then
    echo "-XX:SharedArchiveFile=${JINDU_KAFKA_CDS_ARCHIVE}"
  fi
}

# Writes the broker's server.properties: the shared settings plus this instance's.
# Usage: write_kafka_properties <file> <broker port> <controller port> <log dir>
write_kafka_properties() {
  local file="$1" port="$2" controller_port="$3" log_dir="$4"
  {
    cat "${JINDU_ROOT}/tools/kafka/server.properties"
    echo
    echo "# This instance"
    echo "node.id=1"
    echo "listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controller_port}"
    echo "advertised.listeners=PLAINTEXT://127.0.0.1:${port}"
    echo "controller.quorum.voters=1@127.0.0.1:${controller_port}"
    echo "log.dirs=${log_dir}"
  } >"${file}"
}

# Sets KAFKA_JAVA to the java command line (up to the main class) of the broker and its tools,
# logging into <logs dir>. Usage: kafka_java_command <logs dir>; "${KAFKA_JAVA[@]}" <class> <args>
kafka_java_command() {
  local -a jvm_options
  mapfile -t jvm_options < <(kafka_jvm_options)
  # shellcheck disable=SC2034  # read by the caller
  KAFKA_JAVA=(java "${jvm_options[@]}"
    -Dlog4j2.configurationFile="${JINDU_ROOT}/tools/kafka/log4j2.properties"
    -Dkafka.logs.dir="$1" -cp "${JINDU_KAFKA_HOME}/libs/*")
}

# A KRaft cluster id: 16 random bytes, URL-safe base64 without padding (Kafka's Uuid format).
# Never starting with '-', which the storage tool would take for an option.
kafka_cluster_id() {
  local id="-"
  while [[ "${id}" == -* ]]; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
  done
  echo "${id}"
}

# Succeeds when something accepts TCP connections on 127.0.0.1:<port>.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Waits up to <seconds> for 127.0.0.1:<port> to accept connections.
# Usage: wait_for_port <port> <seconds> [pid that must stay alive]
wait_for_port() {
  local port="$1" deadline=$((SECONDS + $2)) pid="${3:-}"
  until port_open "${port}"; do
    if [[ -n "${pid}" ]] && ! kill -0 "${pid}" 2>/dev/null; then
      return 1
    fi
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

# A TCP port free on 127.0.0.1, below the kernel's ephemeral range so that no outgoing connection
# takes it between this check and the server's bind.
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 12000))
    if ! port_open "${port}" && ! ss -Htln "sport = :${port}" 2>/dev/null | grep -q .; then
      echo "${port}"
      return
    fi
  done
  return 1
}
