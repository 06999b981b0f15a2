// The "burst ingest" row of the benchmark suite (issue 9). Sustained participation ingest of the
// publicity service, end to end: starts PostgreSQL, Redis, Kafka, registration and publicity
// through the test harness, makes a campaign, then streams new pledges from --streams concurrent
// clients for --seconds. Counts only entries the service acknowledged as committed (a stream
// answered OK) whose ParticipationBatchAccepted events the relay published to Kafka, and divides
// by the time from the first entry sent until the last of those events was published.
//
// Baseline, run after each of --rounds ingest runs (A B A B): a raw librdkafka producer (this
// process, the same producer settings as runtime/kafka/kafka_producer.cc: idempotent, acks=all,
// linger.ms=5, lz4) sending as many messages as that run counted entries, each message one pledge
// as the clients sent it (its wire bytes, keyed by its entry id), to a topic of as many partitions
// on the same broker, timed from the first send until the broker acknowledged the last. Publicity
// writes the entries to PostgreSQL and publishes per-batch counts, so the ratio says what the
// whole durable ingest costs against merely moving the same entries into Kafka.
// With 2+ cores the servers run on core 0 and the clients (both sides) on core 1.
//
//   build/tests/bench/bench_publicity_participation --seconds=30 --rounds=2 --streams=4
//       [--json=bench/participation.json]
#include <librdkafka/rdkafka.h>

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <vector>

#include "bench_support.h"
#include "harness/kafka_admin.h"
#include "harness/shared_infrastructure.h"
#include "harness/topic_reader.h"
#include "jindu/publicity/events/v1/participation_events.pb.h"
#include "publicity_campaign_support.h"

namespace jindu::testing {
namespace {

using bench::Median;

struct Options {
  int seconds = 30;
  int rounds = 2;
  int streams = 4;
  int per_message = 1000;
  int messages_per_stream_call = 50;  // a stream call stays well inside the call deadline
  int slots = 4;
  std::string json = "bench/participation.json";
};

Options Parse(int argc, char** argv) {
  bench::Flags flags(argc, argv,
                     "[--seconds=30] [--rounds=2] [--streams=4] [--entries-per-message=1000]"
                     " [--messages-per-stream=50] [--ingest-slots=4]"
                     " [--json=bench/participation.json]");
  Options options;
  options.seconds = flags.Int("seconds", options.seconds);
  options.rounds = flags.Int("rounds", options.rounds);
  options.streams = flags.Int("streams", options.streams);
  options.per_message = flags.Int("entries-per-message", options.per_message);
  options.messages_per_stream_call =
      flags.Int("messages-per-stream", options.messages_per_stream_call);
  options.slots = flags.Int("ingest-slots", options.slots);
  options.json = flags.String("json", options.json);
  flags.CheckAllKnown();
  return options;
}

constexpr char kRawTopic[] = "bench.raw.participation";
constexpr int kPartitions = 6;  // as runtime::TopicSpec gives the service's topics

struct RawResult {
  int64_t delivered = 0;
  int64_t failed = 0;
  std::string first_error;
  double seconds = 0;
};

void OnRawDelivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque) {
  auto* result = static_cast<RawResult*>(opaque);
  if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
    ++result->delivered;
  } else {
    if (result->failed++ == 0) result->first_error = rd_kafka_err2str(message->err);
  }
}

// Sends `count` messages cycling through `entries` (serialized pledges, keyed by their ids) and
// waits until each is acknowledged or failed.
RawResult ProduceRaw(const std::string& bootstrap,
                     const std::vector<std::pair<std::string, std::string>>& entries,
                     int64_t count) {
  RawResult result;
  char error[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  for (const auto& [name, value] :
       std::vector<std::pair<std::string, std::string>>{{"bootstrap.servers", bootstrap},
                                                        {"enable.idempotence", "true"},
                                                        {"acks", "all"},
                                                        {"linger.ms", "5"},
                                                        {"message.timeout.ms", "30000"},
                                                        {"compression.type", "lz4"}}) {
    if (rd_kafka_conf_set(conf, name.c_str(), value.c_str(), error, sizeof error) !=
        RD_KAFKA_CONF_OK) {
      std::cerr << "raw producer: " << error << "\n";
      rd_kafka_conf_destroy(conf);
      result.failed = count;
      return result;
    }
  }
  rd_kafka_conf_set_dr_msg_cb(conf, OnRawDelivery);
  rd_kafka_conf_set_opaque(conf, &result);
  rd_kafka_t* producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
  if (producer == nullptr) {
    std::cerr << "raw producer: " << error << "\n";
    rd_kafka_conf_destroy(conf);
    result.failed = count;
    return result;
  }
  const auto start = std::chrono::steady_clock::now();
  for (int64_t n = 0; n < count; ++n) {
    const auto& [key, value] = entries[static_cast<size_t>(n) % entries.size()];
    for (;;) {
      const rd_kafka_resp_err_t err =
          rd_kafka_producev(producer, RD_KAFKA_V_TOPIC(kRawTopic),
                            RD_KAFKA_V_KEY(const_cast<char*>(key.data()), key.size()),
                            RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()),
                            RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
      if (err == RD_KAFKA_RESP_ERR_NO_ERROR) break;
      if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
        if (result.failed++ == 0) result.first_error = rd_kafka_err2str(err);
        break;
      }
      rd_kafka_poll(producer, 10);  // the local queue is full: let deliveries drain it
    }
    rd_kafka_poll(producer, 0);
  }
  rd_kafka_flush(producer, 60000);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  rd_kafka_destroy(producer);
  return result;
}

