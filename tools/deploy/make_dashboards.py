#!/usr/bin/env python3
"""Writes jindu's Grafana dashboards, deploy/grafana/*.json, from the panel lists below.

The dashboards are code: edit this file and run it (tools/deploy/make_dashboards.py); the deploy
check (tests/deploy) fails when a committed JSON differs from what this writes, and the
integration test deploy_metrics checks that every query names a metric the running services
export. Metric names and labels are those of services/runtime (grpc/server_metrics_interceptor,
inbox/inbox_metrics, outbox/outbox_metrics, cache/cache_metrics, postgres/pool_metrics,
metrics/process_collector), of services/reporting/dashboards/dashboard_cache (projection
freshness), services/reporting/filings/missing_filings_gauge (counties that have not filed) and
services/publicity/activities/review_backlog_gauge (activities awaiting review).

Every series carries a `service` label (registration, casework, publicity, reporting): the chart's
ServiceMonitor and deploy/kustomize set it on the scrape target.

Usage: make_dashboards.py [--out DIR]   (default: deploy/grafana beside this repository's tools/)
"""

import argparse
import json
import os
import sys

DATASOURCE = {"type": "prometheus", "uid": "${datasource}"}
SERVICE = 'service=~"$service"'
# Server-side failures: the caller did nothing wrong. Client errors (INVALID_ARGUMENT, NOT_FOUND,
# PERMISSION_DENIED, ...) are the API working as specified and are shown, not alerted on.
SERVER_ERROR_CODES = "UNKNOWN|INTERNAL|UNAVAILABLE|DATA_LOSS|DEADLINE_EXCEEDED"


class Layout:
    """Places panels left to right, 24 columns wide, and numbers them."""

    def __init__(self):
        self.panels = []
        self.x = 0
        self.y = 0
        self.row_height = 0

    def row(self, title):
        self.newline()
        self.panels.append({"type": "row", "title": title, "collapsed": False,
                            "gridPos": {"h": 1, "w": 24, "x": 0, "y": self.y},
                            "id": len(self.panels) + 1, "panels": []})
        self.y += 1

    def newline(self):
        if self.x:
            self.y += self.row_height
            self.x = 0
            self.row_height = 0

    def add(self, panel, width=12, height=8):
        if self.x + width > 24:
            self.newline()
        panel["gridPos"] = {"h": height, "w": width, "x": self.x, "y": self.y}
        panel["id"] = len(self.panels) + 1
        self.panels.append(panel)
        self.x += width
        self.row_height = max(self.row_height, height)


def target(expr, legend, ref="A", instant=False):
    result = {"datasource": DATASOURCE, "expr": expr, "legendFormat": legend, "refId": ref}
    if instant:
        result["instant"] = True
        result["range"] = False
    return result


def timeseries(title, description, targets, unit="short", stack=False, thresholds=None):
    defaults = {"unit": unit, "custom": {"drawStyle": "line", "lineWidth": 1,
                                         "fillOpacity": 10 if stack else 0,
                                         "stacking": {"mode": "normal" if stack else "none"}}}
    if thresholds:
        defaults["thresholds"] = {"mode": "absolute", "steps": thresholds}
        defaults["custom"]["thresholdsStyle"] = {"mode": "line"}
    return {"type": "timeseries", "title": title, "description": description,
            "datasource": DATASOURCE, "targets": targets,
            "fieldConfig": {"defaults": defaults, "overrides": []},
            "options": {"legend": {"displayMode": "table", "placement": "bottom",
                                   "calcs": ["lastNotNull", "max"]},
                        "tooltip": {"mode": "multi", "sort": "desc"}}}


def stat(title, description, expr, unit="short", thresholds=None, legend=""):
    steps = thresholds or [{"color": "green", "value": None}]
    return {"type": "stat", "title": title, "description": description, "datasource": DATASOURCE,
            "targets": [target(expr, legend, instant=True)],
            "fieldConfig": {"defaults": {"unit": unit, "thresholds": {"mode": "absolute",
                                                                      "steps": steps}},
                            "overrides": []},
            "options": {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                        "colorMode": "background", "graphMode": "area", "textMode": "auto"}}


