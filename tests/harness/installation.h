#pragma once

// Where the harness finds the servers it starts and their shared settings. Everything here is
// installed by tools/setup.sh; each function can be pointed elsewhere with an environment
// variable.

#include <sys/types.h>

#include <optional>
#include <string>

namespace jindu::testing {

// The jindu checkout, for the settings shared with tools/infra.sh (tools/lib, tools/kafka).
// $JINDU_SOURCE_DIR, else the checkout this harness was built from.
std::string SourceDir();

// The directory whose libs/ holds the Kafka broker's jars (and kafka.jsa, its class-data-sharing
// archive). $JINDU_KAFKA_HOME, else ${JINDU_CACHE_DIR:-$HOME/.cache/jindu}/kafka/<version> with the
// version of tools/kafka/pom.xml. Throws, telling to run tools/setup.sh, when the jars are missing.
std::string KafkaHome();

// The bin directory of the newest PostgreSQL server under /usr/lib/postgresql, or
// $JINDU_PG_BINDIR. Throws when there is none.
std::string PostgresBinDir();

struct UnixUser {
  std::string name;
  uid_t uid;
  gid_t gid;
};

// The user PostgreSQL must run as: nobody else when we are not root (it runs as us); as root
// (PostgreSQL refuses root) $JINDU_PG_USER, default "postgres", which the Debian package creates.
// Throws when that user does not exist.
std::optional<UnixUser> PostgresRunAsUser();

// The path of program when it is found in $PATH (or contains a '/'), otherwise nullopt.
std::optional<std::string> FindProgram(const std::string& program);

}  // namespace jindu::testing
