#!/bin/sh
# The runtime stage of deploy/docker/Dockerfile: installs the Debian packages the service binaries
# link against (the list tools/deploy/build_service_binaries.sh wrote from the binaries) and
# ca-certificates (TLS to PostgreSQL, Kafka), without recommends, then removes apt's lists; makes
# the unprivileged user the services run as (uid and gid 10001, no home, no shell).
#
# Usage: install_runtime.sh <runtime-packages.txt>
set -eu
list="${1:?usage: install_runtime.sh <runtime-packages.txt>}"
packages="$(grep -v '^[[:space:]]*$' "${list}" | tr '\n' ' ')"
[ -n "${packages}" ] || { echo "install_runtime.sh: ${list} names no package" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086  # one word a package
apt-get install -y -q --no-install-recommends ca-certificates ${packages}
apt-get clean
rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*
groupadd --system --gid 10001 jindu
useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
  --shell /usr/sbin/nologin jindu
