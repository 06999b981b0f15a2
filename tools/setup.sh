#!/usr/bin/env bash
# Installs everything jindu's build and tests need on a Debian bookworm machine: Debian packages,
# the Apache Kafka broker (from Maven Central) and Go tools (built with the machine's Go).
# Idempotent: a step whose result is already there is skipped, so a second run takes seconds.
#
# Usage: tools/setup.sh
# Environment:
#   JINDU_CACHE_DIR   where Kafka, Go tools and their download caches go (~/.cache/jindu)
#   JINDU_SKIP_APT=1  do not check or install Debian packages (a machine set up another way)
#   JINDU_SKIP_KAFKA=1  do not fetch the Kafka broker (a build that runs no tests: the image)
#   JINDU_SKIP_DEPLOY_TOOLS=1  do not build helm, kubeconform and kustomize nor write the offline
#                     Kubernetes schemas (the image build stage, which only compiles the services)
set -euo pipefail

JINDU_LOG_TAG=setup
# shellcheck source=tools/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

GRPCURL_VERSION=v1.9.3
# The image's health check (exit code = serving or not, TLS and client certificates supported).
GRPC_HEALTH_PROBE_VERSION=v0.4.63
# Deployment checks (tests/deploy): chart rendering, manifest validation, overlays.
HELM_VERSION=v3.21.4
KUBECONFORM_VERSION=v0.8.0
KUSTOMIZE_VERSION=v5.8.1
# The offline schemas kubeconform validates against: the Kubernetes OpenAPI document travels in
# the k8s.io/kubernetes module, the ServiceMonitor and PrometheusRule CRDs in prometheus-operator's.
KUBERNETES_SCHEMA_VERSION=v1.36.3
PROMETHEUS_OPERATOR_VERSION=v0.85.0

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config ccache clang-format
  clang libclang-rt-dev  # libFuzzer and the sanitizers for tools/fuzz.sh (tests/fuzz)
  libgrpc++-dev protobuf-compiler-grpc protobuf-compiler libprotobuf-dev
  librdkafka-dev libhiredis-dev prometheus-cpp-dev libpqxx-dev libssl-dev nlohmann-json3-dev
  uuid-dev libgtest-dev googletest libxlsxwriter-dev
  postgresql redis-server prometheus
  curl ca-certificates openssl iproute2 util-linux procps python3 python3-yaml
)

declare -a SUMMARY=()
note() { SUMMARY+=("$1"); }

run_as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    die "need root to run: $*"
  fi
}

installed() {
  [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == "installed" ]]
}

# --- Debian packages --------------------------------------------------------------------------

