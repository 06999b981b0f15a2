#!/usr/bin/env bash
# deploy/grafana/*.json are what tools/deploy/make_dashboards.py writes (dashboards are code), are
# valid JSON with unique panel ids and a Prometheus query or a text per panel. (That each query
# names an exported metric is the integration test deploy_metrics.)
source "$(dirname "${BASH_SOURCE[0]}")/deploy_env.sh"
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
python3 "${JINDU_ROOT}/tools/deploy/make_dashboards.py" --out "${work}"
for made in "${work}"/*.json; do
  committed="${JINDU_ROOT}/deploy/grafana/$(basename "${made}")"
  [[ -f "${committed}" ]] || fail "deploy/grafana/$(basename "${made}") is missing (run tools/deploy/make_dashboards.py)"
  diff -q "${made}" "${committed}" >/dev/null ||
    fail "deploy/grafana/$(basename "${made}") differs from tools/deploy/make_dashboards.py's output"
done
for committed in "${JINDU_ROOT}"/deploy/grafana/*.json; do
  [[ -f "${work}/$(basename "${committed}")" ]] || fail "${committed} is not made by make_dashboards.py"
done
python3 - "${JINDU_ROOT}"/deploy/grafana/*.json <<'PY' || fail "dashboard structure"
import json, sys
for path in sys.argv[1:]:
    board = json.load(open(path, encoding="utf-8"))
    ids = [panel["id"] for panel in board["panels"]]
    assert len(ids) == len(set(ids)), f"{path}: duplicate panel ids"
    assert board.get("uid"), f"{path}: no uid"
    for panel in board["panels"]:
        if panel["type"] == "row":
            continue
        if panel["type"] == "text":
            assert panel["options"]["content"], f"{path}: empty text panel"
            continue
        assert panel.get("targets"), f"{path}: panel {panel['title']} has no query"
        for target in panel["targets"]:
            assert target["expr"].strip(), f"{path}: empty query in {panel['title']}"
            assert target["datasource"]["uid"] == "${datasource}", f"{path}: fixed datasource"
print(f"ok: {len(sys.argv) - 1} dashboards")
PY
