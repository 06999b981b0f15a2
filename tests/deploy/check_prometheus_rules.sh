#!/usr/bin/env bash
# promtool accepts the alert rules and their unit tests pass.
source "$(dirname "${BASH_SOURCE[0]}")/deploy_env.sh"
command -v promtool >/dev/null || fail "promtool is missing (Debian package prometheus: tools/setup.sh)"
cd "${JINDU_ROOT}/deploy/prometheus"
promtool check rules alerts.yaml || fail "promtool check rules"
promtool test rules alerts_test.yaml || fail "promtool test rules"
# Every alert has a runbook section, and every runbook_url points at one.
for anchor in $(grep -o 'RUNBOOK.md#[a-z0-9-]*' alerts.yaml | sort -u | cut -d'#' -f2); do
  grep -qi "^## ${anchor}\$" "${JINDU_ROOT}/deploy/RUNBOOK.md" ||
    fail "deploy/RUNBOOK.md has no section '## ${anchor}' (runbook_url of alerts.yaml)"
done
for alert in $(sed -n 's/^ *- alert: *//p' alerts.yaml | sort -u); do
  grep -q "RUNBOOK.md#${alert,,}\$" alerts.yaml || fail "${alert} has no runbook_url"
  grep -q "alertname: ${alert}\$" alerts_test.yaml || fail "${alert} has no unit test in alerts_test.yaml"
done
echo "ok: rules, unit tests, runbook sections"