install_apt_packages() {
  local -a wanted=("${APT_PACKAGES[@]}") missing=()
  command -v java >/dev/null || wanted+=(default-jre-headless)
  command -v mvn >/dev/null || wanted+=(maven)
  local package
  for package in "${wanted[@]}"; do
    installed "${package}" || missing+=("${package}")
  done
  if ((${#missing[@]} == 0)); then
    note "apt: all ${#wanted[@]} packages already installed"
    return
  fi
  log "installing Debian packages: ${missing[*]}"
  # Our tests start private PostgreSQL and Redis instances; keep the packages from starting the
  # system-wide daemons (policy-rc.d is Debian's switch for that) unless a policy already exists.
  local policy=/usr/sbin/policy-rc.d own_policy=0
  if [[ ! -e "${policy}" ]]; then
    run_as_root sh -c "printf '#!/bin/sh\nexit 101\n' > ${policy} && chmod 755 ${policy}"
    own_policy=1
  fi
  local status=0
  run_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q || status=$?
  if ((status == 0)); then
    run_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      "${missing[@]}" || status=$?
  fi
  if ((own_policy)); then run_as_root rm -f "${policy}"; fi
  ((status == 0)) || die "apt-get failed (exit ${status}) installing: ${missing[*]}"
  note "apt: installed ${missing[*]}"
}

# The postgresql and redis-server packages run system daemons we do not want: stop them and keep
# them from starting at boot. Works with and without systemd; private instances are untouched.
stop_system_daemons() {
  if [[ "$(id -u)" -ne 0 ]] && ! command -v sudo >/dev/null; then
    log "warning: not root: cannot check for system PostgreSQL and Redis daemons"
    return
  fi
  local service pidfiles
  for service in postgresql redis-server; do
    [[ -x "/etc/init.d/${service}" ]] || continue
    case "${service}" in
      postgresql) pidfiles=(/run/postgresql/*.pid) ;;
      redis-server) pidfiles=(/run/redis/redis-server.pid) ;;
    esac
    if [[ -e "${pidfiles[0]}" ]]; then
      log "stopping the system ${service} daemon"
      run_as_root service "${service}" stop >/dev/null 2>&1 || true
      note "stopped the system ${service} daemon"
    fi
    if compgen -G "/etc/rc[2-5].d/S*${service}" >/dev/null; then
      run_as_root update-rc.d "${service}" disable >/dev/null 2>&1 || true
    fi
    if [[ -d /run/systemd/system ]]; then
      run_as_root systemctl disable --now "${service}" >/dev/null 2>&1 || true
    fi
  done
}

check_pg_user() {
  getent passwd "${JINDU_PG_USER}" >/dev/null ||
    die "user '${JINDU_PG_USER}' is missing (the postgresql package creates it); as root, tests run PostgreSQL as that user"
}

# --- Apache Kafka -----------------------------------------------------------------------------

install_kafka() {
  local libs="${JINDU_KAFKA_HOME}/libs"
  local stamp="${JINDU_KAFKA_HOME}/.complete"
  if [[ -f "${stamp}" && "$(cat "${stamp}")" == "$(kafka_pom_digest)" ]]; then
    note "kafka ${JINDU_KAFKA_VERSION}: already in ${JINDU_KAFKA_HOME}"
    return
  fi
  command -v mvn >/dev/null || die "mvn is missing"
  log "resolving Kafka ${JINDU_KAFKA_VERSION} from Maven Central into ${libs}"
  # Copy into a fresh directory and swap it in, so that an interrupted run leaves no half set.
  local staging="${JINDU_KAFKA_HOME}/libs.new"
  rm -rf "${staging}"
  mkdir -p "${staging}"
  mvn -B -q -Dstyle.color=never -f "${JINDU_ROOT}/tools/kafka/pom.xml" \
    -Dmaven.repo.local="${JINDU_CACHE_DIR}/maven" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="${staging}" ||
    die "mvn could not resolve Kafka ${JINDU_KAFKA_VERSION} (see the output above)"
  [[ -f "${staging}/kafka_2.13-${JINDU_KAFKA_VERSION}.jar" ]] ||
    die "mvn ran but kafka_2.13-${JINDU_KAFKA_VERSION}.jar is not in ${staging}"
  rm -rf "${libs}" "${JINDU_KAFKA_CDS_ARCHIVE}"
  mv "${staging}" "${libs}"
  kafka_pom_digest >"${stamp}"
  note "kafka ${JINDU_KAFKA_VERSION}: installed $(find "${libs}" -name '*.jar' | wc -l) jars into ${libs}"
}

kafka_pom_digest() {
  sha256sum "${JINDU_ROOT}/tools/kafka/pom.xml" | cut -d' ' -f1
}

# Records the classes a broker loads while starting into a CDS archive, so that every later broker
# maps them instead of parsing them again (about 1.5 s saved per start). The JVM checks the archive
# against the class path and its own build; it is remade when that check fails.
make_kafka_cds_archive() {
  local -a jvm_options
  if [[ -f "${JINDU_KAFKA_CDS_ARCHIVE}" ]] &&
    mapfile -t jvm_options < <(kafka_jvm_options) &&
    java "${jvm_options[@]}" -Xshare:on -cp "${JINDU_KAFKA_HOME}/libs/*" -version >/dev/null 2>&1; then
    note "kafka CDS archive: up to date"
    return
  fi
  rm -f "${JINDU_KAFKA_CDS_ARCHIVE}"
  log "starting a broker once to record its classes for fast start-up"
  local dir port controller_port
  dir="$(mktemp -d "${TMPDIR:-/tmp}/jindu-kafka-cds-XXXXXX")"
  port="$(free_port)" || die "no free port found"
  controller_port="$(free_port)" || die "no free port found"
  [[ "${controller_port}" != "${port}" ]] || controller_port=$((port + 1))
  write_kafka_properties "${dir}/server.properties" "${port}" "${controller_port}" "${dir}/data"
  local archive_tmp="${JINDU_KAFKA_CDS_ARCHIVE}.tmp.$$"
  kafka_java_command "${dir}"
  local -a java_cmd=("${KAFKA_JAVA[@]}" -XX:ArchiveClassesAtExit="${archive_tmp}")
  if ! "${java_cmd[@]}" kafka.tools.StorageTool format --ignore-formatted \
    -t "$(kafka_cluster_id)" -c "${dir}/server.properties" >"${dir}/format.log" 2>&1; then
    cat "${dir}/format.log" >&2
    die "formatting Kafka storage failed"
  fi
  "${java_cmd[@]}" kafka.Kafka "${dir}/server.properties" >"${dir}/stdout.log" 2>&1 &
  local pid=$!
  if ! wait_for_port "${port}" 120 "${pid}"; then
    kill -9 "${pid}" 2>/dev/null || true
    tail -n 30 "${dir}/server.log" "${dir}/stdout.log" >&2 || true
    die "the Kafka broker did not start (logs above)"
  fi
  kill -TERM "${pid}"
  wait "${pid}" || true
  if [[ -s "${archive_tmp}" ]]; then
    mv "${archive_tmp}" "${JINDU_KAFKA_CDS_ARCHIVE}"
    note "kafka CDS archive: made ${JINDU_KAFKA_CDS_ARCHIVE}"
  else
    rm -f "${archive_tmp}"
    log "warning: the JVM wrote no CDS archive; brokers will start more slowly"
    note "kafka CDS archive: not made (brokers start without it)"
  fi
  rm -rf "${dir}"
}

# --- Go tools ---------------------------------------------------------------------------------

# The Go toolchain image installs Go in /usr/local/go, which a bare PATH may lack.
go_command() {
  local go
  go="$(command -v go || echo /usr/local/go/bin/go)"
  [[ -x "${go}" ]] || die "go is missing (needed to build the Go tools)"
  echo "${go}"
}

# Runs the go command with everything it downloads or builds under the cache; GOTOOLCHAIN=local
# keeps Go from fetching another toolchain.
go_environment() {
  GO_ENV=(GOTOOLCHAIN=local GOFLAGS=-modcacherw
    GOPATH="${JINDU_CACHE_DIR}/go" GOMODCACHE="${JINDU_CACHE_DIR}/go/pkg/mod"
    GOCACHE="${JINDU_CACHE_DIR}/go/build-cache" GOBIN="${JINDU_CACHE_DIR}/bin")
}
run_go() {
  local -a GO_ENV
  go_environment
  env "${GO_ENV[@]}" "$(go_command)" "$@"
}
# One package at a time, niced: leaves a core for whoever else is building.
run_go_niced() {
  local -a GO_ENV
  go_environment
  nice -n 10 env "${GO_ENV[@]}" "$(go_command)" "$@"
}

# Builds <package>@<version> of <module> into $JINDU_CACHE_DIR/bin/<binary> unless the binary there
# was built from that module version (Go records it in the binary).
# Usage: install_go_binary <binary> <module> <package> <version>
install_go_binary() {
  local name="$1" module="$2" package="$3" version="$4"
  local bin="${JINDU_CACHE_DIR}/bin/${name}" built_from=""
  [[ -x "${bin}" ]] && built_from="$(run_go version -m "${bin}" 2>/dev/null || true)"
  if grep -Eq "^[[:space:]]*mod[[:space:]]+${module//./\\.}[[:space:]]+${version//./\\.}[[:space:]]" \
    <<<"${built_from}"; then
    note "${name} ${version}: already in ${bin}"
    return
  fi
  log "building ${name} ${version} with $(run_go env GOVERSION)"
  run_go_niced install -p 1 "${package}@${version}" ||
    die "building ${name} ${version} failed"
  note "${name} ${version}: built into ${bin}"
}

install_grpcurl() {
  install_go_binary grpcurl github.com/fullstorydev/grpcurl \
    github.com/fullstorydev/grpcurl/cmd/grpcurl "${GRPCURL_VERSION}"
}

install_deploy_tools() {
  install_go_binary grpc-health-probe github.com/grpc-ecosystem/grpc-health-probe \
    github.com/grpc-ecosystem/grpc-health-probe "${GRPC_HEALTH_PROBE_VERSION}"
  if [[ "${JINDU_SKIP_DEPLOY_TOOLS:-0}" == 1 ]]; then
    note "deploy tools: skipped (JINDU_SKIP_DEPLOY_TOOLS=1)"
    return
  fi
  install_go_binary kubeconform github.com/yannh/kubeconform \
    github.com/yannh/kubeconform/cmd/kubeconform "${KUBECONFORM_VERSION}"
  install_go_binary kustomize sigs.k8s.io/kustomize/kustomize/v5 \
    sigs.k8s.io/kustomize/kustomize/v5 "${KUSTOMIZE_VERSION}"
  install_go_binary helm helm.sh/helm/v3 helm.sh/helm/v3/cmd/helm "${HELM_VERSION}"
  install_kubernetes_schemas
}

# The directory of the offline schemas (tests/deploy reads them through .../current).
kubernetes_schema_dir() {
  echo "${JINDU_CACHE_DIR}/kubeconform-schemas/${KUBERNETES_SCHEMA_VERSION}-po${PROMETHEUS_OPERATOR_VERSION}"
}

# Module zips (not builds) from the Go module proxy: the OpenAPI document and the CRDs, converted by
# tools/deploy/k8s_json_schemas.py. Remade when the converter changes.
install_kubernetes_schemas() {
  local dir stamp digest
  dir="$(kubernetes_schema_dir)"
  stamp="${dir}/.complete"
  digest="$(sha256sum "${JINDU_ROOT}/tools/deploy/k8s_json_schemas.py" | cut -d' ' -f1)"
  if [[ -f "${stamp}" && "$(cat "${stamp}")" == "${digest}" ]]; then
    ln -sfn "$(basename "${dir}")" "${JINDU_CACHE_DIR}/kubeconform-schemas/current"
    note "kubeconform schemas: already in ${dir}"
    return
  fi
  log "writing kubeconform schemas for Kubernetes ${KUBERNETES_SCHEMA_VERSION} into ${dir}"
  local kubernetes operator
  kubernetes="$(run_go mod download -json "k8s.io/kubernetes@${KUBERNETES_SCHEMA_VERSION}" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')" ||
    die "could not download k8s.io/kubernetes@${KUBERNETES_SCHEMA_VERSION}"
  operator="$(run_go mod download -json \
    "github.com/prometheus-operator/prometheus-operator@${PROMETHEUS_OPERATOR_VERSION}" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')" ||
    die "could not download prometheus-operator@${PROMETHEUS_OPERATOR_VERSION}"
  [[ -f "${kubernetes}/api/openapi-spec/swagger.json" ]] ||
    die "no api/openapi-spec/swagger.json in ${kubernetes}"
  local crds="${operator}/jsonnet/prometheus-operator"
  rm -rf "${dir}.new"
  python3 "${JINDU_ROOT}/tools/deploy/k8s_json_schemas.py" \
    --swagger "${kubernetes}/api/openapi-spec/swagger.json" \
    --crd "${crds}/servicemonitors-crd.json" --crd "${crds}/prometheusrules-crd.json" \
    --out "${dir}.new" >/dev/null || die "converting the Kubernetes schemas failed"
  echo "${digest}" >"${dir}.new/.complete"
  rm -rf "${dir}"
  mv "${dir}.new" "${dir}"
  # tests/deploy reads the schemas through this link.
  ln -sfn "$(basename "${dir}")" "${JINDU_CACHE_DIR}/kubeconform-schemas/current"
  note "kubeconform schemas: $(find "${dir}" -name '*.json' | wc -l) kinds in ${dir}"
}

# --- main -------------------------------------------------------------------------------------

main() {
  local start=${SECONDS}
  [[ -r /etc/debian_version ]] || die "this script supports Debian (bookworm) only"
  if [[ "${JINDU_SKIP_APT:-0}" != 1 ]]; then
    install_apt_packages
    stop_system_daemons
  fi
  check_pg_user
  command -v java >/dev/null || die "java is missing"
  mkdir -p "${JINDU_CACHE_DIR}/bin"
  if [[ "${JINDU_SKIP_KAFKA:-0}" == 1 ]]; then
    note "kafka: skipped (JINDU_SKIP_KAFKA=1)"
  elif [[ -n "${JINDU_KAFKA_HOME_GIVEN}" ]]; then
    [[ -d "${JINDU_KAFKA_HOME}/libs" ]] || die "JINDU_KAFKA_HOME=${JINDU_KAFKA_HOME} has no libs/"
    note "kafka: using JINDU_KAFKA_HOME=${JINDU_KAFKA_HOME} as it is"
  else
    mkdir -p "${JINDU_KAFKA_HOME}"
    install_kafka
    make_kafka_cds_archive
  fi
  install_grpcurl
  install_deploy_tools

  local pg_bin
  pg_bin="$(pg_bindir)" || die "no PostgreSQL server found under /usr/lib/postgresql"
  note "postgresql: $("${pg_bin}/postgres" --version) in ${pg_bin}"
  note "redis: $(redis-server --version | cut -d' ' -f1-3)"
  note "java: $(java -version 2>&1 | head -n 1)"
  note "librdkafka: $(pkg-config --modversion rdkafka)"

  echo "jindu setup done in $((SECONDS - start)) s:"
  printf '  %s\n' "${SUMMARY[@]}"
  echo "  tools: ${JINDU_CACHE_DIR}/bin (add it to PATH); Kafka: JINDU_KAFKA_HOME=${JINDU_KAFKA_HOME}"
}

main "$@"
