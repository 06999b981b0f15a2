// Two rows of the benchmark suite (issue 9) measured on one create RPC, registration's
// RegistrationService.CreateOrganization (validation, one PostgreSQL transaction holding the
// natural-key check, the insert, the read-back and the outbox insert of OrganizationCreated):
//
//   durable write: CreateOrganization at --in-flight calls outstanding (closed loop) against
//                  pgbench (PostgreSQL's own load tool) running the same SQL transaction (the
//                  same statements, the envelope of a real OrganizationCreated event) at the same
//                  concurrency on the same cluster. TPS ratio, target >= 0.75.
//   outbox cost:   the same calls against a second registration started with
//                  --benchmark-skip-outbox (Append writes nothing, no relay work follows): what the
//                  event's durability costs. Ratio with-outbox / without, target >= 0.85.
//
// Every round runs pgbench, then registration with the outbox, then without (A B C A B C ...), for
// --seconds each. pgbench writes into the database of a third registration that was started (so
// its schema is migrated) and stopped again (so no relay publishes pgbench's outbox rows). Both
// services get a pool of --in-flight connections; pgbench --in-flight clients over one thread.
//
//   build/tests/bench/bench_durable_write --seconds=10 --rounds=3 [--in-flight=16]
//       [--pgbench-mode=prepared|extended]
//       [--json=bench/durable_write.json]
#include <grpcpp/grpcpp.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <pqxx/pqxx>
#include <regex>

#include "bench_support.h"
#include "harness/service_process.h"
#include "harness/shared_infrastructure.h"
#include "jindu/registration/v1/region_service.grpc.pb.h"
#include "jindu/registration/v1/registration_service.grpc.pb.h"
#include "load/unary_load.h"