def table(title, description, expr, legend="", keep_value=False, unit=None):
    """Labels as columns; the value too when keep_value (info metrics are always 1)."""
    return {"type": "table", "title": title, "description": description, "datasource": DATASOURCE,
            "targets": [dict(target(expr, legend, instant=True), format="table")],
            "fieldConfig": {"defaults": {"unit": unit} if unit else {}, "overrides": []},
            "options": {"showHeader": True}, "transformations": [
                {"id": "organize", "options": {"excludeByName": {"Time": True,
                                                                 "Value": not keep_value,
                                                                 "__name__": True}}}]}


def bars(title, description, expr, legend, unit="short", thresholds=None):
    """One horizontal bar per series, largest first: per-county counts at a glance."""
    steps = thresholds or [{"color": "green", "value": None}]
    return {"type": "bargauge", "title": title, "description": description,
            "datasource": DATASOURCE, "targets": [target(expr, legend, instant=True)],
            "fieldConfig": {"defaults": {"unit": unit, "min": 0,
                                         "thresholds": {"mode": "absolute", "steps": steps}},
                            "overrides": []},
            "options": {"orientation": "horizontal", "displayMode": "gradient",
                        "showUnfilled": True, "valueMode": "color",
                        "reduceOptions": {"calcs": ["lastNotNull"], "fields": "",
                                          "values": False}}}


def text(title, markdown):
    return {"type": "text", "title": title, "options": {"mode": "markdown", "content": markdown}}


def variables(with_service=True):
    variables = [{"type": "datasource", "name": "datasource", "label": "Prometheus",
                  "query": "prometheus", "current": {}, "hide": 0}]
    if with_service:
        query = "label_values(jindu_build_info, service)"
        variables.append({"type": "query", "name": "service", "label": "Service",
                          "datasource": DATASOURCE, "query": {"query": query, "refId": "service"},
                          "definition": query, "refresh": 2, "includeAll": True, "multi": True,
                          "current": {"text": "All", "value": "$__all"}, "sort": 1})
    return {"list": variables}


def dashboard(uid, title, description, layout, with_service=True):
    return {"uid": uid, "title": title, "description": description, "tags": ["jindu"],
            "editable": True, "schemaVersion": 39, "version": 1, "timezone": "browser",
            "time": {"from": "now-6h", "to": "now"}, "refresh": "30s",
            "graphTooltip": 1, "templating": variables(with_service), "annotations": {"list": []},
            "links": [{"type": "dashboards", "tags": ["jindu"], "title": "jindu",
                       "asDropdown": True}],
            "panels": layout.panels}