struct IngestResult {
  int64_t acknowledged = 0;
  int64_t saturated = 0;
  int64_t failed = 0;
  double ingest_seconds = 0;
  double total_seconds = 0;
};

// Streams pledges for options.seconds; waits until every event written is published.
IngestResult Ingest(const Options& options, RegistrationBackedSuite& suite,
                    const std::string& campaign, std::atomic<int64_t>& next_entry) {
  const std::vector<std::string> regions = {"430102", "430103", "430104"};
  std::atomic<int64_t> acknowledged{0};
  std::atomic<int64_t> saturated{0};
  std::atomic<int64_t> failed{0};
  const auto start = std::chrono::steady_clock::now();
  const auto stop_at = start + std::chrono::seconds(options.seconds);
  std::vector<std::thread> threads;
  for (int s = 0; s < options.streams; ++s) {
    threads.emplace_back([&] {
      auto stub = pub::PublicityService::NewStub(suite.service().Channel());
      while (std::chrono::steady_clock::now() < stop_at) {
        auto context = suite.service().Context(kIngestSystem, std::chrono::seconds(60));
        pub::StreamParticipationEntriesResponse response;
        auto writer = stub->StreamParticipationEntries(context.get(), &response);
        for (int m = 0;
             m < options.messages_per_stream_call && std::chrono::steady_clock::now() < stop_at;
             ++m) {
          pub::StreamParticipationEntriesRequest message;
          const int64_t first = next_entry.fetch_add(options.per_message);
          for (int64_t n = first; n < first + options.per_message; ++n) {
            *message.add_entries() =
                Pledge(EntryUuid(9, n), campaign, regions[n % 3], PhoneNumber(n), 600 + (n % 3600));
          }
          if (!writer->Write(message)) break;
        }
        writer->WritesDone();
        const grpc::Status status = writer->Finish();
        if (status.ok()) {
          acknowledged += response.counts().accepted();
        } else if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
          ++saturated;
          std::this_thread::sleep_for(std::chrono::seconds(1));  // as RetryInfo says
        } else {
          ++failed;
          std::cerr << "stream failed: " << status.error_message() << "\n";
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  IngestResult result;
  result.ingest_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // Wait for the relay to publish every event written (the outbox has no row left unpublished).
  {
    pqxx::connection connection(suite.service().postgres_url());
    for (;;) {
      pqxx::nontransaction tx(connection);
      if (tx.exec("SELECT count(*) FROM publicity.outbox WHERE published_at IS NULL")[0][0]
              .as<int64_t>() == 0) {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  result.total_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.acknowledged = acknowledged;
  result.saturated = saturated;
  result.failed = failed;
  return result;
}

int Run(const Options& options) {
  const bool pin = bench::CanPin();
  if (pin) bench::PinProcess(0);
  std::cout << "starting PostgreSQL, Redis, Kafka, registration and publicity..." << std::endl;
  auto suite = RegistrationBackedSuite::Start(
      "bench_participation", "services/publicity/jindu-publicity", "publicity", "", "430104",
      {{"JINDU_PARTICIPATION_INGEST_SLOTS", std::to_string(options.slots)},
       {"JINDU_POSTGRES_POOL_SIZE", std::to_string(options.slots + 8)},
       {"JINDU_LOG_LEVEL", "warn"}});
  const std::string bootstrap = SharedKafka().BootstrapServers();
  CreateKafkaTopic(bootstrap, kRawTopic, kPartitions, std::chrono::seconds(60));
  const std::string organizer = MakeOrganizer(*suite, "长沙市禁毒协会", "430100");
  pub::CreateCampaignRequest create;
  *create.mutable_campaign() =
      CampaignDraft(organizer, "基准测试宣誓", {"430102", "430103", "430104"});
  pub::Campaign campaign;
  {
    auto context = suite->service().Context(kProvinceAdmin);
    const grpc::Status status = pub::PublicityService::NewStub(suite->service().Channel())
                                    ->CreateCampaign(context.get(), create, &campaign);
    if (!status.ok()) {
      std::cerr << "CreateCampaign: " << status.error_message() << "\n";
      return 1;
    }
  }
  if (pin) bench::PinProcess(1);
  // The baseline's messages: pledges as the clients send them (same builder, same sizes).
  const std::vector<std::string> regions = {"430102", "430103", "430104"};
  std::vector<std::pair<std::string, std::string>> raw_entries;
  size_t raw_bytes = 0;
  for (int64_t n = 0; n < 1000; ++n) {
    const auto entry =
        Pledge(EntryUuid(8, n), campaign.name(), regions[n % 3], PhoneNumber(n), 600 + (n % 3600));
    raw_entries.emplace_back(entry.entry_id(), entry.SerializeAsString());
    raw_bytes += raw_entries.back().second.size();
  }

  std::atomic<int64_t> next_entry{0};
  std::vector<double> ours, baseline;
  int64_t acknowledged = 0, saturated = 0, failed = 0, raw_failed = 0;
  std::string raw_error;
  for (int round = 1; round <= options.rounds; ++round) {
    const IngestResult ingest = Ingest(options, *suite, campaign.name(), next_entry);
    acknowledged += ingest.acknowledged;
    saturated += ingest.saturated;
    failed += ingest.failed;
    ours.push_back(static_cast<double>(ingest.acknowledged) / ingest.total_seconds);
    const RawResult raw = ProduceRaw(bootstrap, raw_entries, ingest.acknowledged);
    raw_failed += raw.failed;
    if (raw_error.empty()) raw_error = raw.first_error;
    baseline.push_back(raw.seconds > 0 ? static_cast<double>(raw.delivered) / raw.seconds : 0);
    std::cout << "round " << round << ": publicity " << ingest.acknowledged << " entries in "
              << ingest.total_seconds << " s (ingest window " << ingest.ingest_seconds
              << " s) = " << static_cast<int64_t>(ours.back()) << " entries/s; raw producer "
              << raw.delivered << " messages in " << raw.seconds
              << " s = " << static_cast<int64_t>(baseline.back()) << " messages/s" << std::endl;
  }
  // Cross-check on Kafka: the events of the campaign add up to at least what was acknowledged
  // (a stream refused mid-way committed messages nobody acknowledged: those are not counted).
  const auto events = ReadTopicEvents(bootstrap, "jindu.publicity.participation.v1",
                                      static_cast<size_t>(acknowledged / options.per_message),
                                      std::chrono::seconds(120), std::chrono::seconds(3));
  int64_t published = 0, batches = 0;
  for (const TopicEvent& event : events) {
    publicity::events::v1::ParticipationBatchAccepted batch;
    if (event.key != IdOf(campaign.name()) || !event.envelope.payload().UnpackTo(&batch)) continue;
    ++batches;
    for (const auto& count : batch.counts()) published += count.accepted();
  }
  bench::Report(
      "participation", options.json,
      {bench::AtLeast("burst ingest, entries/s (publicity vs raw librdkafka producer)",
                      Median(baseline), Median(ours), 0.8)},
      {{"rounds", std::to_string(options.rounds) + " x " + std::to_string(options.seconds) +
                      " s of ingest, then the raw producer with the same count"},
       {"pinning", bench::PinningText(pin)},
       {"streams", std::to_string(options.streams) + ", entries per message " +
                       std::to_string(options.per_message) + ", ingest slots " +
                       std::to_string(options.slots)},
       {"entry bytes (mean, as sent and as the raw producer sends them)",
        std::to_string(raw_bytes / raw_entries.size())},
       {"entries acknowledged", std::to_string(acknowledged)},
       {"accepted in Kafka events", std::to_string(published) + " (" + std::to_string(batches) +
                                        " ParticipationBatchAccepted events)"},
       {"saturated streams", std::to_string(saturated)},
       {"failed streams", std::to_string(failed)},
       {"raw producer failed messages",
        std::to_string(raw_failed) + (raw_error.empty() ? "" : " (" + raw_error + ")")}});
  return failed == 0 && raw_failed == 0 && published >= acknowledged ? 0 : 1;
}

}  // namespace
}  // namespace jindu::testing

int main(int argc, char** argv) { return jindu::testing::Run(jindu::testing::Parse(argc, argv)); }