namespace jindu::bench {
namespace {

using testing::ServiceProcess;
using testing::TestCaller;
namespace reg = registration::v1;

const TestCaller kAdmin{
    .subject = "bench-writer", .roles = {"province_admin"}, .regions = {"430000"}};

std::string ReadFile(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

bool ImportRegions(const ServiceProcess& service) {
  reg::ImportRegionsRequest request;
  request.set_csv(ReadFile(std::string(JINDU_SOURCE_DIR) + "/tests/data/regions_hunan_sample.csv"));
  reg::ImportRegionsResponse response;
  auto context = service.Context(kAdmin, std::chrono::seconds(120));
  const grpc::Status status = reg::RegionService::NewStub(service.Channel())
                                  ->ImportRegions(context.get(), request, &response);
  if (!status.ok()) std::cerr << "ImportRegions: " << status.error_message() << "\n";
  return status.ok();
}

// CreateOrganization requests differing only by name (the natural key is parent, kind, name).
std::function<std::string()> Requests(const std::string& prefix) {
  auto counter = std::make_shared<int64_t>(0);
  return [prefix, counter] {
    reg::CreateOrganizationRequest request;
    reg::Organization& organization = *request.mutable_organization();
    organization.set_display_name(prefix + std::to_string(++*counter));
    organization.set_kind(reg::ORGANIZATION_KIND_ASSOCIATION);
    organization.set_region_code("430102");
    organization.mutable_founding_date()->set_year(2019);
    organization.mutable_founding_date()->set_month(6);
    organization.mutable_founding_date()->set_day(26);
    return request.SerializeAsString();
  };
}

// The transaction CreateOrganization runs (organization_handlers.cc Create, organization_store.cc,
// outbox_writer.cc) for an association without parent, officers or request_id, statement for
// statement; names and ids drawn at random per transaction.
std::string PgbenchScript() {
  const std::string id = "md5(:client_id::text || '-' || :n::text)";
  const std::string name = "'pgbench ' || :client_id::text || '-' || :n::text";
  return "\\set n random(1, 9000000000000000000)\n"
         "BEGIN;\n"
         "SELECT organization_id FROM registration.organizations WHERE coalesce(parent_id, '') = "
         "'' "
         "AND kind = 1 AND display_name = " +
         name +
         ";\n"
         "INSERT INTO registration.organizations (organization_id, display_name, kind, sector, "
         "parent_id, region_code, region_path, founding_date, state, dissolution_date, "
         "officers_sealed, officers_key_id, revision, create_time, update_time, create_subject, "
         "update_subject) VALUES (" +
         id + ", " + name +
         ", 1, 0, NULL, '430102', ';430000;430100;430102;', '2019-06-26'::date, 1, NULL::date, "
         "decode(NULL, 'hex'), NULL, 1, now(), now(), 'bench-writer', 'bench-writer');\n"
         "SELECT organization_id, display_name, kind, sector, coalesce(parent_id, ''), "
         "region_code, founding_date::text, state, dissolution_date::text, officers_sealed, "
         "officers_key_id, revision, (extract(epoch FROM create_time) * 1000000)::bigint, "
         "(extract(epoch FROM update_time) * 1000000)::bigint, create_subject, update_subject "
         "FROM registration.organizations WHERE organization_id = " +
         id +
         ";\n"
         "INSERT INTO registration.outbox (event_id, topic, message_key, event_type, envelope) "
         "VALUES (gen_random_uuid(), 'jindu.registration.organization.v1', " +
         id +
         ", 'jindu.registration.events.v1.OrganizationCreated', decode(:envelope, 'hex'));\n"
         "END;\n";
}

std::string Pgbench() {
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql")) {
    const auto path = entry.path() / "bin" / "pgbench";
    if (std::filesystem::exists(path)) return path;
  }
  return "pgbench";
}

// Runs pgbench for `seconds`; returns its TPS (0 on failure, with its output on stderr).
double RunPgbench(const std::string& binary, const std::string& url, const std::string& script,
                  const std::string& mode, const std::string& envelope_hex, int clients,
                  int seconds) {
  const std::string command = binary + " -n -M " + mode + " -f " + script + " -c " +
                              std::to_string(clients) + " -j 1 -T " + std::to_string(seconds) +
                              " -D envelope=" + envelope_hex + " '" + url + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return 0;
  std::string output;
  std::array<char, 4096> buffer;
  while (fgets(buffer.data(), buffer.size(), pipe) != nullptr) output += buffer.data();
  pclose(pipe);
  std::smatch match;
  if (std::regex_search(output, match, std::regex(R"(tps = ([0-9.]+) \(without initial)"))) {
    return std::stod(match[1]);
  }
  std::cerr << "pgbench gave no TPS:\n" << output << "\n";
  return 0;
}

int Run(Flags& flags) {
  const int seconds = flags.Int("seconds", 10);
  const int rounds = flags.Int("rounds", 3);
  const int in_flight = flags.Int("in-flight", 16);
  // prepared (the default): each of pgbench's statements prepared once per client, as the service
  // prepares every statement of CreateOrganization on each pooled connection (BEGIN and COMMIT
  // aside); extended: every statement parsed and planned each time, as the service did before.
  const std::string pgbench_mode = flags.String("pgbench-mode", "prepared");
  const std::string json = flags.String("json", "bench/durable_write.json");
  flags.CheckAllKnown();
  const bool pin = CanPin();
  if (pin) PinProcess(0);

  std::cout << "starting PostgreSQL, Redis, Kafka and three registrations..." << std::endl;
  const std::map<std::string, std::string> environment = {
      {"JINDU_LOG_LEVEL", "warn"}, {"JINDU_POSTGRES_POOL_SIZE", std::to_string(in_flight)}};
  auto skip_environment = environment;
  skip_environment["JINDU_BENCHMARK_SKIP_OUTBOX"] = "true";
  auto with_outbox = ServiceProcess::Launch("services/registration/jindu-registration",
                                            "bench_dw_outbox", environment);
  auto without_outbox = ServiceProcess::Launch("services/registration/jindu-registration",
                                               "bench_dw_no_outbox", skip_environment);
  auto schema_only = ServiceProcess::Launch("services/registration/jindu-registration",
                                            "bench_dw_pgbench", environment);
  with_outbox->AwaitServing();
  without_outbox->AwaitServing();
  schema_only->AwaitServing();
  const std::string pgbench_url = schema_only->postgres_url();
  schema_only->Stop();
  if (!ImportRegions(*with_outbox) || !ImportRegions(*without_outbox)) return 1;

  // One real create gives the envelope pgbench inserts (the same bytes, the same size).
  UnaryTarget ours{.channel = with_outbox->Channel(),
                   .method = "/jindu.registration.v1.RegistrationService/CreateOrganization",
                   .next_request = Requests("基准协会甲")};
  UnaryTarget skipping = ours;
  skipping.channel = without_outbox->Channel();
  skipping.next_request = Requests("基准协会乙");
  ours.metadata = {{"authorization", "Bearer " + with_outbox->Token(kAdmin)}};
  if (LoadResult warm = RunClosedLoop(ours, 1, std::chrono::milliseconds(500)); warm.ok == 0) {
    std::cerr << "CreateOrganization: " << warm.first_error << "\n";
    return 1;
  }
  std::string envelope_hex;
  {
    pqxx::connection connection(with_outbox->postgres_url());
    pqxx::nontransaction tx(connection);
    envelope_hex =
        tx.exec(
              "SELECT encode(envelope, 'hex') FROM registration.outbox WHERE event_type = "
              "'jindu.registration.events.v1.OrganizationCreated' ORDER BY seq DESC LIMIT 1")[0][0]
            .as<std::string>();
  }
  const std::string script_path =
      std::filesystem::temp_directory_path() / ("bench_durable_write_" + std::to_string(getpid()));
  std::ofstream(script_path) << PgbenchScript();
  const std::string pgbench = Pgbench();
  if (pin) PinProcess(1);  // pgbench, started from here, shares the client's core

  std::vector<double> baseline, with, without;
  int64_t failed_with = 0, failed_without = 0;
  std::string first_error;
  for (int round = 1; round <= rounds; ++round) {
    ours.metadata = {{"authorization", "Bearer " + with_outbox->Token(kAdmin)}};
    skipping.metadata = {{"authorization", "Bearer " + without_outbox->Token(kAdmin)}};
    baseline.push_back(RunPgbench(pgbench, pgbench_url, script_path, pgbench_mode, envelope_hex,
                                  in_flight, seconds));
    LoadResult result = RunClosedLoop(ours, in_flight, std::chrono::seconds(seconds));
    with.push_back(result.Throughput());
    failed_with += result.failed;
    if (first_error.empty()) first_error = result.first_error;
    result = RunClosedLoop(skipping, in_flight, std::chrono::seconds(seconds));
    without.push_back(result.Throughput());
    failed_without += result.failed;
    if (first_error.empty()) first_error = result.first_error;
    std::cout << "round " << round << ": pgbench " << static_cast<int64_t>(baseline.back())
              << " tx/s, CreateOrganization " << static_cast<int64_t>(with.back())
              << " calls/s, same without outbox " << static_cast<int64_t>(without.back())
              << " calls/s" << std::endl;
  }
  std::filesystem::remove(script_path);
  int64_t unpublished = 0, skipped_rows = 0;
  std::string pgbench_rows;
  {
    pqxx::connection connection(with_outbox->postgres_url());
    pqxx::nontransaction tx(connection);
    unpublished =
        tx.exec("SELECT count(*) FROM registration.outbox WHERE published_at IS NULL")[0][0]
            .as<int64_t>();
    // pgbench's transactions really wrote (an aborted client would still print a TPS).
    pqxx::connection written(pgbench_url);
    pqxx::nontransaction tx3(written);
    pgbench_rows =
        tx3.exec(
               "SELECT (SELECT count(*) FROM registration.organizations) || ' organisations, ' "
               "|| (SELECT count(*) FROM registration.outbox) || ' outbox rows'")[0][0]
            .as<std::string>();
    pqxx::connection other(without_outbox->postgres_url());
    pqxx::nontransaction tx2(other);
    skipped_rows = tx2.exec("SELECT count(*) FROM registration.outbox")[0][0].as<int64_t>();
  }
  const std::string pgbench_line =
      pgbench + " -M " + pgbench_mode + " -c " + std::to_string(in_flight) + " -j 1";
  Report("durable_write", json,
         {AtLeast("durable write, tx/s (CreateOrganization vs pgbench, " +
                      std::to_string(in_flight) + " concurrent)",
                  Median(baseline), Median(with), 0.75),
          AtLeast("outbox cost, calls/s (outbox+relay on vs --benchmark-skip-outbox)",
                  Median(without), Median(with), 0.85)},
         {{"rounds", std::to_string(rounds) + " x " + std::to_string(seconds) + " s per run"},
          {"pinning", PinningText(pin)},
          {"pgbench", pgbench_line},
          {"envelope bytes", std::to_string(envelope_hex.size() / 2)},
          {"written by pgbench", pgbench_rows},
          {"failed calls", std::to_string(failed_with) + " with outbox, " +
                               std::to_string(failed_without) + " without" +
                               (first_error.empty() ? "" : " (" + first_error + ")")},
          {"outbox rows unpublished at the end (with outbox)", std::to_string(unpublished)},
          {"outbox rows written with --benchmark-skip-outbox", std::to_string(skipped_rows)}});
  return failed_with == 0 && failed_without == 0 ? 0 : 1;
}

}  // namespace
}  // namespace jindu::bench

int main(int argc, char** argv) {
  jindu::bench::Flags flags(argc, argv,
                            "[--seconds=10] [--rounds=3] [--in-flight=16] "
                            "[--pgbench-mode=prepared] [--json=bench/durable_write.json]");
  return jindu::bench::Run(flags);
}
