#pragma once

// The whole life of a jindu service process, so that each service's main() only says what it is:
//
//   1. settings from flags and JINDU_* environment (the common ones plus the database pool size),
//      checked at once; a problem stops the process with exit code 2 and a message naming it;
//   2. the database pool, and the runtime's and the service's migrations in the service's schema;
//   3. the Kafka topics the service publishes to (kept forever) and the dead-letter topics of the
//      topics it consumes;
//   4. the gRPC server (health, reflection, metrics, auth) with the services the definition builds;
//   5. the outbox relay and one idempotent consumer per projection, each on its own thread;
//   6. on SIGTERM: health NOT_SERVING, in-flight calls finish, then the relay and consumers stop
//      (consumers commit what they processed) and the process exits 0.
//
//   int main(int argc, char** argv) {
//     return jindu::runtime::RunService({.name = "registration", ...}, argc, argv);
//   }

#include <grpcpp/impl/service_type.h>
#include <prometheus/registry.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "runtime/config/common_settings.h"
#include "runtime/config/settings.h"
#include "runtime/config/settings_schema.h"
#include "runtime/grpc/handle_call.h"
#include "runtime/inbox/idempotent_consumer.h"
#include "runtime/inbox/projection.h"
#include "runtime/postgres/connection_pool.h"
#include "runtime/postgres/migrations.h"

namespace jindu::runtime {

// What a service's handlers and projections are built with.
struct ServiceResources {
  const CommonSettings& settings;
  const Settings& all_settings;  // the common ones and those the definition declared
  const std::string& schema;
  ConnectionPool& database;
  const CallPolicy& call_policy;
  prometheus::Registry& metrics;
};

struct ServiceDefinition {
  std::string name;     // "registration"; also the event producer name
  std::string summary;  // one line for --help
  int default_grpc_port = 50051;
  int default_metrics_port = 9464;
  std::string schema;  // PostgreSQL schema; the name when empty
  // Optional: the service's own settings, declared beside the common ones (read them from
  // ServiceResources::all_settings).
  std::function<void(SettingsSchema&)> declare_settings;
  std::vector<MigrationTrack> migrations;    // the service's own, after the runtime's tracks
  std::vector<std::string> aggregate_types;  // publishes to jindu.<name>.<aggregate_type>.v1

  // Called once the database is migrated; the returned services live until the server stopped.
  std::function<std::vector<std::unique_ptr<grpc::Service>>(const ServiceResources&)> services;
  // Optional: the projections to run.
  std::function<std::vector<ProjectionDefinition>(const ServiceResources&)> projections;
};

// Runs the service until SIGTERM or SIGINT. Returns the process exit code: 0 after a clean drain,
// 1 when start-up failed (logged with the reason), 2 for bad settings (printed).
int RunService(const ServiceDefinition& definition, int argc, char** argv);

}  // namespace jindu::runtime