def services_dashboard():
    """RED per service and method, and the process."""
    layout = Layout()
    layout.row("Calls (rate, errors, duration) by method")
    layout.add(timeseries(
        "Calls per second by method",
        "Completed gRPC calls per second, every status code.",
        [target(f"sum by (service, grpc_method) (rate(grpc_server_handled_total{{{SERVICE}}}"
                f"[$__rate_interval]))", "{{service}} {{grpc_method}}")], unit="reqps"))
    layout.add(timeseries(
        "Server errors per second by method and code",
        f"Calls that ended {SERVER_ERROR_CODES.replace('|', ', ')}: the service failed, not the "
        "caller (alert JinduHighServerErrorRate).",
        [target(f"sum by (service, grpc_method, grpc_code) (rate(grpc_server_handled_total"
                f"{{{SERVICE}, grpc_code=~\"{SERVER_ERROR_CODES}\"}}[$__rate_interval]))",
                "{{service}} {{grpc_method}} {{grpc_code}}")], unit="reqps"))
    layout.add(timeseries(
        "Server error ratio by service",
        "Share of calls that failed on the server side.",
        [target(f"sum by (service) (rate(grpc_server_handled_total{{{SERVICE}, "
                f"grpc_code=~\"{SERVER_ERROR_CODES}\"}}[$__rate_interval])) / sum by (service) "
                f"(rate(grpc_server_handled_total{{{SERVICE}}}[$__rate_interval]))",
                "{{service}}")], unit="percentunit",
        thresholds=[{"color": "green", "value": None}, {"color": "red", "value": 0.05}]))
    layout.add(timeseries(
        "Client errors per second by code",
        "Calls refused as specified (invalid arguments, not found, permission denied, "
        "saturation): a rise means a caller changed, or back-pressure is working.",
        [target(f"sum by (service, grpc_code) (rate(grpc_server_handled_total{{{SERVICE}, "
                f"grpc_code!~\"OK|{SERVER_ERROR_CODES}\"}}[$__rate_interval]))",
                "{{service}} {{grpc_code}}")], unit="reqps"))
    for quantile in ("0.5", "0.99"):
        layout.add(timeseries(
            f"Duration p{quantile[2:] if quantile != '0.5' else '50'} by method",
            f"{quantile} quantile of the server-side handling time of each method.",
            [target(f"histogram_quantile({quantile}, sum by (service, grpc_method, le) "
                    f"(rate(grpc_server_handling_seconds_bucket{{{SERVICE}}}"
                    f"[$__rate_interval])))", "{{service}} {{grpc_method}}")], unit="s"))
    layout.add(timeseries(
        "Calls in flight",
        "Started and not yet completed calls (streams included).",
        [target(f"sum by (service) (grpc_server_started_total{{{SERVICE}}}) - sum by (service) "
                f"(grpc_server_handled_total{{{SERVICE}}})", "{{service}}")]))
    layout.add(timeseries(
        "Mean duration by service",
        "Handling seconds per call (sum / count of the histogram).",
        [target(f"sum by (service) (rate(grpc_server_handling_seconds_sum{{{SERVICE}}}"
                f"[$__rate_interval])) / sum by (service) (rate(grpc_server_handling_seconds_"
                f"count{{{SERVICE}}}[$__rate_interval]))", "{{service}}")], unit="s"))
    layout.row("Process")
    layout.add(timeseries("CPU", "CPU seconds per second (cores) per pod.",
                          [target(f"rate(process_cpu_seconds_total{{{SERVICE}}}"
                                  f"[$__rate_interval])", "{{service}} {{pod}}")]), width=8)
    layout.add(timeseries("Resident memory", "Resident set size per pod.",
                          [target(f"process_resident_memory_bytes{{{SERVICE}}}",
                                  "{{service}} {{pod}}")], unit="bytes"), width=8)
    layout.add(timeseries("Threads and open files", "Threads and file descriptors per pod.",
                          [target(f"process_threads{{{SERVICE}}}", "threads {{service}} {{pod}}"),
                           target(f"process_open_fds{{{SERVICE}}}", "fds {{service}} {{pod}}",
                                  ref="B")]), width=8)
    layout.add(table("Builds running", "Which build of each service every pod runs.",
                     f"jindu_build_info{{{SERVICE}}}"), width=12, height=6)
    layout.add(timeseries("Restarts (process start time)", "A step is a restart of that pod.",
                          [target(f"process_start_time_seconds{{{SERVICE}}} * 1000",
                                  "{{service}} {{pod}}")], unit="dateTimeAsIso"), width=12,
               height=6)
    return dashboard("jindu-services", "jindu / Services (RED)",
                     "Rate, errors and duration of every gRPC method of the four services.",
                     layout)


