#include "runtime/service/service_main.h"

#include <algorithm>
#include <stop_token>
#include <thread>

#include "runtime/api/request_log.h"
#include "runtime/config/settings_parser.h"
#include "runtime/config/validators.h"
#include "runtime/grants/grant_replica.h"
#include "runtime/grpc/call_metrics_switch.h"
#include "runtime/grpc/service_host.h"
#include "runtime/inbox/inbox_schema.h"
#include "runtime/kafka/topic_admin.h"
#include "runtime/logging/logger.h"
#include "runtime/outbox/outbox_benchmark_switch.h"
#include "runtime/outbox/outbox_relay.h"
#include "runtime/outbox/outbox_schema.h"
#include "runtime/outbox/outbox_writer.h"
#include "runtime/postgres/pool_metrics.h"
#include "runtime/threads/interruptible_sleep.h"

namespace jindu::runtime {
namespace {

constexpr const char* kPoolSize = "postgres-pool-size";
constexpr const char* kAuthorizationSource = "authorization-source";
constexpr const char* kBootstrapAdmins = "bootstrap-admins";

std::vector<TopicSpec> TopicsOf(const ServiceDefinition& definition,
                                const std::vector<ProjectionDefinition>& projections) {
  std::vector<TopicSpec> topics;
  for (const std::string& aggregate : definition.aggregate_types) {
    topics.push_back({.name = OutboxWriter::TopicFor(definition.name, aggregate)});
  }
  // Dead letters of what we consume are ours to create: the producer of the topic never reads them.
  // The consumed topics themselves are ensured too, with the producer's settings: a consumer that
  // subscribes before its topic exists would otherwise see it only at the next metadata refresh
  // (minutes later), whichever service starts first.
  for (const ProjectionDefinition& projection : projections) {
    for (const std::string& topic : projection.topics) {
      topics.push_back({.name = topic});
      topics.push_back(
          {.name = topic + IdempotentConsumerOptions{}.dead_letter_suffix, .partitions = 1});
    }
  }
  // A topic both produced and consumed (a service's replica of its own events) is named once.
  std::vector<TopicSpec> unique;
  for (TopicSpec& topic : topics) {
    auto same = [&](const TopicSpec& other) { return other.name == topic.name; };
    if (std::find_if(unique.begin(), unique.end(), same) == unique.end()) {
      unique.push_back(std::move(topic));
    }
  }
  return unique;
}

// Everything after the settings; exceptions here are start-up failures.
int Serve(const ServiceDefinition& definition, const Settings& settings,
          const CommonSettings& common, int pool_size) {
  const std::string schema = definition.schema.empty() ? definition.name : definition.schema;
  ConnectionPool pool(common.postgres_url, static_cast<size_t>(pool_size));
  // In grants mode every caller is resolved against the replica of the registration service's
  // grants; the token only names the subject.
  const bool grants_mode = settings.GetString(kAuthorizationSource) == "grants";
  std::shared_ptr<GrantDirectory> grants;
  if (grants_mode) {
    grants = std::make_shared<GrantDirectory>();
    for (GrantEntry& entry : ParseBootstrapAdmins(settings.GetString(kBootstrapAdmins))) {
      grants->Give(std::move(entry));
    }
  }
  {
    std::vector<MigrationTrack> tracks = {OutboxMigrations(), InboxMigrations(),
                                          RequestLogMigrations(), GrantReplicaMigrations()};
    tracks.insert(tracks.end(), definition.migrations.begin(), definition.migrations.end());
    auto connection = pool.Acquire();
    ApplyMigrations(*connection, schema, tracks);
  }

  // Benchmarks only (tests/bench): parts left out to measure what they cost.
  if (settings.GetBool("benchmark-skip-outbox")) {
    LogWarn("benchmark-skip-outbox is on: no domain event is written (benchmarks only)");
    SkipOutboxWritesForBenchmark(true);
  }
  if (!settings.GetBool("benchmark-call-metrics")) {
    LogWarn("benchmark-call-metrics is off: no per-call gRPC metrics (benchmarks only)");
    DisableCallMetricsForBenchmark();
  }
  std::string error;
  std::unique_ptr<ServiceHost> host = ServiceHost::Create(common, &error, grants);
  if (host == nullptr) throw std::runtime_error(error);
  // From here every lease shows on /metrics (migrations ran before the registry existed).
  ExportPoolMetrics(pool, host->metrics_registry(), schema);
  const ServiceResources resources{
      common, settings, schema, pool, host->call_policy(), host->metrics_registry()};
  std::vector<ProjectionDefinition> projections;
  if (definition.projections) projections = definition.projections(resources);
  if (grants_mode) {
    LogInfo("grants loaded", {{"grants", LoadGrantReplica(pool, schema, *grants)}});
    projections.push_back(GrantReplicaProjection(schema, *grants));
  }
  EnsureTopics(common.kafka_bootstrap, TopicsOf(definition, projections));

  std::vector<std::unique_ptr<grpc::Service>> services = definition.services(resources);
  std::vector<grpc::Service*> service_pointers;
  for (const auto& service : services) service_pointers.push_back(service.get());
  if (!host->Start(service_pointers, &error)) throw std::runtime_error(error);
  // From here the server calls into `services`: whatever happens next, it stops before they go.
  struct DrainOnExit {
    ServiceHost& host;
    ~DrainOnExit() { host.Drain(); }
  } drain_on_exit{*host};

  // Declared in this order so that they are destroyed in the reverse: the worker threads stop and
  // join first, then the relay and consumers they were running go.
  OutboxRelay relay(pool, common.kafka_bootstrap, {.schema = schema}, {},
                    &host->metrics_registry());
  std::vector<std::unique_ptr<IdempotentConsumer>> consumers;
  for (ProjectionDefinition& projection : projections) {
    consumers.push_back(std::make_unique<IdempotentConsumer>(
        pool, common.kafka_bootstrap,
        IdempotentConsumerOptions{.schema = schema,
                                  .consumer_name = definition.name + "." + projection.name,
                                  .topics = projection.topics},
        std::move(projection.handler), KafkaSettings{}, KafkaSettings{},
        &host->metrics_registry()));
  }
  std::vector<std::jthread> workers;
  workers.emplace_back([&relay](std::stop_token stop) { relay.Run(stop); });
  // Housekeeping: request ids are remembered for 8 days (the contracts promise at least 7).
  workers.emplace_back([&pool, &schema](std::stop_token stop) {
    do {
      try {
        auto connection = pool.Acquire();
        PurgeRequestLog(*connection, schema, std::chrono::hours(24 * 8));
      } catch (const std::exception& error) {
        LogWarn("request log purge failed", {{"error", error.what()}});
      }
    } while (SleepUnlessStopped(std::chrono::hours(1), stop));
  });
  for (const auto& consumer : consumers) {
    workers.emplace_back(
        [consumer = consumer.get()](std::stop_token stop) { consumer->Run(stop); });
  }
  LogInfo("service started", {{"grpc_port", host->grpc_port()},
                              {"metrics_port", host->metrics_port()},
                              {"schema", schema},
                              {"projections", projections.size()}});
  host->Run();
  for (std::jthread& worker : workers) worker.request_stop();
  workers.clear();
  LogInfo("service stopped");
  return 0;
}

}  // namespace

int RunService(const ServiceDefinition& definition, int argc, char** argv) {
  SettingsSchema schema(definition.name, definition.summary);
  DeclareCommonSettings(schema, {.service_name = definition.name,
                                 .grpc_port = definition.default_grpc_port,
                                 .metrics_port = definition.default_metrics_port});
  schema.Int(kPoolSize, "Database connections kept by the service (handlers, relay, consumers).")
      .Default("8")
      .Validate(IntRange(2, 256));
  schema
      .String(kAuthorizationSource,
              "Where callers' roles and region scopes come from: 'claims' of the token "
              "(development) or 'grants' replicated from the registration service (production; "
              "revocations apply within seconds).")
      .Default("claims")
      .Validate(OneOf({"claims", "grants"}));
  schema
      .String(kBootstrapAdmins,
              "With grants: subjects that are province admins before any grant exists, "
              "'subject=region_code[,...]'.")
      .Default("")
      .Validate([](const SettingValue& value) -> std::string {
        try {
          ParseBootstrapAdmins(std::get<std::string>(value));
          return "";
        } catch (const std::invalid_argument& problem) {
          return problem.what();
        }
      });
  if (definition.declare_settings) definition.declare_settings(schema);
  Settings settings = LoadSettingsOrExit(schema, argc, argv);
  CommonSettings common = CommonSettings::FromSettings(settings);
  ConfigureLogging(common.service_name, common.log_level);
  try {
    return Serve(definition, settings, common, static_cast<int>(settings.GetInt(kPoolSize)));
  } catch (const std::exception& failure) {
    LogError("service cannot start", {{"error", failure.what()}});
    return 1;
  }
}

}  // namespace jindu::runtime
