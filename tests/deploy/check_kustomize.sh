#!/usr/bin/env bash
# The Kustomize base is what tools/deploy/render_kustomize.py makes from the chart (not edited by
# hand, not stale); the base and each overlay render with kustomize and pass kubeconform and the
# manifest policies.
source "$(dirname "${BASH_SOURCE[0]}")/deploy_env.sh"
need_tools helm kustomize kubeconform
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT

python3 "${JINDU_ROOT}/tools/deploy/render_kustomize.py" --check ||
  fail "deploy/kustomize is stale (run tools/deploy/render_kustomize.py)"
echo "ok: generated files up to date"

overlays=(base)
for dir in "${JINDU_ROOT}"/deploy/kustomize/overlays/*/; do overlays+=("overlays/$(basename "${dir}")"); done
((${#overlays[@]} >= 3)) || fail "expected a trial and a production overlay"
for overlay in "${overlays[@]}"; do
  kustomize build "${JINDU_ROOT}/deploy/kustomize/${overlay}" >"${work}/rendered.yaml" ||
    fail "kustomize build ${overlay}"
  summary="$(validate "${work}/rendered.yaml")" || { echo "${summary}" >&2; fail "kubeconform ${overlay}"; }
  python3 "${JINDU_ROOT}/tests/deploy/check_manifests.py" "${work}/rendered.yaml" ||
    fail "manifest policies (${overlay})"
  echo "ok: ${overlay}: ${summary##*Summary: }"
done