def pipeline_dashboard():
    """Outbox, Kafka consumers, projections, cache, database."""
    layout = Layout()
    layout.row("Outbox (events waiting for Kafka)")
    layout.add(timeseries(
        "Outbox backlog", "Events committed with their domain change and not yet acknowledged "
        "by Kafka, per service schema.",
        [target(f"sum by (service, schema) (jindu_outbox_pending_events{{{SERVICE}}})",
                "{{schema}}")]), width=8)
    layout.add(timeseries(
        "Oldest unsent event age", "Age of the oldest outbox event not yet sent (alert "
        "JinduOutboxBacklogOld).",
        [target(f"max by (service, schema) (jindu_outbox_oldest_pending_seconds{{{SERVICE}}})",
                "{{schema}}")], unit="s",
        thresholds=[{"color": "green", "value": None}, {"color": "red", "value": 300}]), width=8)
    layout.add(timeseries(
        "Published and failed", "Events published per second, and relay batches that failed "
        "(retried).",
        [target(f"sum by (schema) (rate(jindu_outbox_published_total{{{SERVICE}}}"
                f"[$__rate_interval]))", "published {{schema}}"),
         target(f"sum by (schema) (rate(jindu_outbox_publish_failures_total{{{SERVICE}}}"
                f"[$__rate_interval]))", "failed {{schema}}", ref="B")], unit="ops"), width=8)
    layout.row("Kafka consumers (inbox)")
    layout.add(timeseries(
        "Consumer lag", "Events on each partition after the last one the consumer processed "
        "(alert JinduConsumerLagHigh).",
        [target(f"sum by (consumer, topic) (jindu_inbox_consumer_lag{{{SERVICE}}})",
                "{{consumer}} {{topic}}")]), width=12)
    layout.add(timeseries(
        "Events consumed by outcome", "applied, duplicate (skipped: already applied) or "
        "dead_lettered (sent to <topic>.dlt).",
        [target(f"sum by (consumer, outcome) (rate(jindu_inbox_events_total{{{SERVICE}}}"
                f"[$__rate_interval]))", "{{consumer}} {{outcome}}")], unit="ops"), width=12)
    layout.add(stat(
        "Dead-lettered (24 h)", "Events no consumer could apply, in the last day (alert "
        "JinduDeadLetters).",
        f"sum(increase(jindu_inbox_events_total{{{SERVICE}, outcome=\"dead_lettered\"}}[24h]))",
        thresholds=[{"color": "green", "value": None}, {"color": "red", "value": 1}]), width=6)
    layout.add(timeseries(
        "Retries", "Event applications that failed and were retried.",
        [target(f"sum by (consumer) (rate(jindu_inbox_retries_total{{{SERVICE}}}"
                f"[$__rate_interval]))", "{{consumer}}")], unit="ops"), width=18)
    layout.row("Projections (reporting)")
    layout.add(timeseries(
        "Projection freshness", "Seconds since the occurred-at time of the newest event "
        "reporting's projections applied, per producer (alert JinduProjectionStale). Quiet "
        "producers (nights, holidays) age too: compare with the producer's own traffic.",
        [target("time() - max by (producer) (jindu_projection_last_event_timestamp_seconds)",
                "{{producer}}")], unit="s"), width=16)
    layout.add(table("Newest event per producer", "Occurred-at time of the newest applied event.",
                     "max by (producer) (jindu_projection_last_event_timestamp_seconds) * 1000"),
               width=8)
    layout.row("Redis cache (reporting dashboards)")
    layout.add(timeseries(
        "Hit ratio", "Share of cache lookups answered from Redis.",
        [target("sum by (cache) (rate(jindu_cache_requests_total{result=\"hit\"}"
                "[$__rate_interval])) / sum by (cache) (rate(jindu_cache_requests_total"
                "[$__rate_interval]))", "{{cache}}")], unit="percentunit"), width=8)
    layout.add(timeseries(
        "Lookups by result", "hit, miss, or fallback (Redis unusable: answered from "
        "PostgreSQL).",
        [target("sum by (cache, result) (rate(jindu_cache_requests_total[$__rate_interval]))",
                "{{cache}} {{result}}")], unit="ops"), width=8)
    layout.add(timeseries(
        "Loads, shared loads and Redis errors", "Source loads, callers that shared another's "
        "load (single flight), failed Redis operations.",
        [target("sum by (cache) (rate(jindu_cache_loads_total[$__rate_interval]))",
                "loads {{cache}}"),
         target("sum by (cache) (rate(jindu_cache_coalesced_total[$__rate_interval]))",
                "coalesced {{cache}}", ref="B"),
         target("sum by (cache) (rate(jindu_cache_store_errors_total[$__rate_interval]))",
                "store errors {{cache}}", ref="C")], unit="ops"), width=8)
    layout.row("Database pool")
    layout.add(timeseries(
        "Connections in use and idle", "Connections leased to a call, relay or consumer "
        "(in_use) and open ones waiting in the pool (idle), against the pool's size "
        "(postgres-pool-size).",
        [target(f"sum by (service, state) (jindu_db_pool_connections{{{SERVICE}}})",
                "{{service}} {{state}}"),
         target(f"sum by (service) (jindu_db_pool_max_connections{{{SERVICE}}})",
                "{{service}} max", ref="B")]), width=6)
    layout.add(timeseries(
        "Pool utilisation", "Leased connections over the pool's size: near 100% the next "
        "caller waits.",
        [target(f"sum by (service) (jindu_db_pool_connections{{{SERVICE}, state=\"in_use\"}}) "
                f"/ sum by (service) (jindu_db_pool_max_connections{{{SERVICE}}})",
                "{{service}}")], unit="percentunit",
        thresholds=[{"color": "green", "value": None}, {"color": "red", "value": 0.9}]), width=6)
    layout.add(timeseries(
        "Callers waiting for a connection", "Calls, relays and consumers blocked until a "
        "connection frees up (sampled at scrape time).",
        [target(f"sum by (service) (jindu_db_pool_waiting{{{SERVICE}}})", "{{service}}")]),
        width=6)
    layout.add(timeseries(
        "Acquire time p99", "0.99 quantile of the time to get a connection, waiting and "
        "connecting included (alert JinduDatabasePoolSaturated).",
        [target(f"histogram_quantile(0.99, sum by (service, le) (rate(jindu_db_pool_acquire_"
                f"seconds_bucket{{{SERVICE}}}[$__rate_interval])))", "{{service}}")], unit="s",
        thresholds=[{"color": "green", "value": None}, {"color": "red", "value": 0.5}]), width=6)
    return dashboard("jindu-pipeline", "jindu / Events, projections, cache",
                     "Transactional outbox, Kafka consumers, reporting's projections, the "
                     "dashboard cache.", layout)


