#!/usr/bin/env bash
# helm lint and helm template | kubeconform for charts/jindu with its default values and every
# scenario in charts/jindu/ci/; then values that must be refused are refused, and a manifest with
# an unknown field is rejected (the offline schemas really are strict).
source "$(dirname "${BASH_SOURCE[0]}")/deploy_env.sh"
need_tools helm kubeconform
chart="${JINDU_ROOT}/charts/jindu"
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT

scenarios=("")
for file in "${chart}"/ci/*.yaml; do scenarios+=("${file}"); done
((${#scenarios[@]} >= 3)) || fail "expected at least two scenario files in charts/jindu/ci"
for values in "${scenarios[@]}"; do
  label="${values:+$(basename "${values}")}"
  label="${label:-default values}"
  args=(--kube-version "${KUBE_VERSION}")
  [[ -n "${values}" ]] && args+=(-f "${values}")
  helm lint --strict "${chart}" "${args[@]:2}" >"${work}/lint.log" 2>&1 ||
    { cat "${work}/lint.log" >&2; fail "helm lint (${label})"; }
  helm template jindu "${chart}" --namespace jindu "${args[@]}" >"${work}/rendered.yaml" ||
    fail "helm template (${label})"
  summary="$(validate "${work}/rendered.yaml")" || { echo "${summary}" >&2; fail "kubeconform (${label})"; }
  python3 "${JINDU_ROOT}/tests/deploy/check_manifests.py" "${work}/rendered.yaml" ||
    fail "manifest policies (${label})"
  echo "ok: ${label}: ${summary##*Summary: }"
done

# Values the chart must refuse, with a message naming the value.
refuse() {
  local expected="$1"
  shift
  if helm template jindu "${chart}" --kube-version "${KUBE_VERSION}" "$@" >/dev/null 2>"${work}/err"; then
    fail "helm template accepted $*"
  fi
  grep -q -- "${expected}" "${work}/err" || { cat "${work}/err" >&2; fail "no '${expected}' in the refusal of $*"; }
  echo "ok: refused $*"
}
refuse "tls.requireClientCertificates needs tls.enabled" --set tls.requireClientCertificates=true
refuse "kafka.bootstrap is required" --set kafka.bootstrap=
refuse "authorizationSource" --set authorizationSource=token
# values.schema.json: a misspelt value is an error, not silently ignored.
refuse "additional properties 'bootstrapp' not allowed" --set kafka.bootstrapp=kafka:9092
refuse "JINDU_" --set-string services.casework.env.LOG_LEVEL=debug

# The schemas are strict: a misspelt field fails.
helm template jindu "${chart}" --kube-version "${KUBE_VERSION}" |
  sed 's/terminationGracePeriodSeconds:/terminationGracePeriodSecond:/' >"${work}/broken.yaml"
if validate "${work}/broken.yaml" >/dev/null 2>&1; then
  fail "kubeconform accepted a Deployment with an unknown field"
fi
echo "ok: an unknown field is rejected"
