#pragma once
// What the reliability scenarios share: the four services of a ReportingSuite as the independent
// observers (tools/checker: jindu-check, jindu-leak-scan) see them, running those observers as
// programs, waiting for the system to go quiet, facts entered through the public APIs, and the
// figures file each scenario writes for tools/reliability.sh.
#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "harness/calendar.h"
#include "harness/metrics_scrape.h"
#include "harness/registration_backed_suite.h"
#include "harness/shared_infrastructure.h"
#include "jindu/publicity/v1/publicity_service.grpc.pb.h"
#include "jindu/registration/v1/registration_service.grpc.pb.h"

namespace jindu::testing::reliability {

// The long versions of the scenarios run with JINDU_RELIABILITY_LONG=1 (tools/reliability.sh
// --long); any other value, or none, is the short run CI takes.
inline bool LongRun() {
  const char* flag = std::getenv("JINDU_RELIABILITY_LONG");
  return flag != nullptr && std::string(flag) == "1";
}

// A figure of the short run or of the long one; the variable `name`, when set, overrides both.
inline int64_t Setting(const char* name, int64_t short_run, int64_t long_run) {
  if (const char* value = std::getenv(name); value != nullptr && *value != '\0') {
    return std::strtoll(value, nullptr, 10);
  }
  return LongRun() ? long_run : short_run;
}

// "--database schema=url" for every service of the suite.
inline std::vector<std::string> DatabaseArguments(ReportingSuite& suite) {
  return {"--database", "registration=" + suite.registration().postgres_url(),
          "--database", "casework=" + suite.casework().postgres_url(),
          "--database", "publicity=" + suite.publicity().postgres_url(),
          "--database", "reporting=" + suite.reporting().postgres_url()};
}

inline std::string Quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct ProgramRun {
  int exit_code = -1;
  std::string output;  // stdout (the JSON report)

  // The number called `name` in the report (the first occurrence after `within`); -1 if absent.
  int64_t Number(const std::string& name, const std::string& within = "\"counts\"") const {
    size_t at = output.find(within);
    if (at == std::string::npos) return -1;
    at = output.find("\"" + name + "\":", at);
    if (at == std::string::npos) return -1;
    return std::strtoll(output.c_str() + at + name.size() + 3, nullptr, 10);
  }
};

// Runs a program built here (relative to the build directory) and captures its standard output.
inline ProgramRun RunBuiltProgram(const std::string& binary, const std::vector<std::string>& args) {
  std::string command = Quoted(std::string(JINDU_BUILD_DIR) + "/" + binary);
  for (const std::string& arg : args) command += " " + Quoted(arg);
  ProgramRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[65536];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) run.output.append(buffer, n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

// jindu-check over the whole suite, reading the topics of the broker at `kafka` (the suite's own,
// when it has one).
inline ProgramRun RunCheckerOn(const std::string& kafka, ReportingSuite& suite,
                               std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"--kafka", kafka};
  for (const std::string& arg : DatabaseArguments(suite)) args.push_back(arg);
  for (std::string& arg : extra) args.push_back(std::move(arg));
  return RunBuiltProgram("tools/checker/jindu-check", args);
}

// jindu-check over the whole suite on the shared broker.
inline ProgramRun RunChecker(ReportingSuite& suite, std::vector<std::string> extra = {}) {
  return RunCheckerOn(SharedKafka().BootstrapServers(), suite, std::move(extra));
}

// Arguments of jindu-leak-scan over the whole suite: `needles` written to a file in `directory`,
// every topic, Redis, the four schemas and the four services' logs (copied into `directory`, where
// a test may seed a leak).
inline std::vector<std::string> LeakScanArguments(ReportingSuite& suite,
                                                  const std::vector<std::string>& needles,
                                                  const std::string& directory) {
  const std::string needles_file = directory + "/needles.txt";
  {
    std::ofstream file(needles_file, std::ios::binary);
    file << "# names, phones and ID numbers the test created\n";
    for (const std::string& needle : needles) file << needle << "\n";
  }
  std::vector<std::string> args = {"--needles", needles_file,
                                   "--kafka",   SharedKafka().BootstrapServers(),
                                   "--redis",   SharedRedis().Address()};
  for (const std::string& arg : DatabaseArguments(suite)) args.push_back(arg);
  const std::pair<const char*, ServiceProcess*> services[] = {
      {"registration", &suite.registration()},
      {"casework", &suite.casework()},
      {"publicity", &suite.publicity()},
      {"reporting", &suite.reporting()}};
  for (const auto& [name, service] : services) {
    const std::string log = directory + "/" + name + ".log";
    std::ofstream(log, std::ios::binary) << service->Log();
    args.insert(args.end(), {"--log", log});
  }
  return args;
}

inline int64_t Scalar(const std::string& url, const std::string& sql) {
  pqxx::connection connection(url);
  pqxx::nontransaction tx(connection);
  const pqxx::result rows = tx.exec(sql);
  return rows.empty() || rows[0][0].is_null() ? 0 : rows[0][0].as<int64_t>();
}

inline void Execute(const std::string& url, const std::string& sql) {
  pqxx::connection connection(url);
  pqxx::work tx(connection);
  tx.exec(sql);
  tx.commit();
}

// Waits until `sql` answers `expected`; fails the test (and returns false) after `timeout`.
inline bool WaitForScalar(const std::string& url, const std::string& sql, int64_t expected,
                          std::chrono::seconds timeout = std::chrono::seconds(60)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int64_t seen = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    seen = Scalar(url, sql);
    if (seen == expected) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ADD_FAILURE() << sql << " gave " << seen << ", expected " << expected;
  return false;
}

// The largest jindu_inbox_consumer_lag of the service (over every consumer and partition), or -1
// when it reports none yet.
inline double MaxConsumerLag(ServiceProcess& service) {
  const std::string exposition = ScrapeMetrics(service.metrics_port());
  std::istringstream lines(exposition);
  double worst = -1;
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("jindu_inbox_consumer_lag{")) continue;
    worst = std::max(worst, std::strtod(line.c_str() + line.rfind(' ') + 1, nullptr));
  }
  return worst;
}

