#!/usr/bin/env python3
"""Policies every rendered jindu manifest set must meet, beyond schema validity (kubeconform).

Per Deployment: non-root, read-only root filesystem, no privilege escalation, all capabilities
dropped, no service account token; startup, readiness and liveness probes; a preStop sleep and a
grace period covering preStop + JINDU_DRAIN_DELAY + JINDU_DRAIN_TIMEOUT (the drain the service does
on SIGTERM) with a margin; resource requests and a memory limit; secrets only as mounted files
(no secret setting in a ConfigMap or an env value, no Secret object rendered); a pinned image tag.
Beside it: its Service, its NetworkPolicy (ingress and egress; egress only to DNS, PostgreSQL,
Kafka, and Redis for reporting alone), and with more than one replica a PodDisruptionBudget and
spread constraints.

Usage: check_manifests.py <rendered.yaml>   (exit 1 with one line per violation)
"""

import re
import sys

import yaml

SECRET_SETTINGS = {"JINDU_POSTGRES_URL", "JINDU_FIELD_KEYS", "JINDU_LOOKUP_KEY",
                   "JINDU_JWT_PUBLIC_KEYS", "JINDU_DEV_HS256_SECRET", "JINDU_TLS_KEY"}
SECRET_LOOKING = re.compile(r"BEGIN [A-Z ]*PRIVATE KEY|://[^/\s:@]+:[^@\s]+@|password=", re.I)
STOP_MARGIN_SECONDS = 5


def seconds(duration):
    match = re.fullmatch(r"(\d+)(ms|s|m)", str(duration))
    if not match:
        raise ValueError(f"unreadable duration {duration!r}")
    value, unit = int(match.group(1)), match.group(2)
    return {"ms": value / 1000, "s": value, "m": value * 60}[unit]


def main(path):
    with open(path, encoding="utf-8") as handle:
        objects = [doc for doc in yaml.safe_load_all(handle) if doc]
    by_kind = {}
    for obj in objects:
        by_kind.setdefault(obj["kind"], {})[obj["metadata"]["name"]] = obj
    problems = []

    def check(condition, message):
        if not condition:
            problems.append(message)

    check("Secret" not in by_kind, "the chart renders a Secret: secrets are the province's, by name")
    for name, config in by_kind.get("ConfigMap", {}).items():
        for key, value in (config.get("data") or {}).items():
            check(key not in SECRET_SETTINGS, f"ConfigMap {name} holds the secret setting {key}")
            check(not SECRET_LOOKING.search(str(value)), f"ConfigMap {name}.{key} looks secret")

    deployments = by_kind.get("Deployment", {})
    check(len(deployments) == 4, f"expected 4 Deployments, found {sorted(deployments)}")
    for name, deployment in deployments.items():
        service = deployment["metadata"]["labels"]["app.kubernetes.io/name"]
        pod = deployment["spec"]["template"]["spec"]
        where = f"Deployment {name}"
        pod_security = pod.get("securityContext", {})
        check(pod_security.get("runAsNonRoot") is True, f"{where}: runAsNonRoot")
        check(pod_security.get("runAsUser", 0) != 0, f"{where}: runAsUser is root")
        check(pod.get("automountServiceAccountToken") is False, f"{where}: token mounted")
        containers = pod["containers"]
        check(len(containers) == 1, f"{where}: one container expected")
        container = containers[0]
        security = container.get("securityContext", {})
        check(security.get("readOnlyRootFilesystem") is True, f"{where}: root filesystem writable")
        check(security.get("allowPrivilegeEscalation") is False, f"{where}: privilege escalation")
        check("ALL" in security.get("capabilities", {}).get("drop", []), f"{where}: caps kept")
        image = container["image"]
        check(":" in image.rsplit("/", 1)[-1] and not image.endswith(":latest"),
              f"{where}: image {image} not pinned to a tag")
        for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
            check(probe in container, f"{where}: no {probe}")
        resources = container.get("resources", {})
        check("requests" in resources and "memory" in resources.get("limits", {}),
              f"{where}: requests and a memory limit needed")
        for variable in container.get("env", []):
            check(variable["name"] not in SECRET_SETTINGS,
                  f"{where}: secret setting {variable['name']} as a plain env value")
            check(not SECRET_LOOKING.search(str(variable.get("value", ""))),
                  f"{where}: env {variable['name']} looks secret")

        # Graceful shutdown: preStop, then the service's drain, inside the grace period.
        config_names = [source["configMapRef"]["name"] for source in container.get("envFrom", [])
                        if "configMapRef" in source]
        settings = {}
        for config_name in config_names:
            settings.update(by_kind.get("ConfigMap", {}).get(config_name, {}).get("data") or {})
        pre_stop = container.get("lifecycle", {}).get("preStop", {}).get("exec", {}).get("command")
        check(pre_stop and pre_stop[0] == "sleep", f"{where}: no preStop sleep")
        if pre_stop and "JINDU_DRAIN_TIMEOUT" in settings:
            needed = (float(pre_stop[1]) + seconds(settings.get("JINDU_DRAIN_DELAY", "0s")) +
                      seconds(settings["JINDU_DRAIN_TIMEOUT"]) + STOP_MARGIN_SECONDS)
            grace = pod.get("terminationGracePeriodSeconds", 30)
            check(grace >= needed, f"{where}: grace period {grace}s < preStop + drain + margin "
                                   f"= {needed}s")
        else:
            check(False, f"{where}: JINDU_DRAIN_TIMEOUT not set in its ConfigMap")

        replicas = deployment["spec"].get("replicas")
        autoscaled = any(h["spec"]["scaleTargetRef"]["name"] == name
                         for h in by_kind.get("HorizontalPodAutoscaler", {}).values())
        if autoscaled or (replicas or 1) > 1:
            check(name in by_kind.get("PodDisruptionBudget", {}), f"{where}: no PodDisruptionBudget")
            check(pod.get("topologySpreadConstraints"), f"{where}: no topologySpreadConstraints")
        check(name in by_kind.get("Service", {}), f"{where}: no Service")

        policy = by_kind.get("NetworkPolicy", {}).get(name)
        check(policy is not None, f"{where}: no NetworkPolicy")
        if policy:
            check(set(policy["spec"].get("policyTypes", [])) == {"Ingress", "Egress"},
                  f"NetworkPolicy {name}: must restrict ingress and egress")
            ports = {port["port"] for rule in policy["spec"].get("egress", [])
                     for port in rule.get("ports", [])}
            allowed = {53, 5432, 9092} | ({6379} if service == "reporting" else set())
            check(ports <= allowed, f"NetworkPolicy {name}: egress to {sorted(ports - allowed)}")
            check({5432, 9092} <= ports, f"NetworkPolicy {name}: no egress to PostgreSQL/Kafka")
            if service == "reporting":
                check(6379 in ports, f"NetworkPolicy {name}: reporting cannot reach Redis")

    for problem in problems:
        print(f"{path}: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
