#!/usr/bin/env bash
# The chart's settings are the services' settings, and the built binaries accept them
# (check_chart_settings.py). Usage: check_chart_settings.sh <build dir>
source "$(dirname "${BASH_SOURCE[0]}")/deploy_env.sh"
need_tools helm
command -v openssl >/dev/null || fail "openssl is missing"
python3 "${JINDU_ROOT}/tests/deploy/check_chart_settings.py" "${JINDU_ROOT}" "${1:?build dir}"