// Organisations and a pledge campaign in 芙蓉区 (430102) to ingest participation into.
struct PledgeCampaign {
  std::string organizer;  // organizations/...
  std::string campaign;   // campaigns/...
};

inline const TestCaller kRegistrar{
    .subject = "registrar", .roles = {"province_admin"}, .regions = {"430000"}};
inline const TestCaller kStaff{
    .subject = "furong-staff", .roles = {"association_staff"}, .regions = {"430100"}};
inline const TestCaller kSource{
    .subject = "pledge-app", .roles = {"system_caller"}, .regions = {"430100"}};

inline PledgeCampaign CreatePledgeCampaign(ReportingSuite& suite, const std::string& title) {
  namespace reg = registration::v1;
  namespace pub = publicity::v1;
  auto registration = reg::RegistrationService::NewStub(suite.registration().Channel());
  auto organization = [&](const std::string& name, const std::string& region,
                          const std::string& parent) {
    reg::CreateOrganizationRequest request;
    request.mutable_organization()->set_display_name(name);
    request.mutable_organization()->set_kind(reg::ORGANIZATION_KIND_ASSOCIATION);
    request.mutable_organization()->set_region_code(region);
    request.mutable_organization()->set_parent(parent);
    *request.mutable_organization()->mutable_founding_date() = ProtoDay(2019, 6, 26);
    reg::Organization created;
    auto context = suite.registration().Context(kRegistrar);
    const grpc::Status status = registration->CreateOrganization(context.get(), request, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created.name();
  };
  PledgeCampaign made;
  const std::string city = organization(title + "长沙市协会", "430100", "");
  made.organizer = organization(title + "芙蓉区协会", "430102", city);

  auto publicity = pub::PublicityService::NewStub(suite.publicity().Channel());
  pub::CreateCampaignRequest request;
  pub::Campaign* campaign = request.mutable_campaign();
  campaign->set_display_name(title);
  campaign->set_tag(pub::CAMPAIGN_TAG_JUNE_26);
  campaign->set_organizer(made.organizer);
  *campaign->mutable_date_range()->mutable_start_date() = DaysFromToday(-30);
  *campaign->mutable_date_range()->mutable_end_date() = DaysFromToday(1);
  campaign->add_region_codes("430102");
  pub::Campaign created;
  // The organiser reaches publicity as a registration event: retry until its replica knows it.
  grpc::Status status;
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto context = suite.publicity().Context(kStaff);
    status = publicity->CreateCampaign(context.get(), request, &created);
    if (status.ok()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_TRUE(status.ok()) << status.error_message();
  made.campaign = created.name();
  return made;
}

// A version-4 UUID text made from two numbers (deterministic, distinct for distinct inputs).
inline std::string TestUuid(uint32_t high, uint64_t low) {
  char text[40];
  std::snprintf(text, sizeof text, "%08x-0000-4000-8000-%012llx", high,
                static_cast<unsigned long long>(low & 0xffffffffffffULL));
  return text;
}

// A pledge entry of 芙蓉区 `hours_ago` hours ago (within the campaign's 30 days).
inline publicity::v1::ParticipationEntry PledgeEntry(const std::string& campaign,
                                                     const std::string& entry_id,
                                                     const std::string& phone,
                                                     int64_t hours_ago = 1) {
  publicity::v1::ParticipationEntry entry;
  entry.set_entry_id(entry_id);
  entry.set_campaign(campaign);
  entry.set_kind(publicity::v1::PARTICIPATION_KIND_PLEDGE);
  entry.set_region_code("430102");
  *entry.mutable_occur_time() = google::protobuf::util::TimeUtil::GetCurrentTime() -
                                google::protobuf::util::TimeUtil::HoursToDuration(hours_ago);
  entry.set_participant_identifier(phone);
  entry.set_participant_identifier_kind(publicity::v1::PARTICIPANT_IDENTIFIER_KIND_PHONE);
  return entry;
}

// A message written straight onto a topic, past every service (poison, forged or repeated events).
struct RawMessage {
  std::string topic;
  std::string key;
  std::string value;
  std::vector<std::pair<std::string, std::string>> headers;
};

// Produces `messages` with a plain librdkafka producer and waits until the broker has them all.
inline void ProduceRaw(const std::vector<RawMessage>& messages) {
  char error[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  ASSERT_EQ(rd_kafka_conf_set(conf, "bootstrap.servers", SharedKafka().BootstrapServers().c_str(),
                              error, sizeof error),
            RD_KAFKA_CONF_OK);
  ASSERT_EQ(rd_kafka_conf_set(conf, "linger.ms", "5", error, sizeof error), RD_KAFKA_CONF_OK);
  rd_kafka_t* producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
  ASSERT_NE(producer, nullptr) << error;
  for (const RawMessage& message : messages) {
    rd_kafka_headers_t* headers = rd_kafka_headers_new(message.headers.size());
    for (const auto& [name, value] : message.headers) {
      rd_kafka_header_add(headers, name.data(), static_cast<ssize_t>(name.size()), value.data(),
                          static_cast<ssize_t>(value.size()));
    }
    for (;;) {
      const rd_kafka_resp_err_t sent = rd_kafka_producev(
          producer, RD_KAFKA_V_TOPIC(message.topic.c_str()),
          RD_KAFKA_V_KEY(const_cast<char*>(message.key.data()), message.key.size()),
          RD_KAFKA_V_VALUE(const_cast<char*>(message.value.data()), message.value.size()),
          RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_END);
      if (sent == RD_KAFKA_RESP_ERR_NO_ERROR) break;
      ASSERT_EQ(sent, RD_KAFKA_RESP_ERR__QUEUE_FULL) << rd_kafka_err2str(sent);
      rd_kafka_poll(producer, 100);  // the local queue is full: let deliveries drain it
    }
  }
  EXPECT_EQ(rd_kafka_flush(producer, 60000), RD_KAFKA_RESP_ERR_NO_ERROR);
  rd_kafka_destroy(producer);
}

// The figures file of a scenario: <build>/reliability/<scenario>.json, read by
// tools/reliability.sh.
inline void WriteFigures(const std::string& scenario, const std::string& json) {
  const std::filesystem::path directory = std::filesystem::path(JINDU_BUILD_DIR) / "reliability";
  std::filesystem::create_directories(directory);
  std::ofstream(directory / (scenario + ".json")) << json << "\n";
}

}  // namespace jindu::testing::reliability