def business_dashboard():
    """What the province's operators ask about, as far as the services export it."""
    layout = Layout()
    layout.row("Activity")
    layout.add(timeseries(
        "Domain events per hour by service", "Events every service published in the last "
        "hour (registrations, case steps, publicity activities and participation batches, "
        "filings).",
        [target(f"sum by (schema) (increase(jindu_outbox_published_total{{{SERVICE}}}[1h]))",
                "{{schema}}")], stack=True), width=12)
    layout.add(timeseries(
        "Review decisions per hour", "Successful submit, approve and reject calls (publicity "
        "activities and every other reviewed resource), per method.",
        [target(f"sum by (service, grpc_method) (increase(grpc_server_handled_total{{{SERVICE}, "
                f"grpc_method=~\"(Submit|Approve|Reject|ProposeCorrection).*\", "
                f"grpc_code=\"OK\"}}[1h]))", "{{service}} {{grpc_method}}")]), width=12)
    layout.add(timeseries(
        "Events applied to the figures per hour", "Events reporting's projections applied in "
        "the last hour, per projection.",
        [target("sum by (consumer) (increase(jindu_inbox_events_total{service=\"reporting\", "
                "outcome=\"applied\"}[1h]))", "{{consumer}}")], stack=True), width=12)
    layout.add(stat(
        "Figures up to (oldest producer)", "How far behind the least fresh producer's events "
        "the figures are.",
        "time() - min(jindu_projection_last_event_timestamp_seconds)", unit="s",
        thresholds=[{"color": "green", "value": None}, {"color": "orange", "value": 600},
                    {"color": "red", "value": 3600}]), width=12)
    layout.row("Events per county")
    layout.add(timeseries(
        "Events per county per hour (top 10)", "Domain events published in the last hour by "
        "the county of their region (township and village events count for their county; "
        "province and city level events under their own code, events of no region as none).",
        [target(f"topk(10, sum by (county) (increase(jindu_outbox_events_published_total"
                f"{{{SERVICE}}}[1h])))", "{{county}}")]), width=12)
    layout.add(bars(
        "Events per county, last hour", "Every county that published in the last hour, most "
        "active first.",
        f"sort_desc(sum by (county) (increase(jindu_outbox_events_published_total{{{SERVICE}}}"
        f"[1h])) > 0)", "{{county}}"), width=12)
    layout.add(timeseries(
        "Events per hour by kind", "The same events by aggregate type (activity, case, "
        "volunteer, filing, ...).",
        [target(f"sum by (aggregate_type) (increase(jindu_outbox_events_published_total"
                f"{{{SERVICE}}}[1h]))", "{{aggregate_type}}")], stack=True), width=24,
        height=7)
    layout.row("Approval backlog (publicity activities awaiting review)")
    # max by county: every publicity pod exports the same count.
    backlog = "max by (county) (jindu_publicity_activities_awaiting_review)"
    layout.add(stat(
        "Activities awaiting review", "Activities submitted, or with a correction submitted, "
        "that no reviewer has approved or rejected yet, province-wide.",
        f"sum({backlog})",
        thresholds=[{"color": "green", "value": None}, {"color": "orange", "value": 50},
                    {"color": "red", "value": 200}]), width=6)
    layout.add(bars(
        "Awaiting review by county", "Counties with activities waiting for their reviewers, "
        "longest queue first.", f"sort_desc({backlog} > 0)", "{{county}}"), width=9)
    layout.add(timeseries(
        "Backlog over time (top 10 counties)", "A queue that only grows means the reviewers "
        "of that county are not reviewing.",
        [target(f"topk(10, {backlog})", "{{county}}")]), width=9)
    layout.row("Filings (counties that have not filed)")
    # max by period kind: every reporting pod exports the same count.
    for kind, width in (("month", 6), ("quarter", 6)):
        layout.add(stat(
            f"Counties not filed: last {kind}", f"Counties with no filing for the latest {kind} "
            "whose deadline has passed (LATE in ListFilings; alert JinduFilingsMissing).",
            f"max(jindu_reporting_filings_missing{{period_kind=\"{kind}\"}})",
            thresholds=[{"color": "green", "value": None}, {"color": "red", "value": 1}]),
            width=width)
    layout.add(table(
        "Deadline of the counted period", "When the filing of the month and quarter counted "
        "left and right was due.",
        "max by (period_kind) (jindu_reporting_filing_deadline_timestamp_seconds) * 1000",
        "{{period_kind}}", keep_value=True, unit="dateTimeAsIso"), width=12, height=8)
    layout.add(timeseries(
        "Counties not filed over time", "Drops as counties file; jumps when the next period's "
        "deadline passes.",
        [target("max by (period_kind) (jindu_reporting_filings_missing)", "{{period_kind}}")]),
        width=24, height=7)
    return dashboard("jindu-business", "jindu / Business overview",
                     "Activity across the province as the services' metrics show it: events "
                     "per county, the approval backlog, counties that have not filed.", layout)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=os.path.join(here, "..", "..", "deploy", "grafana"))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for name, board in (("services", services_dashboard()), ("pipeline", pipeline_dashboard()),
                        ("business", business_dashboard())):
        path = os.path.join(args.out, f"jindu-{name}.json")
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(board, handle, indent=2, ensure_ascii=False)
            handle.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
