# shellcheck shell=bash
# Sourced by the deploy checks: where the tools tools/setup.sh built live, and small helpers.
set -euo pipefail
JINDU_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JINDU_CACHE_DIR="${JINDU_CACHE_DIR:-${HOME}/.cache/jindu}"
export PATH="${JINDU_CACHE_DIR}/bin:${PATH}"
SCHEMA_DIR="${JINDU_CACHE_DIR}/kubeconform-schemas/current"
# kubeconform finds a kind's schema by this template (tools/deploy/k8s_json_schemas.py names them).
SCHEMA_LOCATION="${SCHEMA_DIR}/{{ .ResourceKind }}{{ .KindSuffix }}.json"
# Rendered for a current cluster (helm built from source would otherwise assume v1.20).
KUBE_VERSION=1.34.0

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

need_tools() {
  local tool
  for tool in "$@"; do
    command -v "${tool}" >/dev/null || fail "${tool} is missing: run tools/setup.sh"
  done
  [[ -f "${SCHEMA_DIR}/deployment-apps-v1.json" ]] ||
    fail "no offline schemas in ${SCHEMA_DIR}: run tools/setup.sh"
}

# kubeconform over stdin: strict (unknown fields and duplicate keys fail), offline, every kind
# known (-ignore-missing-schemas is not used: a kind without schema fails).
validate() {
  kubeconform -strict -summary -schema-location "${SCHEMA_LOCATION}" "$@"
}
